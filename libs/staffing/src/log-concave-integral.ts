/**
 * ln ∫_from^to weight(x)·e^{exponent(x)} dx for a concave exponent, without overflow.
 *
 * Erlang A needs integrals like ∫ exp((λ/θ)(1 − e^{−θx}) − nμx) dx whose integrand can peak at
 * e^{20000} (overloaded queue, very patient callers) or be e^{−900} everywhere. Because the exponent
 * is concave the integrand is unimodal: we find its peak by bisection on the (decreasing)
 * derivative, factor e^{peak} out, keep only where the exponent is within TAIL_DROP of the peak
 * (the rest weighs less than e^{−80} of the peak per unit length) and integrate the scaled,
 * smooth remainder by composite Gauss–Legendre with the peak on a panel boundary.
 * `weight` must be smooth, finite and ≥ 0 on the interval.
 */
export interface LogConcaveIntegrand {
  readonly exponent: (x: number) => number;
  /** d exponent / dx; must be non-increasing (the exponent is concave). */
  readonly derivative: (x: number) => number;
  readonly weight?: (x: number) => number;
}

const TAIL_DROP = 80;
const PANELS_PER_SIDE = 12;
const GAUSS_POINTS = 16;
const BISECTION_STEPS = 200;

export function logIntegralOfExpConcave(
  integrand: LogConcaveIntegrand,
  from: number,
  to: number,
): number {
  if (!(to > from)) return -Infinity;
  const { exponent, derivative } = integrand;
  const weight = integrand.weight ?? (() => 1);
  const peak = findPeak(derivative, from, to);
  const peakValue = exponent(peak);
  const floor = peakValue - TAIL_DROP;
  const left = exponent(from) >= floor ? from : bisectLevel(exponent, from, peak, floor, true);
  const right = rightEnd(exponent, peak, to, floor);
  const scaled = (x: number): number => weight(x) * Math.exp(exponent(x) - peakValue);
  const sum = gaussLegendre(scaled, left, peak) + gaussLegendre(scaled, peak, right);
  return sum > 0 ? peakValue + Math.log(sum) : -Infinity;
}

function findPeak(derivative: (x: number) => number, from: number, to: number): number {
  if (derivative(from) <= 0) return from;
  if (Number.isFinite(to) && derivative(to) >= 0) return to;
  let low = from;
  let high = expandUntil(from, to, (x) => derivative(x) < 0);
  for (let i = 0; i < BISECTION_STEPS && high - low > 1e-13 * (1 + Math.abs(high)); i++) {
    const middle = 0.5 * (low + high);
    if (derivative(middle) > 0) low = middle;
    else high = middle;
  }
  return 0.5 * (low + high);
}

function rightEnd(
  exponent: (x: number) => number,
  peak: number,
  to: number,
  floor: number,
): number {
  if (Number.isFinite(to) && exponent(to) >= floor) return to;
  return bisectLevel(
    exponent,
    peak,
    expandUntil(peak, to, (x) => exponent(x) < floor),
    floor,
    false,
  );
}

/** Steps right from `start` by doubling steps until `done` holds (or `limit` is reached). */
function expandUntil(start: number, limit: number, done: (x: number) => boolean): number {
  let step = 1e-6 * (1 + Math.abs(start));
  let x = Math.min(limit, start + step);
  while (!done(x) && x < limit) {
    step *= 2;
    x = Math.min(limit, start + step);
    if (!Number.isFinite(step)) break;
  }
  return x;
}

/** The x in [low, high] where the monotone part of the exponent crosses `level`. */
function bisectLevel(
  exponent: (x: number) => number,
  low: number,
  high: number,
  level: number,
  increasing: boolean,
): number {
  let a = low;
  let b = high;
  for (let i = 0; i < BISECTION_STEPS && b - a > 1e-12 * (1 + Math.abs(b)); i++) {
    const middle = 0.5 * (a + b);
    const above = exponent(middle) >= level;
    if (above === increasing) b = middle;
    else a = middle;
  }
  return increasing ? a : b;
}

function gaussLegendre(f: (x: number) => number, from: number, to: number): number {
  if (!(to > from)) return 0;
  const width = (to - from) / PANELS_PER_SIDE;
  let sum = 0;
  for (let panel = 0; panel < PANELS_PER_SIDE; panel++) {
    const centre = from + (panel + 0.5) * width;
    for (let i = 0; i < GAUSS_POINTS; i++) {
      sum += RULE.weights[i] * f(centre + 0.5 * width * RULE.nodes[i]);
    }
  }
  return 0.5 * width * sum;
}

/** Gauss–Legendre nodes and weights on [−1, 1] by Newton's method on P_n (Golub–Welsch free). */
const RULE = legendreRule(GAUSS_POINTS);

function legendreRule(points: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= points; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (points + 0.5));
    let slope = 1;
    for (let iteration = 0; iteration < 100; iteration++) {
      let previous = 1;
      let current = x;
      for (let k = 2; k <= points; k++) {
        const next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
        previous = current;
        current = next;
      }
      slope = (points * (x * current - previous)) / (x * x - 1);
      const dx = current / slope;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * slope * slope));
  }
  return { nodes, weights };
}
