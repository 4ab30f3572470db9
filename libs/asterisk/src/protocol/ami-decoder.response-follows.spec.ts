import { AmiDecoder } from './ami-decoder';
import { decodeInChunks } from './testing/ami-capture';
import { messagesOf } from './testing/ami-decoded';

describe(AmiDecoder.name, () => {
  // Asterisk 11 manager.c action_command: headers, raw CLI output, then the end marker.
  const follows =
    'Response: Follows\r\nPrivilege: Command\r\nActionID: hm-7\r\n' +
    'Channel              Location             State   Application(Data)\n' +
    'Local/s@callers-0000;1 s@callers:1        Up      Wait(7200)\n' +
    '\n' +
    'Queue: 12345 has 1 calls\n' +
    '1 active channel\n' +
    '--END COMMAND--\r\n\r\n' +
    'Event: FullyBooted\r\nStatus: Fully Booted\r\n\r\n';

  it('puts the command output lines, blank and colon-bearing ones too, into output', () => {
    const [response, event] = messagesOf(new AmiDecoder().push(follows));
    expect(response.headers).toEqual([
      ['Response', 'Follows'],
      ['Privilege', 'Command'],
      ['ActionID', 'hm-7'],
    ]);
    expect(response.actionId).toBe('hm-7');
    expect(response.output).toEqual([
      'Channel              Location             State   Application(Data)',
      'Local/s@callers-0000;1 s@callers:1        Up      Wait(7200)',
      '',
      'Queue: 12345 has 1 calls',
      '1 active channel',
    ]);
    expect(event.event).toBe('FullyBooted');
  });

  it('gives the same result fed one byte at a time', () => {
    const whole = messagesOf(new AmiDecoder().push(follows));
    const bytewise = messagesOf(decodeInChunks(new AmiDecoder(), Buffer.from(follows), [1]));
    expect(bytewise).toEqual(whole);
  });

  it('splits the end marker off output that did not end with a newline', () => {
    const [response] = messagesOf(
      new AmiDecoder().push(
        'Response: Follows\r\nPrivilege: Command\r\nNo such command--END COMMAND--\r\n\r\n',
      ),
    );
    expect(response.output).toEqual(['No such command']);
  });

  it('reads an empty command output', () => {
    const [response, next] = messagesOf(
      new AmiDecoder().push(
        'Response: Follows\r\nPrivilege: Command\r\n--END COMMAND--\r\n\r\nEvent: Ping\r\n\r\n',
      ),
    );
    expect(response.output).toEqual([]);
    expect(next.event).toBe('Ping');
  });

  it('reads modern "Response: Success" command output as repeated Output headers', () => {
    const [response] = messagesOf(
      new AmiDecoder().push(
        'Response: Success\r\nActionID: hm-8\r\nMessage: Command output follows\r\n' +
          'Output: Name: 12345\r\nOutput: \r\nOutput: 1 active channel\r\n\r\n',
      ),
    );
    expect(response.getAll('Output')).toEqual(['Name: 12345', '', '1 active channel']);
    expect(response.output).toEqual([]);
  });
});
