import fc from 'fast-check';
import { AmiDecoder } from './ami-decoder';
import { encodeAction, encodeMessage } from './ami-encoder';
import type { AmiHeader } from './ami-message';
import { messagesOf } from './testing/ami-decoded';

describe(encodeMessage.name, () => {
  it('decodes back to the same headers, repeats and UTF-8 included', () => {
    const headers: AmiHeader[] = [
      ['Event', 'QueueCallerJoin'],
      ['CallerIDName', '李雷'],
      ['ChanVariable', 'HOTLINE=110'],
      ['ChanVariable', 'SURVEY='],
      ['Empty', ''],
      ['Url', 'http://x/?a=b:c'],
    ];
    const [message] = messagesOf(new AmiDecoder().push(encodeMessage(headers)));
    expect(message.headers).toEqual(headers);
  });

  it('round-trips any headers without CR/LF (names also without a colon)', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/);
    const value = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((v) => !/[\r\n]/.test(v));
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { minLength: 1, maxLength: 12 }), (headers) => {
        const [message] = messagesOf(new AmiDecoder().push(encodeMessage(headers)));
        expect(message.headers).toEqual(headers);
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('round-trips an action with its ActionID', () => {
    const wire = encodeAction(
      {
        action: 'Originate',
        headers: [
          ['Variable', 'A=1'],
          ['Variable', 'B=2'],
        ],
      },
      'hm-9',
    );
    const [message] = messagesOf(new AmiDecoder().push(wire));
    expect(message.get('Action')).toBe('Originate');
    expect(message.actionId).toBe('hm-9');
    expect(message.getAll('Variable')).toEqual(['A=1', 'B=2']);
  });
});
