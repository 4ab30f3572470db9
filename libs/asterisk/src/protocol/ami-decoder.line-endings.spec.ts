import { AmiDecoder } from './ami-decoder';
import { messagesOf } from './testing/ami-decoded';

const EVENT_LINES = [
  'Event: QueueCallerJoin',
  'Privilege: agent,all',
  'Channel: Local/s@callers-00000000;1',
  'Queue: 12345',
  'Position: 1',
  'Count: 1',
];

describe(AmiDecoder.name, () => {
  const asCrlf = `${EVENT_LINES.join('\r\n')}\r\n\r\n`;
  const asLf = `${EVENT_LINES.join('\n')}\n\n`;
  const mixed = `${EVENT_LINES.map((line, i) => line + (i % 2 ? '\n' : '\r\n')).join('')}\r\n`;

  it('reads CRLF, bare LF and mixed line ends as the same message', () => {
    const [crlf] = messagesOf(new AmiDecoder().push(asCrlf));
    const [lf] = messagesOf(new AmiDecoder().push(asLf));
    const [both] = messagesOf(new AmiDecoder().push(mixed));
    expect(crlf.headers).toEqual(EVENT_LINES.map((line) => line.split(': ')));
    expect(lf.headers).toEqual(crlf.headers);
    expect(both.headers).toEqual(crlf.headers);
  });

  it('does not take a CR split from its LF by the chunking as part of the value', () => {
    const decoder = new AmiDecoder();
    const results = [...decoder.push('Event: Hangup\r'), ...decoder.push('\nCause: 16\r')];
    expect(results).toEqual([]);
    const [message] = messagesOf([...results, ...decoder.push('\n\r\n')]);
    expect(message.headers).toEqual([
      ['Event', 'Hangup'],
      ['Cause', '16'],
    ]);
  });

  it('ignores empty chunks, even between a CR and its LF', () => {
    const decoder = new AmiDecoder();
    const results = [
      ...decoder.push(''),
      ...decoder.push('Event: Hangup\r'),
      ...decoder.push(Buffer.alloc(0)),
      ...decoder.push('\n\r'),
      ...decoder.push(''),
      ...decoder.push('\n'),
    ];
    expect(messagesOf(results).map((m) => m.headers)).toEqual([[['Event', 'Hangup']]]);
  });

  it('keeps a CR inside a line when more bytes follow it', () => {
    const decoder = new AmiDecoder();
    decoder.push('Event: UserEvent\r\nData: a\r');
    const [message] = messagesOf(decoder.push('b\r\n\r\n'));
    expect(message.get('Data')).toBe('a\rb');
  });

  it('reads "Name:value" without the space and keeps empty values and later colons', () => {
    const [message] = messagesOf(
      new AmiDecoder().push('Event: Newexten\r\nAppData:\r\nExten:s\r\nUniqueid: 17.5:x\r\n\r\n'),
    );
    expect(message.headers).toEqual([
      ['Event', 'Newexten'],
      ['AppData', ''],
      ['Exten', 's'],
      ['Uniqueid', '17.5:x'],
    ]);
  });

  it('ignores extra blank lines between messages', () => {
    const messages = messagesOf(new AmiDecoder().push(`\r\n${asCrlf}\r\n\r\n${asLf}`));
    expect(messages).toHaveLength(2);
  });
});
