import type { CentreTargets } from './centre-targets';
import type { MilpModel, MilpResult, MilpSolver } from './milp';
import type { RotaShift } from './rota-check';
import { predictSlot, slotCurves } from './rota-curves';
import { type PlanningDemand, weekdayCounts } from './rota-demand';
import {
  type BreakCounts,
  type TourModel,
  type TourModelQuery,
  buildBreakModel,
  buildTourModel,
  unitCurve,
} from './rota-model';
import type {
  BoundedCount,
  PredictedKpis,
  RotaInfeasibility,
  RotaPerson,
  RotaPhase,
  RotaPlan,
  RotaPlanInputs,
  RotaShiftRow,
  RotaSolverStage,
} from './rota-plan';
import {
  type CheckedShift,
  type RosterPerson,
  buildRoster,
  checkRoster,
  rosterCoverage,
} from './rota-roster';
import {
  type ShiftCatalogue,
  type ShiftRules,
  SLOT_MINUTES,
  SLOTS_PER_DAY,
  SLOTS_PER_WEEK,
  clockOfMinute,
  shiftCatalogue,
} from './rota-rules';
import { shiftCoverage } from './shift-window';
import { StaffingError, StaffingErrorCode } from './staffing-error';

export interface RotaPlanQuery {
  readonly rules: ShiftRules;
  readonly demand: PlanningDemand;
  /** Described in the output (where the calls, talk, after-call work and patience came from). */
  readonly inputs: Omit<
    RotaPlanInputs,
    | 'callsPerWeek'
    | 'handleSeconds'
    | 'meanPatienceSeconds'
    | 'shrinkage'
    | 'targets'
    | 'unavoidableLossShare'
    | 'minAnswering'
  >;
  readonly targets: CentreTargets;
  readonly headcount: number;
  readonly seats: number;
  readonly shrinkage: number;
  /** Agents answering in every slot at least (a 24×7 centre's floor). */
  readonly minAnswering: number;
  /** Local Monday planned for, or null for a typical week. */
  readonly weekStart: string | null;
  /** 'YYYY-MM' the month KPIs are predicted for. */
  readonly month: string;
  /** The configured daily rota, for comparison (agents work `workDaysPerWeek` days in 7). */
  readonly currentRota: readonly RotaShift[];
  /** Solver time for the whole plan, seconds (split over the phases). */
  readonly timeLimitSeconds: number;
  /**
   * Relative gap at which the lost-calls and agent-hours phases count as solved (default 0.02:
   * Erlang A's own error is larger; the counting phases are always solved to the unit).
   */
  readonly relativeGap?: number;
  /** Milliseconds clock for the report (injected: the lib has no clock of its own). */
  readonly now: () => number;
}

/**
 * The phases' names in the report, their weights in the time budget, and the least time each
 * gets when there is time left (the quick phases must produce the first rota even on a busy
 * machine; a phase that needs less leaves the rest to the next).
 */
const PHASES: Record<RotaPhase, { label: string; weight: number; atLeast: number }> = {
  bound: { label: 'bound on lost calls (linear relaxation)', weight: 0.05, atLeast: 3 },
  peopleSpread: { label: 'fewest people, breaks spread', weight: 0.05, atLeast: 3 },
  lostSpread: { label: 'least lost calls, breaks spread', weight: 0.1, atLeast: 4 },
  lost: { label: 'least lost calls', weight: 0.6, atLeast: 2 },
  hours: { label: 'fewest agent-hours', weight: 0.1, atLeast: 1 },
  shortfall: { label: 'least shortfall', weight: 0.2, atLeast: 1 },
  seats: { label: 'fewest seats', weight: 0.1, atLeast: 1 },
  breaks: { label: 'break placement', weight: 0.1, atLeast: 2 },
  fewestPeople: { label: 'fewest people', weight: 0.3, atLeast: 1 },
};

interface Solved {
  readonly model: TourModel;
  readonly result: MilpResult;
}

/** Lost calls the agent-hours phase may add to the best found: 1 % + half a call per week. */
const LOST_TOLERANCE = { relative: 0.01, absolute: 0.5 };

/**
 * An optimal (within the solver's proved gap) weekly rota for the demand, within `headcount`
 * people and `seats` seats, by integer programs solved through `solver` (rota-model.ts):
 *
 * 1. the least expected lost calls, with any slot below its requirement heavily penalised —
 *    first with the breaks spread over the shifts (a quick start), then with them placed;
 * 2. if every slot is met: the fewest agent-hours losing at most LOST_TOLERANCE more calls
 *    (requirement enforced); if not: the least shortfall with its proved bound, and the fewest
 *    seats that could meet every slot;
 *    either way, the fewest people that could meet every slot within the seats;
 * 3. every break of every person placed, with the starts fixed;
 * 4. people dealt from the counts and every rule checked on them (checkRoster).
 * Each phase starts from the previous phase's rota, so a time limit leaves a good rota, never
 * none. An infeasible instance is a result (`requirement: 'short'`), not an exception.
 */
export async function planRota(query: RotaPlanQuery, solver: MilpSolver): Promise<RotaPlan> {
  const started = query.now();
  const { rules, demand, targets } = query;
  if (demand.calls.length !== SLOTS_PER_WEEK) {
    throw new StaffingError(
      StaffingErrorCode.InvalidInput,
      `demand needs ${SLOTS_PER_WEEK} slots, got ${demand.calls.length}`,
    );
  }
  const catalogue = shiftCatalogue(rules);
  const curves = slotCurves(demand, targets, query.seats, query.minAnswering);
  const stages: RotaSolverStage[] = [];
  const budgetEnd = started + query.timeLimitSeconds * 1000;
  const gap = query.relativeGap ?? 0.02;
  // Phases still to run; each gets the time left in proportion to its weight among them, so a
  // phase that finishes early leaves its time to the rest.
  let pending: RotaPhase[] = [
    'bound',
    'peopleSpread',
    'lostSpread',
    'lost',
    'hours',
    'breaks',
    'fewestPeople',
  ];
  const solve = async (
    phase: RotaPhase,
    milp: MilpModel,
    start?: { readonly indices: Int32Array; readonly values: Float64Array },
    relativeGap = gap,
  ): Promise<MilpResult> => {
    const weights = pending.reduce((sum, p) => sum + PHASES[p].weight, 0);
    pending = pending.filter((p) => p !== phase);
    const left = (budgetEnd - query.now()) / 1000;
    const share = (left * PHASES[phase].weight) / weights;
    // Placing the breaks is quick and a rota needs it: it may run past the budget.
    const cap = phase === 'breaks' ? Infinity : left;
    const timeLimitSeconds = Math.max(0.5, Math.min(cap, Math.max(share, PHASES[phase].atLeast)));
    const result = await solver.solve(milp, { timeLimitSeconds, relativeGap, start });
    stages.push({
      phase,
      stage: PHASES[phase].label,
      status: result.status,
      objective: result.hasSolution ? round(result.objective, 4) : null,
      bound: Number.isFinite(result.bound) ? round(result.bound, 4) : null,
      gap: result.hasSolution && Number.isFinite(result.gap) ? round(result.gap, 6) : null,
      seconds: round(result.seconds, 3),
      cpuSeconds: round(result.cpuSeconds, 3),
      columns: milp.numCols,
      rows: milp.numRows,
    });
    return result;
  };
  const base: Omit<TourModelQuery, 'objective' | 'meetRequirement'> = {
    catalogue,
    workDaysPerWeek: rules.labour.workDaysPerWeek,
    curves,
    shrinkage: query.shrinkage,
    headcount: query.headcount,
    seats: query.seats,
  };
  const model = (
    objective: TourModelQuery['objective'],
    meetRequirement: boolean,
    extra: Partial<TourModelQuery> = {},
  ): TourModel => buildTourModel({ ...base, objective, meetRequirement, ...extra });
  /** A solved phase as the next one's start: its integer columns (w, y) lead every model. */
  const startFrom = (solved: Solved | undefined) =>
    solved?.result.hasSolution
      ? {
          indices: Int32Array.from({ length: solved.model.integerColumns }, (_, i) => i),
          values: Float64Array.from({ length: solved.model.integerColumns }, (_, i) =>
            Math.round(solved.result.values[i]),
          ),
        }
      : undefined;
  const emptyStart = (empty: TourModel) => ({
    indices: Int32Array.from({ length: empty.integerColumns }, (_, i) => i),
    values: new Float64Array(empty.integerColumns),
  });
  const better = (previous: Solved | undefined, next: Solved): Solved | undefined =>
    next.result.hasSolution ? next : previous;

  // 0. A bound no rota within the limits can beat: the least expected lost calls of the linear
  //    relaxation, every break placed fractionally, slots below the requirement costed by a line
  //    under their convex curve (so the relaxation's value is below every rota's).
  const relaxed = model('lost', false, { deficitPenalty: 0 });
  const boundResult = await solve('bound', {
    ...relaxed.milp,
    integrality: new Int32Array(relaxed.milp.numCols),
  });
  const lostAtLeast = boundResult.status === 'optimal' ? Math.max(0, boundResult.objective) : 0;

  // 1. A quick rota with the breaks spread over the shifts: the fewest people meeting
  //    every slot, then the least lost calls within the limits from there (requirement soft).
  const peopleSpread = model('headcount', true, { headcount: undefined, breaks: 'spread' });
  const fewestSpread = better(undefined, {
    model: peopleSpread,
    result: await solve('peopleSpread', peopleSpread.milp, undefined, 0),
  });
  let best = fewestSpread;
  if (
    best &&
    best.model
      .decode(best.result.values)
      .people.flat()
      .reduce((a, b) => a + b, 0) > query.headcount
  ) {
    best = undefined; // over the headcount: no use as a start within the limits
  }
  const lostSpread = model('lost', false, { breaks: 'spread' });
  best = better(best, {
    model: lostSpread,
    result: await solve('lostSpread', lostSpread.milp, startFrom(best)),
  });
  // 2. The least lost calls with the meals placed, from the quick rota.
  const lost = model('lost', false);
  // Nothing yet (a very busy machine): start from the empty rota, which the soft requirement
  // admits, so that this phase always ends with a rota.
  const lostResult = await solve('lost', lost.milp, startFrom(best) ?? emptyStart(lost));
  const found = better(best, { model: lost, result: lostResult });
  if (!found) {
    throw new StaffingError(StaffingErrorCode.InvalidInput, 'the solver found no rota at all');
  }
  let chosen: Solved = found;
  const met = chosen.model === lost && lost.deficit(chosen.result.values) < 1e-6;

  let infeasibility: RotaInfeasibility | null = null;
  if (met) {
    // 3a. The fewest agent-hours that lose (almost) no more calls.
    const hours = model('hours', true, {
      lostAtMost: lostResult.objective * (1 + LOST_TOLERANCE.relative) + LOST_TOLERANCE.absolute,
    });
    const hoursResult = await solve('hours', hours.milp, startFrom(chosen));
    if (hoursResult.hasSolution) chosen = { model: hours, result: hoursResult };
  } else {
    // 3b. How short the limits leave the centre, provably, and how many seats would not.
    pending = ['shortfall', 'seats', 'breaks', 'fewestPeople'];
    const shortfall = model('shortfall', false);
    const shortResult = await solve('shortfall', shortfall.milp, startFrom(chosen));
    const seats = model('seats', true, { headcount: undefined, seats: undefined });
    const seatsResult = await solve('seats', seats.milp, undefined, 0);
    infeasibility = {
      proved: shortResult.status === 'infeasible' || shortResult.bound > 1e-6,
      shortAgentHours: 0, // from the final rota, below
      shortAgentHoursAtLeast: Number.isFinite(shortResult.bound)
        ? round(Math.max(0, shortResult.bound) / 4, 2)
        : 0,
      shortSlots: [],
      smallestSeats: boundedCount(seatsResult),
    };
  }
  const counts = chosen.model.decode(chosen.result.values);

  // 4. Every break, with the starts fixed.
  const starts = Array.from({ length: 7 }, () =>
    new Array<number>(catalogue.templates.length).fill(0),
  );
  for (const start of counts.starts) starts[start.weekday][start.template] += start.count;
  const breakModel = buildBreakModel({
    templates: catalogue.templates,
    starts,
    curves,
    shrinkage: query.shrinkage,
  });
  const breakResult = await solve('breaks', breakModel.milp);
  const breaks: BreakCounts | undefined = breakResult.hasSolution
    ? breakModel.decode(breakResult.values)
    : undefined;

  // 5. The fewest people that could meet every slot within the seats: from the rota when it
  //    meets them (its headcount is then an upper bound at once), else from the quick rota of
  //    step 1, which has no headcount limit and whose breaks usually fit.
  const fewest = model('headcount', true, { headcount: undefined });
  const fewestResult = await solve(
    'fewestPeople',
    fewest.milp,
    met ? startFrom(chosen) : startFrom(fewestSpread),
    0,
  );
  const smallestHeadcount = boundedCount(fewestResult);
  if (infeasibility && fewestResult.status === 'infeasible') {
    infeasibility = { ...infeasibility, proved: true };
  }

  // 6. People, their rules, and what the rota gives.
  const roster = buildRoster(catalogue, rules.labour.workDaysPerWeek, counts, breaks);
  const problems = checkRoster(checkedWeek(catalogue, roster), rules.labour, {
    headcount: query.headcount,
    seats: query.seats,
  });
  if (problems.length > 0) {
    throw new Error(`rota planner produced a rota that breaks its rules: ${problems.join('; ')}`);
  }
  const { onShift, answering } = rosterCoverage(catalogue, roster);
  const unit = 1 - query.shrinkage;
  const shortSlots = curves
    .map((curve, t) => ({ curve, t }))
    .filter(({ curve, t }) => answering[t] < unitCurve(curve, unit).required);
  if (infeasibility) {
    infeasibility = {
      ...infeasibility,
      shortAgentHours: round(
        shortSlots.reduce(
          (s, { curve, t }) => s + unitCurve(curve, unit).required - answering[t],
          0,
        ) / 4,
        2,
      ),
      shortSlots: shortSlots.map(({ curve, t }) => ({
        weekday: Math.floor(t / SLOTS_PER_DAY) + 1,
        time: clockOfMinute((t % SLOTS_PER_DAY) * SLOT_MINUTES),
        required: curve.required,
        planned: round(answering[t] * unit, 2),
      })),
    };
  }
  const currentOnDuty = currentRotaOnDuty(query.currentRota, rules.labour.workDaysPerWeek);
  const weekPrediction = predictWeek(
    demand,
    answering.map((n) => n * unit),
    targets,
  );
  const expectedLost = demand.calls.map((calls, t) => calls - weekPrediction.answered[t]);
  const currentPrediction = predictWeek(
    demand,
    currentOnDuty.map((n) => n * unit),
    targets,
  );
  const monthCounts = weekdayCounts(query.month);
  const people = roster.map((person, i) =>
    formatPerson(catalogue, person, i, rules.labour.workDaysPerWeek),
  );
  const callsPerWeek = demand.calls.reduce((s, c) => s + c, 0);
  const solverSeconds = stages.reduce((s, stage) => s + stage.seconds, 0);
  return {
    format: 'hotline-rota-plan/1',
    weekStart: query.weekStart,
    inputs: {
      ...query.inputs,
      callsPerWeek: round(callsPerWeek, 1),
      unavoidableLossShare: round(demand.unavoidableLossShare ?? 0, 5),
      minAnswering: query.minAnswering,
      handleSeconds: round(demand.handleSeconds, 2),
      meanPatienceSeconds: round(demand.meanPatienceSeconds, 2),
      shrinkage: query.shrinkage,
      targets,
    },
    limits: { headcount: query.headcount, seats: query.seats },
    rules: { shiftTypes: rules.shiftTypes, labour: rules.labour },
    requirement: shortSlots.length === 0 ? 'met' : 'short',
    infeasibility,
    smallestHeadcount,
    summary: {
      headcountUsed: roster.length,
      seatsUsed: Math.max(0, ...onShift),
      agentHours: round(onShift.reduce((s, n) => s + n, 0) / 4, 2),
      shortSlots: shortSlots.length,
      expectedLostCallsPerWeek: round(
        expectedLost.reduce((s, n) => s + n, 0),
        2,
      ),
      answerRateAtMost: round(
        1 - (demand.unavoidableLossShare ?? 0) - lostAtLeast / Math.max(1e-9, callsPerWeek),
        5,
      ),
      predictedWeek: weekPrediction.week,
      predictedMonth: { month: query.month, ...monthKpis(weekPrediction.byWeekday, monthCounts) },
      currentRotaPredictedWeek: currentPrediction.week,
    },
    people,
    shiftTable: shiftTable(catalogue, roster),
    slots: {
      calls: demand.calls.map((c) => round(c, 3)),
      required: curves.map((c) => c.required),
      answering,
      onShift,
      currentOnDuty: currentOnDuty.map((n) => round(n, 3)),
      expectedLost: expectedLost.map((n) => round(n, 4)),
      expectedAnswered: weekPrediction.answered.map((n) => round(n, 4)),
      expectedAnsweredWithin: weekPrediction.answeredWithin.map((n) => round(n, 4)),
    },
    solver: {
      name: solver.name,
      stages,
      solverSeconds: round(solverSeconds, 3),
      totalSeconds: round((query.now() - started) / 1000, 3),
    },
  };
}

function boundedCount(result: MilpResult): BoundedCount {
  const value = result.hasSolution ? Math.round(result.objective) : null;
  // Counts are whole: a bound of 83.2 proves 84.
  const bound = Number.isFinite(result.bound) ? Math.ceil(result.bound - 1e-6) : 0;
  const provedAtLeast = value === null ? bound : Math.min(value, bound);
  return { value, provedAtLeast, optimal: value !== null && provedAtLeast === value };
}

/** People on duty per slot under the configured daily rota: each works D of 7 days. */
export function currentRotaOnDuty(shifts: readonly RotaShift[], workDaysPerWeek: number): number[] {
  const share = workDaysPerWeek / 7;
  return Array.from({ length: SLOTS_PER_WEEK }, (_, t) =>
    shifts.reduce(
      (sum, shift) =>
        sum +
        shiftCoverage(shift, (t % SLOTS_PER_DAY) * SLOT_MINUTES, SLOT_MINUTES) *
          shift.agents *
          share,
      0,
    ),
  );
}

interface WeekPrediction {
  readonly week: PredictedKpis;
  readonly byWeekday: readonly Totals[];
  readonly answered: readonly number[];
  readonly answeredWithin: readonly number[];
}

interface Totals {
  offered: number;
  answered: number;
  answeredWithin: number;
  lost: number;
}

function predictWeek(
  demand: PlanningDemand,
  capacity: readonly number[],
  targets: CentreTargets,
): WeekPrediction {
  const byWeekday: Totals[] = Array.from({ length: 7 }, () => ({
    offered: 0,
    answered: 0,
    answeredWithin: 0,
    lost: 0,
  }));
  const answered: number[] = [];
  const answeredWithin: number[] = [];
  demand.calls.forEach((calls, t) => {
    const slot = predictSlot(demand, calls, capacity[t], targets.answeredWithinSeconds);
    answered.push(slot.answered);
    answeredWithin.push(slot.answeredWithin);
    const day = byWeekday[Math.floor(t / SLOTS_PER_DAY)];
    day.offered += slot.offered;
    day.answered += slot.answered;
    day.answeredWithin += slot.answeredWithin;
    day.lost += slot.lost;
  });
  return { week: kpis(byWeekday), byWeekday, answered, answeredWithin };
}

function monthKpis(byWeekday: readonly Totals[], counts: readonly number[]): PredictedKpis {
  return kpis(
    byWeekday.map((day, d) => ({
      offered: day.offered * counts[d],
      answered: day.answered * counts[d],
      answeredWithin: day.answeredWithin * counts[d],
      lost: day.lost * counts[d],
    })),
  );
}

function kpis(days: readonly Totals[]): PredictedKpis {
  const sum = (key: keyof Totals): number => days.reduce((s, d) => s + d[key], 0);
  const offered = sum('offered');
  const answered = sum('answered');
  return {
    offered: round(offered, 1),
    answered: round(answered, 1),
    lost: round(sum('lost'), 1),
    answerRate: offered > 0 ? round(answered / offered, 5) : 1,
    answeredWithinRate: answered > 0 ? round(sum('answeredWithin') / answered, 5) : 1,
  };
}

function checkedWeek(
  catalogue: ShiftCatalogue,
  roster: readonly RosterPerson[],
): (CheckedShift | null)[][] {
  return roster.map((person) =>
    person.days.map((day) =>
      day
        ? {
            type: catalogue.templates[day.template].type,
            startMinute: catalogue.templates[day.template].startMinute,
            breaks: day.breaks,
          }
        : null,
    ),
  );
}

function formatPerson(
  catalogue: ShiftCatalogue,
  person: RosterPerson,
  index: number,
  workDaysPerWeek: number,
): RotaPerson {
  const daysOff: number[] = [];
  for (let k = workDaysPerWeek; k < 7; k++) daysOff.push(((person.pattern + k) % 7) + 1);
  return {
    id: `A${String(index + 1).padStart(3, '0')}`,
    daysOff: daysOff.sort((a, b) => a - b),
    week: person.days.map((day) => {
      if (!day) return null;
      const template = catalogue.templates[day.template];
      const { type } = template;
      return {
        type: type.name,
        start: clockOfMinute(template.startMinute),
        end: clockOfMinute(template.startMinute + type.lengthMinutes),
        lengthMinutes: type.lengthMinutes,
        night: type.night,
        breaks: type.breaks.map((pause, j) => ({
          reason: pause.reason,
          start: clockOfMinute(template.startMinute + day.breaks[j]),
          afterMinutes: day.breaks[j],
          minutes: pause.minutes,
        })),
      };
    }),
  };
}

function shiftTable(catalogue: ShiftCatalogue, roster: readonly RosterPerson[]): RotaShiftRow[] {
  const rows = new Map<number, number[]>();
  for (const person of roster) {
    person.days.forEach((day, d) => {
      if (!day) return;
      const row = rows.get(day.template) ?? new Array<number>(7).fill(0);
      row[d]++;
      rows.set(day.template, row);
    });
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, people]) => {
      const template = catalogue.templates[s];
      return {
        type: template.type.name,
        start: clockOfMinute(template.startMinute),
        end: clockOfMinute(template.startMinute + template.type.lengthMinutes),
        people,
      };
    });
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
