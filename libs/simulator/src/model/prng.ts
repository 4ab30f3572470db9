/**
 * Seeded PRNG (mulberry32): tiny, fast, and good enough for traffic models. The same seed
 * gives the same sequence on every platform, which is what makes runs reproducible.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A child generator with its own stream, so adding draws in one part leaves others unchanged. */
  fork(salt: number): Prng {
    return new Prng((this.next() * 4294967296) ^ Math.imul(salt + 1, 0x9e3779b1));
  }
}
