import { AmiDecoder } from './ami-decoder';
import { AmiErrorCode, AmiProtocolError } from './ami-protocol-error';

describe(AmiDecoder.name, () => {
  it('reports a message with a line without a colon once, and decodes the next message', () => {
    const results = new AmiDecoder().push(
      'Event: Newstate\r\nthis is no header\r\nneither is this\r\nChannel: SIP/1\r\n\r\n' +
        'Event: Hangup\r\nChannel: SIP/1\r\n\r\n',
    );
    expect(results).toHaveLength(2);
    const [bad, good] = results;
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toBeInstanceOf(AmiProtocolError);
      expect(bad.error.code).toBe(AmiErrorCode.MalformedHeader);
      expect(bad.error.detail).toBe('this is no header');
    }
    expect(good.ok && good.message.headers).toEqual([
      ['Event', 'Hangup'],
      ['Channel', 'SIP/1'],
    ]);
  });

  it('treats a line starting with a colon as malformed', () => {
    const [result] = new AmiDecoder().push(': value\r\n\r\n');
    expect(!result.ok && result.error.code).toBe(AmiErrorCode.MalformedHeader);
  });
});
