import { erlangB } from './erlang-b';
import {
  StaffingError,
  StaffingErrorCode,
  assertCount,
  assertFiniteAtLeast,
  assertRatio,
} from './staffing-error';

/** Offered load A = λ × AHT in Erlangs (λ in calls per second, AHT in seconds). */
export function offeredLoad(arrivalRatePerSecond: number, ahtSeconds: number): number {
  assertFiniteAtLeast('arrivalRatePerSecond', arrivalRatePerSecond, 0);
  assertFiniteAtLeast('ahtSeconds', ahtSeconds, 0, true);
  return arrivalRatePerSecond * ahtSeconds;
}

/**
 * Erlang C probability of waiting C(n, A) for M/M/n, taken from Erlang B so no factorial is formed:
 *   C = n·B / (n − A·(1 − B))          (n > A)
 * and C = 1 when n ≤ A (the queue grows without bound; every caller waits).
 * Valid for n in the thousands: B stays in [0, 1] along the recursion (see erlangB).
 */
export function erlangC(agents: number, offeredLoadErlangs: number): number {
  assertCount('agents', agents);
  assertFiniteAtLeast('offeredLoadErlangs', offeredLoadErlangs, 0);
  if (offeredLoadErlangs === 0) return 0;
  if (agents <= offeredLoadErlangs) return 1;
  const blocking = erlangB(agents, offeredLoadErlangs);
  const waiting = (agents * blocking) / (agents - offeredLoadErlangs * (1 - blocking));
  return Math.min(1, Math.max(0, waiting));
}

/** The queue performance of M/M/n (Erlang C) for one load and one number of agents. */
export interface ErlangCPerformance {
  readonly agents: number;
  readonly offeredLoadErlangs: number;
  /** P(wait > 0). */
  readonly probabilityOfWaiting: number;
  /** P(W ≤ targetSeconds); with no abandonment it is also the share of answered calls. */
  readonly serviceLevel: number;
  /** Average speed of answer, seconds (Infinity when n ≤ A). */
  readonly averageSpeedOfAnswerSeconds: number;
  /** A / n, capped at 1: the share of time agents spend handling calls. */
  readonly occupancy: number;
}

export interface ErlangCQuery {
  readonly agents: number;
  readonly arrivalRatePerSecond: number;
  readonly ahtSeconds: number;
  readonly targetSeconds: number;
}

/**
 * Service level P(W ≤ t) = 1 − C·e^{−(n−A)·t/AHT}; ASA = C·AHT/(n−A); occupancy = A/n.
 * (Standard M/M/n results, e.g. Gans, Koole & Mandelbaum 2003, "Telephone call centers: tutorial,
 * review, and research prospects", §4.1.)
 */
export function erlangCPerformance(query: ErlangCQuery): ErlangCPerformance {
  const { agents, arrivalRatePerSecond, ahtSeconds, targetSeconds } = query;
  assertFiniteAtLeast('targetSeconds', targetSeconds, 0);
  assertCount('agents', agents);
  const load = offeredLoad(arrivalRatePerSecond, ahtSeconds);
  if (load === 0) {
    return {
      agents,
      offeredLoadErlangs: 0,
      probabilityOfWaiting: 0,
      serviceLevel: 1,
      averageSpeedOfAnswerSeconds: 0,
      occupancy: 0,
    };
  }
  if (agents <= load) {
    return {
      agents,
      offeredLoadErlangs: load,
      probabilityOfWaiting: 1,
      serviceLevel: 0,
      averageSpeedOfAnswerSeconds: Infinity,
      occupancy: 1,
    };
  }
  return performanceFromBlocking(agents, load, erlangB(agents, load), ahtSeconds, targetSeconds);
}

export interface ErlangCStaffingQuery {
  readonly arrivalRatePerSecond: number;
  readonly ahtSeconds: number;
  /** Answer within this many seconds … */
  readonly targetSeconds: number;
  /** … for at least this share of calls, e.g. 0.8. */
  readonly targetServiceLevel: number;
  /** Optional cap on A/n (e.g. 0.85): adds agents until occupancy is at most this. */
  readonly maxOccupancy?: number;
  /** Give up above this many agents (default 10 000). */
  readonly maxAgents?: number;
}

export interface ErlangCStaffing extends ErlangCPerformance {
  /** Which constraint set the number: the service level or the occupancy cap. */
  readonly bindingConstraint: 'none' | 'service-level' | 'occupancy';
}

/**
 * The smallest n with P(W ≤ t) ≥ target (and A/n ≤ maxOccupancy when given).
 * The service level increases with n for n > A, so a scan upward from ⌊A⌋+1 finds it;
 * B(n) is carried along the scan, so the whole search costs O(n).
 */
export function requiredAgentsErlangC(query: ErlangCStaffingQuery): ErlangCStaffing {
  const { arrivalRatePerSecond, ahtSeconds, targetSeconds, targetServiceLevel } = query;
  const maxAgents = query.maxAgents ?? 10_000;
  assertRatio('targetServiceLevel', targetServiceLevel);
  assertFiniteAtLeast('targetSeconds', targetSeconds, 0);
  if (query.maxOccupancy !== undefined) {
    assertFiniteAtLeast('maxOccupancy', query.maxOccupancy, 0, true);
  }
  const load = offeredLoad(arrivalRatePerSecond, ahtSeconds);
  if (load === 0) {
    const idle = erlangCPerformance({ agents: 0, arrivalRatePerSecond, ahtSeconds, targetSeconds });
    return { ...idle, bindingConstraint: 'none' };
  }
  const maxOccupancy = Math.min(1, query.maxOccupancy ?? 1);
  let agents = Math.floor(load) + 1;
  let blocking = erlangB(agents, load);
  let firstMeetingServiceLevel: number | undefined;
  while (agents <= maxAgents) {
    const performance = performanceFromBlocking(agents, load, blocking, ahtSeconds, targetSeconds);
    const meetsServiceLevel = performance.serviceLevel >= targetServiceLevel;
    if (meetsServiceLevel) firstMeetingServiceLevel ??= agents;
    if (meetsServiceLevel && performance.occupancy <= maxOccupancy) {
      const binding = agents === firstMeetingServiceLevel ? 'service-level' : 'occupancy';
      return { ...performance, bindingConstraint: binding };
    }
    agents++;
    blocking = (load * blocking) / (agents + load * blocking);
  }
  throw new StaffingError(
    StaffingErrorCode.TargetUnreachable,
    `no staffing up to ${maxAgents} agents meets ${targetServiceLevel} within ${targetSeconds} s at ${load.toFixed(1)} Erlangs`,
  );
}

function performanceFromBlocking(
  agents: number,
  load: number,
  blocking: number,
  ahtSeconds: number,
  targetSeconds: number,
): ErlangCPerformance {
  const spare = agents - load;
  const waiting = Math.min(1, Math.max(0, (agents * blocking) / (agents - load * (1 - blocking))));
  return {
    agents,
    offeredLoadErlangs: load,
    probabilityOfWaiting: waiting,
    serviceLevel: 1 - waiting * Math.exp((-spare * targetSeconds) / ahtSeconds),
    averageSpeedOfAnswerSeconds: (waiting * ahtSeconds) / spare,
    occupancy: load / agents,
  };
}
