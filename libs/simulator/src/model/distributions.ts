import { Prng } from './prng';

/** A duration distribution in seconds, as written in scenario files. */
export type DurationDistribution =
  | { readonly kind: 'fixed'; readonly seconds: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  /** median and sigma of the underlying normal (talk times are classically lognormal). */
  | {
      readonly kind: 'lognormal';
      readonly median: number;
      readonly sigma: number;
      readonly max?: number;
    }
  /** With probability `weight` draw from `first`, otherwise from `second`. */
  | {
      readonly kind: 'mixture';
      readonly weight: number;
      readonly first: DurationDistribution;
      readonly second: DurationDistribution;
    };

export function standardNormal(rng: Prng): number {
  // Box–Muller; 1 - u avoids log(0).
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function exponential(rng: Prng, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}

/** Draws seconds (fractional) from a distribution; never negative. */
export function drawSeconds(rng: Prng, dist: DurationDistribution): number {
  switch (dist.kind) {
    case 'fixed':
      return dist.seconds;
    case 'uniform':
      return dist.min + rng.next() * (dist.max - dist.min);
    case 'exponential':
      return exponential(rng, dist.mean);
    case 'lognormal': {
      const value = dist.median * Math.exp(dist.sigma * standardNormal(rng));
      return dist.max === undefined ? value : Math.min(value, dist.max);
    }
    case 'mixture':
      return rng.chance(dist.weight) ? drawSeconds(rng, dist.first) : drawSeconds(rng, dist.second);
  }
}

/** Index drawn with probability proportional to its weight. */
export function weightedIndex(rng: Prng, weights: readonly number[]): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let pick = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    pick -= weights[i];
    if (pick < 0) return i;
  }
  return weights.length - 1;
}
