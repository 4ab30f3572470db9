import type { ScenarioConfig } from '../model/scenario-config';
import { runModel } from '../run-model';
import { contactUnits, kpiFigures, type KpiFigures } from '../truth/summarize-calls';

/** The staffing check could not put exactly the requested agents on duty. */
export class FixedStaffError extends Error {
  readonly code = 'SIM_ERR_FIXED_STAFF';
  constructor(message: string) {
    super(message);
    this.name = 'FixedStaffError';
  }
}

export interface FixedStaffRunOptions {
  /** A scenario with exactly one shift covering the whole run (see peak-staffing-*.yaml). */
  readonly scenario: ScenarioConfig;
  /** Agents that must be logged in, and answering, from start to end. */
  readonly agents: number;
  readonly seed: number;
  readonly startAt: number;
  readonly durationMs: number;
  /** Contacts arriving in the first `warmupMs` are not measured (the queue starts empty). */
  readonly warmupMs: number;
}

export interface FixedStaffRun {
  readonly agents: number;
  readonly seed: number;
  /** Agents in the scenario's rota pool so that exactly `agents` work on the run's day. */
  readonly rosterSize: number;
  /** Fewest and most agents logged in at any instant of the measured window. */
  readonly onDutyMin: number;
  readonly onDutyMax: number;
  /** Centre figures (by contact) of the contacts that arrived in the measured window. */
  readonly figures: KpiFigures;
  /** answered / offered, a fraction. */
  readonly answerRate: number;
  /** answered within 10 s / answered, a fraction (the hotline's own formula). */
  readonly answeredWithin10sRate: number;
}

/**
 * The rota pool size for which exactly `agentsOnDuty` agents log in at `startAt`.
 * The model gives every agent two days off in seven (staggered across the pool) and leaves
 * that rule private, so rather than copy it we ask the model: run it with no callers and count
 * the logins, growing the pool until the count is right.
 */
export function rosterSizeFor(
  scenario: ScenarioConfig,
  agentsOnDuty: number,
  startAt: number,
): number {
  assertSingleShift(scenario);
  for (let pool = agentsOnDuty; pool <= agentsOnDuty * 2 + 7; pool++) {
    const probe = withPool(scenario, pool, 0);
    let logins = 0;
    runModel({
      scenario: probe,
      seed: 1,
      startAt,
      durationMs: 1,
      onEvent: (event) => {
        if (event.type === 'memberAdded' && event.at <= startAt) logins++;
      },
    });
    if (logins === agentsOnDuty) return pool;
    if (logins > agentsOnDuty) break;
  }
  throw new FixedStaffError(`no rota pool puts exactly ${agentsOnDuty} agents on duty`);
}

/**
 * Runs the traffic model with exactly `agents` agents on duty for the whole run and measures
 * the centre's answer rate and 10-second rate on the contacts that arrived after the warm-up.
 */
export function runWithFixedAgents(options: FixedStaffRunOptions): FixedStaffRun {
  const { scenario, agents, seed, startAt, durationMs, warmupMs } = options;
  const rosterSize = rosterSizeFor(scenario, agents, startAt);
  const endAt = startAt + durationMs;
  const measureFrom = startAt + warmupMs;
  const staffChanges: { at: number; delta: number }[] = [];
  const { calls } = runModel({
    scenario: withPool(scenario, rosterSize, scenario.callsPerDay),
    seed,
    startAt,
    durationMs,
    onEvent: (event) => {
      if (event.type === 'memberAdded') staffChanges.push({ at: event.at, delta: 1 });
      if (event.type === 'memberRemoved') staffChanges.push({ at: event.at, delta: -1 });
    },
  });
  const { min: onDutyMin, max: onDutyMax } = onDutyRange(staffChanges, measureFrom, endAt);
  const firstJoin = new Map<string, number>();
  for (const call of calls) {
    firstJoin.set(call.linkedid, Math.min(firstJoin.get(call.linkedid) ?? Infinity, call.joinedAt));
  }
  const measured = calls.filter((call) => {
    const joined = firstJoin.get(call.linkedid) ?? call.joinedAt;
    return joined >= measureFrom && joined < endAt;
  });
  const figures = kpiFigures(contactUnits(measured));
  return {
    agents,
    seed,
    rosterSize,
    onDutyMin,
    onDutyMax,
    figures,
    answerRate: figures.offered === 0 ? 1 : figures.answered / figures.offered,
    answeredWithin10sRate:
      figures.answered === 0 ? 1 : figures.answeredWithin10s / figures.answered,
  };
}

/** Fewest and most agents logged in at any instant of [from, to), from the login/logout events. */
function onDutyRange(
  changes: readonly { at: number; delta: number }[],
  from: number,
  to: number,
): { min: number; max: number } {
  let onDuty = 0;
  for (const change of changes) if (change.at < from) onDuty += change.delta;
  let min = onDuty;
  let max = onDuty;
  for (const change of changes) {
    if (change.at < from || change.at >= to) continue;
    onDuty += change.delta;
    min = Math.min(min, onDuty);
    max = Math.max(max, onDuty);
  }
  return { min, max };
}

function withPool(scenario: ScenarioConfig, agents: number, callsPerDay: number): ScenarioConfig {
  const [shift] = scenario.shifts;
  return { ...scenario, callsPerDay, shifts: [{ ...shift, agents }] };
}

function assertSingleShift(scenario: ScenarioConfig): void {
  if (scenario.shifts.length !== 1) {
    throw new FixedStaffError(
      `the staffing check needs a scenario with one shift, "${scenario.name}" has ${scenario.shifts.length}`,
    );
  }
  if (scenario.pauses.length > 0) {
    throw new FixedStaffError(
      `scenario "${scenario.name}" has pauses: agents would not all answer`,
    );
  }
}
