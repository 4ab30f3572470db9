import { TokenBucket } from './token-bucket';

describe(TokenBucket.name, () => {
  it('allows a burst up to capacity, then refills at the rate', () => {
    const bucket = new TokenBucket(2, 4, 0);
    const burst = Array.from({ length: 6 }, () => bucket.take(0));
    expect(burst).toEqual([true, true, true, true, false, false]);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    expect(bucket.take(10_000)).toBe(true);
    expect([
      bucket.take(10_000),
      bucket.take(10_000),
      bucket.take(10_000),
      bucket.take(10_000),
    ]).toEqual([true, true, true, false]);
  });
});
