import {
  CENTRE_TARGETS,
  DEFAULT_MEAN_PATIENCE_SECONDS,
  DEFAULT_MIN_ANSWERING,
  DEFAULT_PLANNER_SHRINKAGE,
  DEFAULT_SHIFT_RULES,
  EVALUATION_MONTHLY_CALLS,
  type MilpSolver,
  type RotaPlan,
  daysInMonth,
  monthlyCallsFor,
  planRota,
  planningDemandFromHistory,
} from '@hotline/staffing';
import {
  type DurationDistribution,
  type PlannedRota,
  type ScenarioConfig,
  Prng,
  SCENARIO_TIME_ZONE,
  asPlannedRota,
  drawSeconds,
  loadScenario,
  runModel,
} from '@hotline/simulator';
import { DAY_MS, parseLocalDate, startOfWeek } from '@hotline/calendar';
import { centreIntervals } from './centre-history';
import { figuresByHour, type HourFigures, LoginTracker } from './month-figures';

export interface PlanCheckOptions {
  /** 'YYYY-MM': the month simulated, its volume from the evaluation's monthly table. */
  readonly month: string;
  readonly seeds: number;
  /** Second check: the month's volume times this (1.25). */
  readonly scale: number;
  readonly headcount: number;
  readonly seats: number;
  readonly timeLimitSeconds: number;
  /** After-call work the planner is configured with; default: the scenario's mean wrap-up. */
  readonly afterCallWorkSeconds?: number;
  readonly historyWeeks: number;
  readonly scenario: string;
  readonly solver: MilpSolver;
  readonly progress: (line: string) => void;
}

/** One rota run over the month for every seed, summed. */
export interface RotaSimulation {
  readonly label: string;
  readonly people: number;
  /** Most agents logged in at once over all seeds (each holds a seat). */
  readonly seatsUsed: number;
  readonly byHour: readonly HourFigures[];
  /** Mean agents logged in per hour of the day. */
  readonly agentsByHour: readonly number[];
  readonly total: HourFigures;
  readonly days: number;
  readonly seeds: number;
}

export interface VolumeCheck {
  readonly scale: number;
  readonly monthCalls: number;
  readonly plan: RotaPlan;
  readonly planned: RotaSimulation;
  readonly current: RotaSimulation;
}

export interface PlanCheckResult {
  readonly base: VolumeCheck;
  /** At `scale` × the volume: the planner's smallest headcount, and its rota simulated. */
  readonly scaled: VolumeCheck & { readonly planAtLimit: RotaPlan };
}

/**
 * The planner's proof by simulation: for the month, simulate the weeks before it with the
 * configured rota (the centre's stored history), plan a week from that history re-levelled to
 * the month's volume in the evaluation's table, then run the month in the traffic model with
 * the planned rota and with the configured one, on the same seeds (same callers). Then the same
 * at `scale` × the volume, planning with the smallest headcount the planner reports.
 */
export async function runPlanCheck(options: PlanCheckOptions): Promise<PlanCheckResult> {
  const volume = monthlyCallsFor(EVALUATION_MONTHLY_CALLS, options.month);
  if (!volume || volume.month !== options.month) {
    throw new Error(`the evaluation's table has no ${options.month}`);
  }
  const baseCheck = await checkVolume(options, volume.calls, 1, options.headcount);
  const scaledCalls = volume.calls * options.scale;
  // The smallest headcount is this check's point: on a busy machine the solver may not find one
  // in the time given, so plan again with twice the time (up to four times) before giving up.
  let scaledAtLimit = await planFor(options, scaledCalls, options.scale, options.headcount);
  for (
    let factor = 2;
    scaledAtLimit.plan.smallestHeadcount.value === null && factor <= 4;
    factor *= 2
  ) {
    const timeLimitSeconds = options.timeLimitSeconds * factor;
    options.progress(
      `×${options.scale}: no smallest headcount yet: planning again with ${timeLimitSeconds} s`,
    );
    scaledAtLimit = await planFor(
      { ...options, timeLimitSeconds },
      scaledCalls,
      options.scale,
      options.headcount,
    );
  }
  const smallest = scaledAtLimit.plan.smallestHeadcount.value;
  if (smallest === null) {
    throw new Error(`no headcount found that meets every slot at ×${options.scale}`);
  }
  options.progress(
    `×${options.scale}: the smallest headcount meeting every slot is ${smallest}` +
      `${scaledAtLimit.plan.smallestHeadcount.optimal ? ' (proved)' : ` (proved ≥ ${scaledAtLimit.plan.smallestHeadcount.provedAtLeast})`}`,
  );
  const scaledCheck = await checkVolume(
    options,
    scaledCalls,
    options.scale,
    smallest,
    scaledAtLimit,
  );
  return { base: baseCheck, scaled: { ...scaledCheck, planAtLimit: scaledAtLimit.plan } };
}

interface Planned {
  readonly plan: RotaPlan;
  readonly scenario: ScenarioConfig;
}

async function checkVolume(
  options: PlanCheckOptions,
  monthCalls: number,
  scale: number,
  headcount: number,
  reuse?: Planned,
): Promise<VolumeCheck> {
  const planned =
    reuse && reuse.plan.limits.headcount === headcount
      ? reuse
      : await planFor(options, monthCalls, scale, headcount);
  const rota = asPlannedRota(planned.plan);
  const simulate = (label: string, withRota: PlannedRota | undefined): RotaSimulation => {
    options.progress(
      `×${scale}: simulating ${options.month} with the ${label}, ${options.seeds} seeds`,
    );
    return simulateMonth(options, planned.scenario, label, withRota);
  };
  return {
    scale,
    monthCalls,
    plan: planned.plan,
    planned: simulate('planned rota', rota),
    current: simulate('configured rota', undefined),
  };
}

async function planFor(
  options: PlanCheckOptions,
  monthCalls: number,
  scale: number,
  headcount: number,
): Promise<Planned> {
  const days = daysInMonth(options.month);
  const base = loadScenario(options.scenario);
  const scenario: ScenarioConfig = {
    ...base,
    callsPerDay: monthCalls / days,
    seats: options.seats,
  };
  const monthStart = parseLocalDate(`${options.month}-01`, SCENARIO_TIME_ZONE);
  // The week planned starts on the Monday on or before the 1st; history is the weeks before it.
  const weekStartMs = startOfWeek(monthStart, SCENARIO_TIME_ZONE);
  const historyFrom = weekStartMs - options.historyWeeks * 7 * DAY_MS;
  options.progress(
    `×${scale}: simulating ${options.historyWeeks} weeks of history with the configured rota`,
  );
  const history = runModel({
    scenario,
    seed: 1_000_000,
    startAt: historyFrom,
    durationMs: weekStartMs - historyFrom,
  });
  const afterCallWorkSeconds = options.afterCallWorkSeconds ?? sampleMean(scenario.wrapUp);
  const fromHistory = planningDemandFromHistory({
    history: centreIntervals(history.calls),
    weekStartMs,
    weeks: options.historyWeeks,
    timeZone: 'Asia/Shanghai',
    afterCallWorkSeconds,
    defaultTalkSeconds: 240,
    defaultPatienceSeconds: DEFAULT_MEAN_PATIENCE_SECONDS,
    minAbandonsForPatience: 20,
    monthVolume: { month: options.month, calls: monthCalls },
  });
  options.progress(
    `×${scale}: planning a week of ${Math.round(fromHistory.demand.calls.reduce((s, c) => s + c, 0))} calls within ${headcount} people and ${options.seats} seats`,
  );
  const plan = await planRota(
    {
      rules: DEFAULT_SHIFT_RULES,
      demand: fromHistory.demand,
      inputs: {
        demandBasis: {
          kind: 'history',
          weeks: options.historyWeeks,
          relevelledTo: { calls: Math.round(monthCalls), month: options.month },
        },
        talkSeconds: round(fromHistory.talkSeconds),
        // The scenario's mean wrap-up (or --acw), given as configured after-call work.
        afterCallWorkSeconds: round(afterCallWorkSeconds),
        afterCallWorkSource: 'config',
        patienceSource: fromHistory.patience.source,
        patienceAbandons: fromHistory.patience.abandoned,
      },
      targets: CENTRE_TARGETS,
      headcount,
      seats: options.seats,
      shrinkage: DEFAULT_PLANNER_SHRINKAGE,
      minAnswering: DEFAULT_MIN_ANSWERING,
      weekStart: null,
      month: options.month,
      currentRota: scenario.shifts,
      timeLimitSeconds: options.timeLimitSeconds,
      now: () => Date.now(),
    },
    options.solver,
  );
  return { plan, scenario };
}

function simulateMonth(
  options: PlanCheckOptions,
  scenario: ScenarioConfig,
  label: string,
  rota: PlannedRota | undefined,
): RotaSimulation {
  const days = daysInMonth(options.month);
  const startAt = parseLocalDate(`${options.month}-01`, SCENARIO_TIME_ZONE);
  const endAt = startAt + days * DAY_MS;
  const byHour: HourFigures[] = Array.from({ length: 24 }, () => ({
    offered: 0,
    answered: 0,
    answeredWithin10s: 0,
  }));
  const agents = new Array<number>(24).fill(0);
  let seatsUsed = 0;
  for (let seed = 1; seed <= options.seeds; seed++) {
    const logins = new LoginTracker(startAt, endAt);
    const run = runModel({
      scenario,
      rota,
      seed,
      startAt,
      durationMs: days * DAY_MS,
      onEvent: logins.onEvent,
    });
    figuresByHour(run.calls, startAt, endAt).forEach((figures, h) => {
      byHour[h].offered += figures.offered;
      byHour[h].answered += figures.answered;
      byHour[h].answeredWithin10s += figures.answeredWithin10s;
    });
    logins.meanByHour().forEach((n, h) => (agents[h] += n / options.seeds));
    seatsUsed = Math.max(seatsUsed, logins.most);
  }
  const total = byHour.reduce(
    (sum, h) => ({
      offered: sum.offered + h.offered,
      answered: sum.answered + h.answered,
      answeredWithin10s: sum.answeredWithin10s + h.answeredWithin10s,
    }),
    { offered: 0, answered: 0, answeredWithin10s: 0 },
  );
  return {
    label,
    people: rota ? rota.people.length : scenario.shifts.reduce((s, shift) => s + shift.agents, 0),
    seatsUsed,
    byHour,
    agentsByHour: agents,
    total,
    days,
    seeds: options.seeds,
  };
}

/** Mean of a duration distribution by 100 000 fixed-seed draws (capped ones have no formula). */
function sampleMean(distribution: DurationDistribution): number {
  const rng = new Prng(7);
  let sum = 0;
  for (let i = 0; i < 100_000; i++) sum += drawSeconds(rng, distribution);
  return sum / 100_000;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
