import { AmiDecoder } from './ami-decoder';
import { messagesOf } from './testing/ami-decoded';

describe(AmiDecoder.name, () => {
  // manager.conf `channelvars = HOTLINE,SURVEY`: one ChanVariable line per variable.
  const wire =
    'Event: QueueCallerJoin\r\nChannel: Local/s@callers-00000003;1\r\n' +
    'ChanVariable: HOTLINE=110\r\nChanVariable: SURVEY=\r\nQueue: 12345\r\n' +
    'DestChanVariable: HOTLINE=120\r\nChanVariable: URL=http://x/?a=b\r\n\r\n';

  it('keeps every repeated ChanVariable in wire order', () => {
    const [message] = messagesOf(new AmiDecoder().push(wire));
    expect(message.getAll('ChanVariable')).toEqual(['HOTLINE=110', 'SURVEY=', 'URL=http://x/?a=b']);
    expect(message.headers.map(([name]) => name)).toEqual([
      'Event',
      'Channel',
      'ChanVariable',
      'ChanVariable',
      'Queue',
      'DestChanVariable',
      'ChanVariable',
    ]);
  });

  it('answers channel variables per leg', () => {
    const [message] = messagesOf(new AmiDecoder().push(wire));
    expect(message.channelVariable('hotline')).toBe('110');
    expect(message.channelVariable('SURVEY')).toBe('');
    expect(message.channelVariable('URL')).toBe('http://x/?a=b');
    expect(message.channelVariable('HOTLINE', 'DestChanVariable')).toBe('120');
    expect(message.channelVariable('MISSING')).toBeUndefined();
  });
});
