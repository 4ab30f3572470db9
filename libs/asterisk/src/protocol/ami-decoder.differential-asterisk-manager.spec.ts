import { AmiDecoder } from './ami-decoder';
import type { AmiMessage } from './ami-message';
import { decodeInChunks, loadCapture } from './testing/ami-capture';
import { messagesOf } from './testing/ami-decoded';
import {
  AsteriskManagerReferenceParser,
  type AsteriskManagerItem,
} from './testing/asterisk-manager-reference-parser';

/** Socket-sized reads, as both parsers see them in production. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Our message in asterisk-manager 0.2.0's data model (lib/ami.js `ManagerReader`, lines
 * 139-165): keys trimmed and lower-cased; `Variable` / `ChanVariable` folded into an object
 * `{NAME: value}` split on the first "=" (a repeated variable name keeps only its LAST value
 * there); any other repeated header becomes an array of its values in wire order. Repeats are
 * therefore compared on what asterisk-manager keeps: all values for ordinary headers, the
 * last value per variable name for (Chan)Variable.
 */
function asAsteriskManagerSees(message: AmiMessage): AsteriskManagerItem {
  const item: AsteriskManagerItem = {};
  for (const [name, value] of message.headers) {
    const key = name.trim().toLowerCase();
    if (key === 'variable' || key === 'chanvariable') {
      const seen = item[key];
      const variables = typeof seen === 'object' && !Array.isArray(seen) ? seen : {};
      const eq = value.indexOf('=');
      if (eq < 0) variables[value] = '';
      else variables[value.slice(0, eq)] = value.slice(eq + 1);
      item[key] = variables;
      continue;
    }
    const seen = item[key];
    if (seen === undefined) item[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else if (typeof seen === 'string') item[key] = [seen, value];
  }
  return item;
}

function referenceItems(capture: Buffer): AsteriskManagerItem[] {
  const parser = new AsteriskManagerReferenceParser();
  const items: AsteriskManagerItem[] = [];
  for (let at = 0; at < capture.length; at += CHUNK_BYTES) {
    items.push(...parser.push(capture.subarray(at, at + CHUNK_BYTES)));
  }
  return items;
}

describe(AmiDecoder.name, () => {
  describe.each(['run1', 'run2'] as const)('against asterisk-manager on the %s capture', (run) => {
    const capture = loadCapture(run);
    const ours = messagesOf(decodeInChunks(new AmiDecoder(), capture, [CHUNK_BYTES]));
    const theirs = referenceItems(capture);

    it('yields the same events, header for header and value for value', () => {
      const ourEvents = ours.filter((m) => m.event !== undefined).map(asAsteriskManagerSees);
      const theirEvents = theirs.filter((item) => item.event !== undefined);
      expect(ourEvents.length).toBeGreaterThan(10_000);
      expect(ourEvents).toHaveLength(theirEvents.length);
      const firstDifference = ourEvents.findIndex(
        (event, i) => JSON.stringify(event) !== JSON.stringify(theirEvents[i]),
      );
      // On a mismatch, show the first differing pair rather than a 10k-element diff.
      if (firstDifference >= 0) {
        expect(ourEvents[firstDifference]).toEqual(theirEvents[firstDifference]);
      }
      expect(firstDifference).toBe(-1);
    });

    it('yields the same action responses; asterisk-manager drops the banner we report', () => {
      const ourResponses = ours
        .filter((m) => m.event === undefined && m.get('Banner') === undefined)
        .map(asAsteriskManagerSees);
      const theirResponses = theirs.filter((item) => item.event === undefined);
      expect(ourResponses.length).toBeGreaterThan(0);
      expect(ourResponses).toEqual(theirResponses);
      expect(ours.filter((m) => m.get('Banner') !== undefined)).toHaveLength(1);
      expect(ours).toHaveLength(theirs.length + 1);
    });
  });
});
