import { EslDecoder } from './esl-decoder';
import { EslProtocolError } from './esl-error';
import { eslFrame, eventPlainFrame } from '../testing/esl-capture.factory';

describe(EslDecoder.name, () => {
  it('decodes a frame without body, then a frame with one', () => {
    const bytes = Buffer.concat([
      eslFrame({ 'Content-Type': 'command/reply', 'Reply-Text': '+OK accepted' }),
      eslFrame({ 'Content-Type': 'api/response' }, 'UP 0 years\n'),
    ]);
    const [reply, api] = new EslDecoder().push(bytes);
    expect(reply.replyText).toBe('+OK accepted');
    expect(api.contentType).toBe('api/response');
    expect(api.body).toBe('UP 0 years\n');
  });

  it('counts Content-Length in bytes and decodes a Chinese caller name split mid-character', () => {
    const frame = eventPlainFrame({
      'Event-Name': 'CUSTOM',
      'Event-Subclass': 'callcenter::info',
      'CC-Member-CID-Name': '张三 市民热线',
      variable_hotline: '12345',
    });
    const nameStart = frame.indexOf('%E5%BC%A0');
    expect(nameStart).toBeGreaterThan(0);
    const decoder = new EslDecoder();
    // Raw UTF-8 in an api body, split inside the 3-byte character 热.
    const api = eslFrame({ 'Content-Type': 'api/response' }, '热线 12345');
    const cut = api.indexOf(Buffer.from('热', 'utf8')) + 1;
    const out = [
      ...decoder.push(frame.subarray(0, nameStart + 4)),
      ...decoder.push(frame.subarray(nameStart + 4)),
      ...decoder.push(api.subarray(0, cut)),
      ...decoder.push(api.subarray(cut)),
    ];
    expect(out[0].event?.get('CC-Member-CID-Name')).toBe('张三 市民热线');
    expect(out[0].event?.variable('hotline')).toBe('12345');
    expect(out[1].body).toBe('热线 12345');
  });

  it('refuses a header block larger than the cap with ESL_ERR_HEADER_TOO_LARGE, and stays failed', () => {
    const decoder = new EslDecoder({ maxMessageBytes: 1024 });
    const flood = Buffer.from(`X-Flood: ${'a'.repeat(2000)}\n`);
    expect(() => decoder.push(flood)).toThrow(
      expect.objectContaining({ code: 'ESL_ERR_HEADER_TOO_LARGE' }),
    );
    expect(() => decoder.push(eslFrame({ 'Content-Type': 'command/reply' }))).toThrow(
      EslProtocolError,
    );
  });

  it('refuses a Content-Length above the cap before buffering the body', () => {
    const decoder = new EslDecoder({ maxMessageBytes: 1024 });
    expect(() => decoder.push('Content-Type: api/response\nContent-Length: 5000\n\n')).toThrow(
      expect.objectContaining({ code: 'ESL_ERR_BODY_TOO_LARGE' }),
    );
  });

  it('refuses a non-numeric Content-Length and a line that is not a header', () => {
    expect(() => new EslDecoder().push('Content-Length: 12x\n\n')).toThrow(
      expect.objectContaining({ code: 'ESL_ERR_BAD_CONTENT_LENGTH' }),
    );
    expect(() => new EslDecoder().push('garbage line\n\n')).toThrow(
      expect.objectContaining({ code: 'ESL_ERR_MALFORMED_HEADER' }),
    );
  });

  it('waits for the rest of a body that has not arrived yet', () => {
    const decoder = new EslDecoder();
    const frame = eslFrame({ 'Content-Type': 'api/response' }, '+OK\n');
    expect(decoder.push(frame.subarray(0, frame.length - 2))).toEqual([]);
    expect(decoder.bufferedBytes).toBe(2);
    expect(decoder.push(frame.subarray(frame.length - 2))[0].body).toBe('+OK\n');
  });
});
