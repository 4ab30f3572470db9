import { AmiDecoder } from './ami-decoder';
import type { AmiMessage } from './ami-message';
import { decodeInChunks, loadCapture } from './testing/ami-capture';
import { messagesOf } from './testing/ami-decoded';
import {
  AsteriskManagerReferenceParser,
  type AsteriskManagerItem,
} from './testing/asterisk-manager-reference-parser';

/**
 * Our messages in asterisk-manager 0.2.0's shape (lib/ami.js ManagerReader), which differs
 * systematically from ours — these are the only differences allowed:
 * - names are trimmed and lower-cased ("CallerIDName" → "callername");
 * - `Variable` / `ChanVariable` become an object by variable name, so a variable repeated in
 *   one message keeps only its last value (we keep every line in order);
 * - any other repeated header becomes an array (we keep separate headers in wire order);
 * - the banner is dropped (we emit it as a message with one `Banner` header).
 */
function inAsteriskManagerShape(message: AmiMessage): AsteriskManagerItem {
  const item: AsteriskManagerItem = {};
  for (const [name, value] of message.headers) {
    const key = name.trim().toLowerCase();
    if (key === 'variable' || key === 'chanvariable') {
      const variables = (item[key] ??= {}) as Record<string, string>;
      const eq = value.indexOf('=');
      if (eq < 0) variables[value] = '';
      else variables[value.slice(0, eq)] = value.slice(eq + 1);
      continue;
    }
    const seen = item[key];
    if (seen === undefined) item[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else item[key] = [seen as string, value];
  }
  return item;
}

function referenceItems(capture: Buffer): AsteriskManagerItem[] {
  const parser = new AsteriskManagerReferenceParser();
  const items: AsteriskManagerItem[] = [];
  for (let at = 0; at < capture.length; at += 65_536) {
    items.push(...parser.push(capture.subarray(at, at + 65_536)));
  }
  return items;
}

describe(AmiDecoder.name, () => {
  describe.each(['run1', 'run2'] as const)('against asterisk-manager on the %s capture', (run) => {
    const capture = loadCapture(run);

    it('yields the same headers and values for every message, in the same order', () => {
      const ours = messagesOf(decodeInChunks(new AmiDecoder(), capture, [65_536]));
      expect(ours[0].get('Banner')).toMatch(/^Asterisk Call Manager\//);
      const withoutBanner = ours.slice(1);
      const theirs = referenceItems(capture);

      expect(withoutBanner.length).toBeGreaterThan(10_000);
      expect(theirs).toHaveLength(withoutBanner.length);
      const differing: { index: number; ours: AsteriskManagerItem; theirs: AsteriskManagerItem }[] =
        [];
      withoutBanner.forEach((message, index) => {
        const mine = inAsteriskManagerShape(message);
        if (JSON.stringify(mine) !== JSON.stringify(theirs[index]) && differing.length < 3) {
          differing.push({ index, ours: mine, theirs: theirs[index] });
        }
      });
      expect(differing).toEqual([]);
    });
  });

  it('keeps a repeated channel variable that asterisk-manager overwrites', () => {
    const wire = Buffer.from(
      'Event: VarSet\r\nChanVariable: HOTLINE=110\r\nChanVariable: HOTLINE=120\r\n\r\n',
    );
    const [ours] = messagesOf(new AmiDecoder().push(wire));
    const [theirs] = new AsteriskManagerReferenceParser().push(wire);
    expect(ours.getAll('ChanVariable')).toEqual(['HOTLINE=110', 'HOTLINE=120']);
    expect(theirs.chanvariable).toEqual({ HOTLINE: '120' });
  });
});
