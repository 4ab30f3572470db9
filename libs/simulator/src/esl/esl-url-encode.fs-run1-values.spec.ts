import { percentDecode } from '@hotline/freeswitch';
import { switchUrlEncode } from './esl-url-encode';

describe(switchUrlEncode.name, () => {
  it.each([
    ['callcenter::info', 'callcenter%3A%3Ainfo'],
    ['1001@default', '1001%40default'],
    ['Sun, 29 Nov 2026 02:20:52 GMT', 'Sun,%2029%20Nov%202026%2002%3A20%3A52%20GMT'],
    [
      "agent set status 1001@default 'Available'",
      "agent%20set%20status%201001%40default%20'Available'",
    ],
    ['ARRAY::12345|:12345', 'ARRAY%3A%3A12345%7C%3A12345'],
    ['"caller_fs-run1-0002" <79284625694>', '%22caller_fs-run1-0002%22%20%3C79284625694%3E'],
    ['1.10.12-release~64bit', '1.10.12-release~64bit'],
    ['loopback/12345-b', 'loopback/12345-b'],
  ])('encodes %j as fs-run1 shows it', (value, encoded) => {
    expect(switchUrlEncode(value)).toBe(encoded);
  });

  it('encodes UTF-8 bytes and line breaks, and the project decoder reads them back', () => {
    const value = '张三 a+b\r\nc%d';
    const encoded = switchUrlEncode(value);
    expect(encoded).toBe('%E5%BC%A0%E4%B8%89%20a%2Bb%0D%0Ac%25d');
    expect(percentDecode(encoded)).toBe(value);
  });
});
