import { AmiDecoder } from './ami-decoder';
import { messagesOf } from './testing/ami-decoded';

describe(AmiDecoder.name, () => {
  const login = 'Response: Success\r\nActionID: a1\r\nMessage: Authentication accepted\r\n\r\n';

  it('emits the banner line alone, although no blank line follows it', () => {
    const [banner, response] = messagesOf(
      new AmiDecoder().push(`Asterisk Call Manager/11.0.0\r\n${login}`),
    );
    expect(banner.headers).toEqual([['Banner', 'Asterisk Call Manager/11.0.0']]);
    expect(response.response).toBe('Success');
    expect(response.headers).toHaveLength(3);
  });

  it('reads a first line that is not a banner as a header', () => {
    const [response] = messagesOf(new AmiDecoder().push(login));
    expect(response.actionId).toBe('a1');
  });

  it('drops a stale half message on reset, and reads the next connection from its banner', () => {
    const decoder = new AmiDecoder();
    decoder.push(`Asterisk Call Manager/11.0.0\r\nEvent: Hangup\r\nChannel: SIP/1\r\nCau`);
    expect(decoder.bufferedBytes).toBeGreaterThan(0);
    decoder.reset();
    expect(decoder.bufferedBytes).toBe(0);
    const [banner, response] = messagesOf(decoder.push(`Asterisk Call Manager/11.0.0\r\n${login}`));
    expect(banner.get('Banner')).toBe('Asterisk Call Manager/11.0.0');
    expect(response.headers.map(([name]) => name)).toEqual(['Response', 'ActionID', 'Message']);
  });

  it('takes the banner prefix only on the first line', () => {
    const results = new AmiDecoder().push(
      `${login}Asterisk Call Manager/11.0.0\r\nEvent: X\r\n\r\n`,
    );
    expect(results.map((r) => r.ok)).toEqual([true, false]);
  });
});
