import type { DurationDistribution } from '../model/distributions';
import type { ScenarioConfig } from '../model/scenario-config';
import { DAY_MS } from '@hotline/calendar';
import { scenarioZone } from '../model/scenario-time-zone';
import { FixedStaffError } from './fixed-staff-run';

/** What a staffing model needs to know about a scenario's busiest hour. */
export interface PeakDemand {
  /** Asia/Shanghai hour (0–23) with the highest arrival rate on the day of `at`. */
  readonly hour: number;
  readonly arrivalRatePerSecond: number;
  /** Mean time an agent is busy per call: talk + wrap-up + ring (the model rings ≥ 0.2 s; ignored). */
  readonly ahtSeconds: number;
  readonly meanPatienceSeconds: number;
}

/**
 * The peak hour's arrival rate, handle time and patience, read from the scenario exactly as
 * the traffic model uses them (rate = callsPerDay/day × normalised hour weight × normalised
 * weekday weight). Erlang A assumes exponential talk and patience; anything else is refused
 * rather than approximated, because the staffing check is meant to test the maths, not a fit.
 */
export function peakDemandOf(scenario: ScenarioConfig, at: number): PeakDemand {
  const hourSum = scenario.hourProfile.reduce((s, w) => s + w, 0);
  const daySum = scenario.weekdayProfile.reduce((s, w) => s + w, 0);
  const weekday = (scenario.weekdayProfile[scenarioZone.local(at).isoWeekday - 1] / daySum) * 7;
  let hour = 0;
  scenario.hourProfile.forEach((weight, h) => {
    if (weight > scenario.hourProfile[hour]) hour = h;
  });
  const hourShare = (scenario.hourProfile[hour] / hourSum) * 24;
  if (scenario.talk.kind !== 'exponential' || scenario.patience.kind !== 'exponential') {
    throw new FixedStaffError(
      `Erlang A needs exponential talk and patience; "${scenario.name}" has ${scenario.talk.kind} and ${scenario.patience.kind}`,
    );
  }
  return {
    hour,
    arrivalRatePerSecond: (scenario.callsPerDay / DAY_MS) * 1000 * hourShare * weekday,
    ahtSeconds: scenario.talk.mean + meanSeconds(scenario.wrapUp) + meanSeconds(scenario.ring),
    meanPatienceSeconds: scenario.patience.mean,
  };
}

/** Mean of a duration distribution, for the kinds whose mean is a closed form. */
export function meanSeconds(distribution: DurationDistribution): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.seconds;
    case 'uniform':
      return (distribution.min + distribution.max) / 2;
    case 'exponential':
      return distribution.mean;
    case 'lognormal':
      if (distribution.max !== undefined) {
        throw new FixedStaffError('a capped lognormal has no closed-form mean');
      }
      return distribution.median * Math.exp((distribution.sigma * distribution.sigma) / 2);
    case 'mixture':
      return (
        distribution.weight * meanSeconds(distribution.first) +
        (1 - distribution.weight) * meanSeconds(distribution.second)
      );
  }
}
