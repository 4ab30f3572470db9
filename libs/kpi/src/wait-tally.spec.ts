import { WaitTally } from './wait-tally';

/** Longest of a plain list of the waits counted now: the tally must always agree with it. */
function longestOf(waits: readonly number[]): number {
  return waits.reduce((a, b) => Math.max(a, b), 0);
}

describe('WaitTally', () => {
  it('brings back the next longest wait when the longest is retracted', () => {
    const tally = new WaitTally();
    tally.count(12, 1);
    tally.count(91, 1);
    tally.count(40, 2);
    expect(tally.longest).toBe(91);
    tally.count(91, -1);
    expect(tally.longest).toBe(40);
    tally.count(40, -1);
    expect(tally.longest).toBe(40);
    tally.count(40, -1);
    expect(tally.longest).toBe(12);
    tally.count(12, -1);
    expect(tally.longest).toBe(0);
  });

  it('keeps waits of hours and fractional waits beside the whole seconds', () => {
    const tally = new WaitTally();
    tally.count(30, 1);
    tally.count(7_200, 1);
    tally.count(45.5, 1);
    expect(tally.longest).toBe(7_200);
    tally.count(7_200, -1);
    expect(tally.longest).toBe(45.5);
    tally.count(45.5, -1);
    expect(tally.longest).toBe(30);
  });

  it('agrees with a plain list of waits over random counts and retractions', () => {
    let seed = 20261206;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const tally = new WaitTally();
    const counted: number[] = [];
    const disagreements: string[] = [];
    for (let step = 0; step < 4_000; step++) {
      if (counted.length > 0 && random(3) === 0) {
        const [wait] = counted.splice(random(counted.length), 1);
        tally.count(wait, -1);
      } else {
        // Mostly short waits, some past the indexed range, some fractional.
        const wait =
          random(10) === 0 ? 4_000 + random(400) : random(200) + (random(7) === 0 ? 0.5 : 0);
        counted.push(wait);
        tally.count(wait, 1);
      }
      const expected = longestOf(counted);
      if (tally.longest !== expected)
        disagreements.push(`step ${step}: ${tally.longest} ≠ ${expected}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('adds another tally whole', () => {
    const a = new WaitTally();
    const b = new WaitTally();
    a.count(5, 1);
    b.count(300, 2);
    b.count(9_000, 1);
    a.addAll(b);
    expect(a.longest).toBe(9_000);
    a.count(9_000, -1);
    expect(a.longest).toBe(300);
    a.count(300, -2);
    expect(a.longest).toBe(5);
  });
});
