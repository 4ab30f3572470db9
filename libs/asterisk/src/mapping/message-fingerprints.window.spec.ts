import { AmiMessage } from '../protocol/ami-message';
import { MessageFingerprints } from './message-fingerprints';

/** An event with a µs Timestamp of its own: `n` tells events apart. */
function event(n: number): AmiMessage {
  return new AmiMessage([
    ['Event', 'QueueCallerJoin'],
    ['Timestamp', `1795916700.${String(n).padStart(6, '0')}`],
    ['Uniqueid', `1795916700.${n}`],
  ]);
}

describe(MessageFingerprints.name, () => {
  it('knows an event it saw, and not one that only looks alike without a Timestamp', () => {
    const prints = new MessageFingerprints(4);
    expect(prints.seenBefore(event(1))).toBe(false);
    expect(prints.seenBefore(event(1))).toBe(true);
    const untimed = new AmiMessage([['Event', 'QueueCallerJoin']]);
    expect(prints.seenBefore(untimed)).toBe(false);
    expect(prints.seenBefore(untimed)).toBe(false);
  });

  it('remembers exactly the last `capacity` events, lap after lap of its ring', () => {
    const capacity = 3;
    const prints = new MessageFingerprints(capacity);
    for (let n = 1; n <= 11; n++) {
      expect(prints.seenBefore(event(n))).toBe(false);
      // Asking about an event still remembered changes nothing: the newest `capacity` are all there.
      for (let k = n; k > Math.max(0, n - capacity); k--)
        expect(prints.seenBefore(event(k))).toBe(true);
    }
    // Event 8 left the window: it is new again, and takes the slot of the oldest one kept (9).
    expect(prints.seenBefore(event(8))).toBe(false);
    expect(prints.seenBefore(event(11))).toBe(true);
    expect(prints.seenBefore(event(10))).toBe(true);
    expect(prints.seenBefore(event(9))).toBe(false);
  });
});
