import { AmiDecoder } from './ami-decoder';
import { encodeAction } from './ami-encoder';
import type { AmiMessage } from './ami-message';
import { AmiProtocolError } from './ami-protocol-error';
import { decodeInChunks, loadCapture } from './testing/ami-capture';
import { messagesOf } from './testing/ami-decoded';
import {
  AsteriskManagerReferenceParser,
  asteriskManagerEncode,
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

// asterisk-manager 0.2.0 behaviour that docs/adr/0001-own-ami-client.md rests on.
describe(AsteriskManagerReferenceParser.name, () => {
  it('merges a half message from a dropped connection into the next connection', () => {
    // ManagerReader keeps context.lines/leftOver across ManagerConnect: nothing resets them.
    const parser = new AsteriskManagerReferenceParser();
    parser.push(Buffer.from('Event: Hangup\r\nChannel: SIP/1-0001\r\nCau'));
    const [merged] = parser.push(
      Buffer.from('Asterisk Call Manager/11.0.0\r\nResponse: Success\r\nActionID: 2\r\n\r\n'),
    );
    expect(merged.event).toBe('Hangup');
    expect(merged.response).toBe('Success');

    const decoder = new AmiDecoder();
    decoder.push('Event: Hangup\r\nChannel: SIP/1-0001\r\nCau');
    decoder.reset();
    const [banner, response] = messagesOf(
      decoder.push('Asterisk Call Manager/11.0.0\r\nResponse: Success\r\nActionID: 2\r\n\r\n'),
    );
    expect(banner.get('Banner')).toBe('Asterisk Call Manager/11.0.0');
    expect(response.event).toBeUndefined();
    expect(response.actionId).toBe('2');
  });

  it('writes a header value with CR/LF as given, so the value can carry a second action', () => {
    const wire = asteriskManagerEncode(
      {
        action: 'Setvar',
        variable: 'X',
        value: '1\r\n\r\nAction: Originate\r\nChannel: SIP/premium',
      },
      '1',
    );
    expect(wire).toContain('\r\nAction: Originate\r\nChannel: SIP/premium');
    expect(() =>
      encodeAction({ action: 'Setvar', headers: { Value: '1\r\n\r\nAction: Originate' } }, '1'),
    ).toThrow(AmiProtocolError);
  });
});
