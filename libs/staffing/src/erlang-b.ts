import { assertCount, assertFiniteAtLeast } from './staffing-error';

/**
 * Erlang B blocking probability B(n, A) by the standard recursion
 *   B(0) = 1,  B(k) = A·B(k−1) / (k + A·B(k−1)).
 * Every intermediate value lies in [0, 1], so there are no factorials, no powers and no overflow
 * for any n; B only underflows towards 0 when it is below ~1e-308, which is harmless here.
 */
export function erlangB(agents: number, offeredLoadErlangs: number): number {
  assertCount('agents', agents);
  assertFiniteAtLeast('offeredLoadErlangs', offeredLoadErlangs, 0);
  let blocking = 1;
  for (let k = 1; k <= agents; k++) {
    const ab = offeredLoadErlangs * blocking;
    blocking = ab / (k + ab);
  }
  return blocking;
}

/**
 * ln B(n, A), the same recursion carried in log space:
 *   ln B(k) = ln A + ln B(k−1) − ln(k + A·B(k−1)).
 * Erlang A needs 1/B(n−1) for n far above A (B ≈ 1e-400 and less), where the plain value underflows.
 */
export function logErlangB(agents: number, offeredLoadErlangs: number): number {
  assertCount('agents', agents);
  assertFiniteAtLeast('offeredLoadErlangs', offeredLoadErlangs, 0);
  if (agents === 0) return 0;
  if (offeredLoadErlangs === 0) return -Infinity;
  return extendLogErlangB(0, 0, agents, offeredLoadErlangs);
}

/** Carries ln B from `fromAgents` (where it equals `logBlocking`) up to `toAgents`. */
export function extendLogErlangB(
  fromAgents: number,
  logBlocking: number,
  toAgents: number,
  offeredLoadErlangs: number,
): number {
  const logLoad = Math.log(offeredLoadErlangs);
  let logB = logBlocking;
  for (let k = fromAgents + 1; k <= toAgents; k++) {
    logB = logLoad + logB - Math.log(k + offeredLoadErlangs * Math.exp(logB));
  }
  return logB;
}
