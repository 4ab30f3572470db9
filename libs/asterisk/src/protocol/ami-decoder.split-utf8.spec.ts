import { AmiDecoder } from './ami-decoder';
import { messagesOf } from './testing/ami-decoded';

describe(AmiDecoder.name, () => {
  const callerName = '张小明（市民）😀';
  const wire = Buffer.from(
    `Event: Newchannel\r\nCallerIDNum: 13800138000\r\nCallerIDName: ${callerName}\r\n` +
      `ConnectedLineName: 王芳\r\n\r\n`,
    'utf8',
  );

  it('decodes a Chinese caller name split across two chunks at every byte position', () => {
    for (let cut = 1; cut < wire.length; cut++) {
      const decoder = new AmiDecoder();
      const messages = messagesOf([
        ...decoder.push(wire.subarray(0, cut)),
        ...decoder.push(wire.subarray(cut)),
      ]);
      expect(messages).toHaveLength(1);
      expect(messages[0].get('CallerIDName')).toBe(callerName);
      expect(messages[0].get('ConnectedLineName')).toBe('王芳');
    }
  });

  it('decodes it fed one byte at a time', () => {
    const decoder = new AmiDecoder();
    const results = [];
    for (const byte of wire) results.push(...decoder.push(Buffer.from([byte])));
    expect(messagesOf(results)[0].get('CallerIDName')).toBe(callerName);
  });

  it('accepts string chunks too', () => {
    const [message] = messagesOf(new AmiDecoder().push(wire.toString('utf8')));
    expect(message.get('CallerIDName')).toBe(callerName);
  });
});
