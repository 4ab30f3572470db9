import { AppendBuffer } from './append-buffer';

describe(AppendBuffer.name, () => {
  it('gives back what it holds in order, leaving it until it is dropped', () => {
    const buffer = new AppendBuffer<number>(10);
    for (let i = 1; i <= 5; i++) buffer.push(i);
    expect(buffer.peek(3)).toEqual([1, 2, 3]);
    expect(buffer.peek(3)).toEqual([1, 2, 3]);
    buffer.drop(2);
    expect(buffer.peek(10)).toEqual([3, 4, 5]);
    expect(buffer.size).toBe(3);
  });

  it('refuses the newest beyond its capacity and counts them, keeping the held ones', () => {
    const buffer = new AppendBuffer<number>(3);
    const accepted = [1, 2, 3, 4, 5].map((n) => buffer.push(n));
    expect(accepted).toEqual([true, true, true, false, false]);
    expect(buffer.refused).toBe(2);
    expect(buffer.full).toBe(true);
    buffer.drop(1);
    expect(buffer.push(6)).toBe(true);
    expect(buffer.peek(10)).toEqual([2, 3, 6]);
  });

  it('keeps the order across many pushes and drops (compaction)', () => {
    const buffer = new AppendBuffer<number>(100_000);
    const out: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 997; i++) buffer.push(next++);
      const batch = buffer.peek(900 + round);
      out.push(...batch);
      buffer.drop(batch.length);
    }
    out.push(...buffer.peek(buffer.size));
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new AppendBuffer(0)).toThrow(RangeError);
  });
});
