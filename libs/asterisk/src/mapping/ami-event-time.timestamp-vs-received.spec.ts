import { AmiEventMapper } from './ami-event-mapper';
import { amiEventTime } from './ami-event-time';
import { amiMessage, CALLER, join } from './ami-event.factory';

describe(amiEventTime.name, () => {
  it('reads the Timestamp header (epoch s.µs) to the millisecond, without float rounding', () => {
    expect(amiEventTime(amiMessage('QueueCallerJoin', { Timestamp: '1795916687.349544' }), 5)).toBe(
      1_795_916_687_349,
    );
    expect(amiEventTime(amiMessage('QueueCallerJoin', { Timestamp: '1795916687.999999' }), 5)).toBe(
      1_795_916_687_999,
    );
    expect(amiEventTime(amiMessage('QueueCallerJoin', { Timestamp: '1795916687' }), 5)).toBe(
      1_795_916_687_000,
    );
  });

  it('falls back to the receive time without timestampevents, or with an unreadable stamp', () => {
    expect(amiEventTime(amiMessage('QueueCallerJoin', {}), 1_795_000_000_123)).toBe(
      1_795_000_000_123,
    );
    expect(amiEventTime(amiMessage('QueueCallerJoin', { Timestamp: 'soon' }), 42)).toBe(42);
  });

  it('is the time the mapper gives the call events', () => {
    const mapper = new AmiEventMapper();
    const [withStamp] = mapper.map(join(1_795_916_687.349544, CALLER, '12345'), 9);
    expect(withStamp?.at).toBe(1_795_916_687_349);
    const withoutStamp = amiMessage('QueueCallerJoin', {
      Uniqueid: '1.2',
      Linkedid: '1.1',
      Queue: '12345',
    });
    expect(mapper.map(withoutStamp, 1_795_916_690_000)[0]?.at).toBe(1_795_916_690_000);
  });
});
