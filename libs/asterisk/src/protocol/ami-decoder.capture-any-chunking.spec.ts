import { AmiDecoder } from './ami-decoder';
import { decodeInChunks, digestOf, loadCapture } from './testing/ami-capture';

/** Deterministic pseudo-random chunk sizes (1 byte … 9 KiB), so a failure can be replayed. */
function randomSizes(seed: number, count: number): number[] {
  let state = seed;
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    sizes.push(1 + (state % (i % 3 === 0 ? 9000 : 300)));
  }
  return sizes;
}

describe(AmiDecoder.name, () => {
  describe.each(['run1', 'run2'] as const)('the %s capture', (run) => {
    const capture = loadCapture(run);
    const whole = new AmiDecoder().push(capture);

    it('decodes whole into the banner and one message per Event: / Response: block', () => {
      const eventLines = capture.toString('latin1').match(/^Event: /gm)?.length ?? 0;
      const events = whole.filter((r) => r.ok && r.message.headers[0][0] === 'Event');
      expect(whole.every((r) => r.ok)).toBe(true);
      expect(eventLines).toBeGreaterThan(10_000);
      expect(events).toHaveLength(eventLines);
      const first = whole[0];
      expect(first.ok && first.message.get('Banner')).toBe('Asterisk Call Manager/11.0.0');
      expect(new AmiDecoder().bufferedBytes).toBe(0);
    });

    it('gives the same messages fed one byte at a time', () => {
      const decoder = new AmiDecoder();
      const bytewise = decodeInChunks(decoder, capture, [1]);
      expect(bytewise).toHaveLength(whole.length);
      expect(digestOf(bytewise)).toBe(digestOf(whole));
      expect(decoder.bufferedBytes).toBe(0);
    });

    it.each([1, 2, 3])('gives the same messages in random chunk sizes (seed %i)', (seed) => {
      const chunked = decodeInChunks(new AmiDecoder(), capture, randomSizes(seed, 5000));
      expect(chunked).toHaveLength(whole.length);
      expect(digestOf(chunked)).toBe(digestOf(whole));
    });
  });
});
