import { MilpBuilder, type MilpModel } from './milp';
import { lostAt, type SlotCurve } from './rota-curves';
import {
  type ShiftCatalogue,
  type ShiftTemplate,
  type ShiftType,
  SLOT_MINUTES,
  SLOTS_PER_DAY,
  SLOTS_PER_WEEK,
} from './rota-rules';

/*
 * The rota as two integer programs, both kept small on purpose (a week must plan in seconds on
 * a shared two-core machine, in HiGHS compiled to WebAssembly).
 *
 * 1. Tours. Everyone works D consecutive days and has the rest of the week off in one block, so
 *    a person is a day-off pattern p (their block starts on weekday p) and a tour kind τ (the
 *    start window of each block day, rota-rules.ts). Integer decisions:
 *      w[τ][p]     people on tour τ with pattern p,
 *      y[d][s]     people starting template s on weekday d,
 *    with Σ_{s ∈ W} y[d][s] = Σ_{τ, p: the block day of d in p is on window W} w[τ][p] for every
 *    start window W. Any order of starts inside a window keeps the rest rule (and a night
 *    tour's day window leaves the rest before every night), so this is exact for individuals.
 *    Breaks are placed by continuous variables b[d][s][j][o] (Σ_o b = y[d][s] for each break j
 *    of the shift): whole people per break come in phase 2. Seats: everyone on shift holds a
 *    seat (breaks are taken at the desk, paused), ≤ seats in every slot. Capacity of a slot =
 *    (1 − shrinkage) · agents on shift and not on a break.
 * 2. Breaks. With y fixed, integer b[d][s][j][o]: the same placement in whole people, capacity
 *    counted exactly, the requirement soft.
 *
 * Expected lost calls of a slot is its convex Erlang A curve in agents answering, linearised by
 * unit segments above the requirement: capacity = requirement + Σ δ_j, δ_j ∈ [0, 1] costing the
 * curve's j-th slope (negative), plus a free overflow where the curve is flat. Convexity makes a
 * minimiser fill the segments in order, so no binaries are needed. Where the requirement is
 * soft, a deficit below it costs the curve's slope just below it (a line under the convex
 * curve) plus a penalty. Capacity rows count agents answering in units of (1 − shrinkage), the
 * requirement rounded up to whole agents (they are integer counts: the rounded row cuts nothing
 * off and helps the solver).
 */

export type TourObjective = 'shortfall' | 'lost' | 'hours' | 'headcount' | 'seats';

export interface TourModelQuery {
  readonly catalogue: ShiftCatalogue;
  readonly workDaysPerWeek: number;
  readonly curves: readonly SlotCurve[];
  /** Share of answering time lost to pauses the rota does not schedule (training, meetings). */
  readonly shrinkage: number;
  /** Undefined: no limit. */
  readonly headcount?: number;
  readonly seats?: number;
  /** Every slot's capacity must reach its requirement (not with 'shortfall'). */
  readonly meetRequirement: boolean;
  readonly objective: TourObjective;
  /** With 'hours': the expected lost calls may not exceed this. */
  readonly lostAtMost?: number;
  /**
   * 'placed' (default): when people take each break is decided (continuously; phase 2 makes it
   * whole people); 'spread': breaks spread evenly over the shift — much faster to solve, a good
   * starting rota, but blind to where breaks fall.
   */
  readonly breaks?: 'placed' | 'spread';
  /** Cost of a capacity unit below the requirement where it is soft (default DEFICIT_PENALTY). */
  readonly deficitPenalty?: number;
}

/** People per tour and pattern, and starts per weekday, window and template. */
export interface TourCounts {
  /** people[τ][p] */
  readonly people: readonly (readonly number[])[];
  readonly starts: readonly TourStart[];
}

export interface TourStart {
  readonly weekday: number;
  readonly window: number;
  readonly template: number;
  readonly count: number;
}

export interface TourModel {
  readonly milp: MilpModel;
  /** The integer columns (w, then y) come first, in the same order for every objective. */
  readonly integerColumns: number;
  decode(values: Float64Array): TourCounts;
  /** Agent-slots (in capacity units) below the requirement in a solution (0 when enforced). */
  deficit(values: Float64Array): number;
}

/** Weekday (0 = Monday) of day k of pattern p's working block. */
export function blockWeekday(pattern: number, blockDay: number): number {
  return (pattern + blockDay) % 7;
}

/**
 * Share of the time the breaks take when they are spread: over the part of the shift where they
 * can fall (from the earliest break start to the latest break end), not the whole shift — so
 * the middle of a shift, where breaks gather, is not flattered (the edges are, a little, under).
 */
function breakShare(type: ShiftType): number {
  return type.breaks.reduce((s, b) => s + b.minutes, 0) / type.lengthMinutes;
}

export function buildTourModel(query: TourModelQuery): TourModel {
  const { catalogue, curves, objective } = query;
  const { templates, windows, tours } = catalogue;
  const days = query.workDaysPerWeek;
  if (objective === 'shortfall' && query.meetRequirement) {
    throw new Error('a shortfall objective cannot also enforce the requirement');
  }
  const model = new MilpBuilder();
  const placeBreaks = (query.breaks ?? 'placed') === 'placed';
  const coefficient = templates.map(
    (t) => (1 - query.shrinkage) * (placeBreaks ? 1 : 1 - breakShare(t.type)),
  );
  const unit = Math.min(...coefficient);
  const relative = coefficient.map((c) => c / unit);

  const people = tours.map(() =>
    Array.from({ length: 7 }, () =>
      model.addColumn({ integer: true, cost: objective === 'headcount' ? 1 : 0 }),
    ),
  );
  // Starts are shared by every tour working the same window that day: any person of the
  // window may take any of its starts, so per-tour starts would only add symmetry.
  const startColumns: { key: Omit<TourStart, 'count'>; column: number }[] = [];
  const startOf = new Map<string, number>(); // (weekday, template) → y column
  const linking: [number, number][][] = [];
  for (let d = 0; d < 7; d++) {
    for (const window of windows) {
      const terms: [number, number][] = [];
      for (const tour of tours) {
        for (let p = 0; p < 7; p++) {
          const k = (d - p + 7) % 7;
          if (k < days && tour.windows[k] === window.index) {
            terms.push([people[tour.index][p], -1]);
          }
        }
      }
      if (terms.length === 0) continue;
      for (const s of window.templates) {
        const hours = templates[s].type.lengthMinutes / 60;
        const column = model.addColumn({ integer: true, cost: objective === 'hours' ? hours : 0 });
        startColumns.push({ key: { weekday: d, window: window.index, template: s }, column });
        startOf.set(`${d}:${s}`, column);
        terms.push([column, 1]);
      }
      linking.push(terms);
    }
  }
  const integerColumns = model.columns;
  for (const terms of linking) model.addRow(0, 0, terms);
  if (query.headcount !== undefined) {
    model.addRow(
      -Infinity,
      query.headcount,
      people.flat().map((c) => [c, 1] as [number, number]),
    );
  }

  const answering: [number, number][][] = Array.from({ length: SLOTS_PER_WEEK }, () => []);
  const seated: [number, number][][] = Array.from({ length: SLOTS_PER_WEEK }, () => []);
  for (const [key, column] of startOf) {
    const [d, s] = key.split(':').map(Number);
    const template = templates[s];
    const first = d * SLOTS_PER_DAY + template.startSlot;
    for (let i = 0; i < template.slots; i++) {
      answering[(first + i) % SLOTS_PER_WEEK].push([column, relative[s]]);
      seated[(first + i) % SLOTS_PER_WEEK].push([column, 1]);
    }
    if (!placeBreaks) continue;
    for (const pause of template.type.breaks) {
      const placement: [number, number][] = [[column, -1]];
      for (
        let after = pause.earliestAfterMinutes;
        after <= pause.latestAfterMinutes;
        after += SLOT_MINUTES
      ) {
        const placed = model.addColumn();
        placement.push([placed, 1]);
        const from = first + after / SLOT_MINUTES;
        for (let i = 0; i < pause.minutes / SLOT_MINUTES; i++) {
          answering[(from + i) % SLOTS_PER_WEEK].push([placed, -relative[s]]);
        }
      }
      model.addRow(0, 0, placement);
    }
  }

  const seatsColumn = objective === 'seats' ? model.addColumn({ cost: 1 }) : undefined;
  for (let t = 0; t < SLOTS_PER_WEEK; t++) {
    if (seatsColumn !== undefined) model.addRow(-Infinity, 0, [...seated[t], [seatsColumn, -1]]);
    else if (query.seats !== undefined) model.addRow(-Infinity, query.seats, seated[t]);
  }
  const anyBreaks = templates.some((t) => t.type.breaks.length > 0);
  if (!placeBreaks && anyBreaks && (query.meetRequirement || objective === 'lost')) {
    // Spread breaks flatter small crews: five people at 7/8 each look like 4.4 answering, but
    // when one of them is on a break four answer, and a crew that starts together takes its
    // meals within the same hour and a half. So also ask for people on shift beyond the
    // requirement — two for a small crew, one for a larger one — which makes the quick rota one
    // the placed model can use (its breaks fit) rather than one it has to repair.
    const perPerson = 1 - query.shrinkage;
    for (let t = 0; t < SLOTS_PER_WEEK; t++) {
      const { required } = curves[t];
      if (required === 0) continue;
      const people = Math.ceil(required / perPerson - 1e-9);
      model.addRow(people + (people <= SMALL_CREW ? 2 : 1), Infinity, seated[t]);
    }
  }
  const deficitColumns = addCapacityRows(model, answering, curves, unit, {
    objective,
    meetRequirement: query.meetRequirement,
    lostAtMost: query.lostAtMost,
    deficitPenalty: query.deficitPenalty ?? DEFICIT_PENALTY,
  });

  return {
    milp: model.build(),
    integerColumns,
    deficit: (values) => deficitColumns.reduce((sum, column) => sum + values[column], 0),
    decode: (values) => ({
      people: people.map((byPattern) => byPattern.map((c) => Math.round(values[c]))),
      starts: startColumns
        .map(({ key, column }) => ({ ...key, count: Math.round(values[column]) }))
        .filter((start) => start.count > 0),
    }),
  };
}

export interface BreakModelQuery {
  readonly templates: readonly ShiftTemplate[];
  /** starts[d][s]: people starting template s on weekday d (from the tour model). */
  readonly starts: readonly (readonly number[])[];
  readonly curves: readonly SlotCurve[];
  readonly shrinkage: number;
}

/** How many people of (weekday, template) take break j at each allowed offset. */
export interface BreakCounts {
  /** taken[d][s][j] = list of { afterMinutes, count }. */
  readonly taken: readonly (readonly (readonly BreakOffsets[])[])[];
}

export interface BreakOffsets {
  readonly afterMinutes: readonly number[];
  readonly counts: readonly number[];
}

export interface BreakModel {
  readonly milp: MilpModel;
  decode(values: Float64Array): BreakCounts;
}

/**
 * Phase 2: every break of every person, with the starts fixed. The requirement is kept soft
 * (the spread short breaks of phase 1 may not fit exactly): capacity below the requirement
 * costs the curve's own slope there plus a penalty per agent-slot, so slots are brought up to
 * the requirement first and lost calls are minimised next.
 */
export function buildBreakModel(query: BreakModelQuery): BreakModel {
  const { templates, starts, curves } = query;
  const model = new MilpBuilder();
  const unit = 1 - query.shrinkage;
  const answering: [number, number][][] = Array.from({ length: SLOTS_PER_WEEK }, () => []);
  const fixed = new Float64Array(SLOTS_PER_WEEK);
  const columns: number[][][][] = [];
  for (let d = 0; d < 7; d++) {
    columns.push([]);
    templates.forEach((template, s) => {
      const count = starts[d][s];
      const first = d * SLOTS_PER_DAY + template.startSlot;
      const perBreak: number[][] = [];
      columns[d].push(perBreak);
      if (count === 0) return;
      for (let i = 0; i < template.slots; i++) fixed[(first + i) % SLOTS_PER_WEEK] += count;
      for (const pause of template.type.breaks) {
        const offsets: number[] = [];
        const terms: [number, number][] = [];
        for (
          let after = pause.earliestAfterMinutes;
          after <= pause.latestAfterMinutes;
          after += SLOT_MINUTES
        ) {
          const column = model.addColumn({ integer: true, upper: count });
          offsets.push(column);
          terms.push([column, 1]);
          const from = first + after / SLOT_MINUTES;
          for (let i = 0; i < pause.minutes / SLOT_MINUTES; i++) {
            answering[(from + i) % SLOTS_PER_WEEK].push([column, -1]);
          }
        }
        model.addRow(count, count, terms);
        perBreak.push(offsets);
      }
    });
  }
  let constant = 0;
  for (let t = 0; t < SLOTS_PER_WEEK; t++) {
    const curve = unitCurve(curves[t], unit);
    const required = curve.required;
    const top = curve.lost.length - 1;
    const floor = Math.min(required, top);
    constant += curve.lost[floor];
    // on shift − Σ breaks = required − deficit + Σ δ + overflow, with "on shift" a constant:
    // −Σ breaks + deficit − Σ δ − overflow = required − on shift.
    const terms: [number, number][] = [...answering[t]];
    if (required > 0) {
      const below = curve.lost[Math.max(0, floor - 1)] - curve.lost[floor];
      terms.push([model.addColumn({ cost: below + DEFICIT_PENALTY, upper: required }), 1]);
    }
    for (let n = floor; n < top; n++) {
      terms.push([model.addColumn({ upper: 1, cost: curve.lost[n + 1] - curve.lost[n] }), -1]);
    }
    terms.push([model.addColumn(), -1]);
    model.addRow(required - fixed[t], required - fixed[t], terms);
  }
  model.offset = constant;
  return {
    milp: model.build(),
    decode: (values) => ({
      taken: columns.map((byTemplate) =>
        byTemplate.map((perBreak, s) =>
          perBreak.map((offsets, j) => {
            const pause = templates[s].type.breaks[j];
            return {
              afterMinutes: offsets.map((_, i) => pause.earliestAfterMinutes + i * SLOT_MINUTES),
              counts: offsets.map((column) => Math.round(values[column])),
            };
          }),
        ),
      ),
    }),
  };
}

/** Up to this many people answering, a crew's breaks cannot be spread thin (see above). */
const SMALL_CREW = 8;

/**
 * Cost of one capacity unit below the requirement for one slot, on top of the lost calls it
 * causes, where the requirement is soft: far above any lost-call slope (a few calls per
 * agent-slot), so the requirement comes first and lost calls next.
 */
const DEFICIT_PENALTY = 100;

/** A slot's curve in units of `unit` agents answering: requirement rounded up, lost resampled. */
export function unitCurve(curve: SlotCurve, unit: number): SlotCurve {
  const top = Math.ceil((curve.lost.length - 1) / unit);
  return {
    calls: curve.calls,
    reachable: curve.reachable,
    required: Math.ceil(curve.required / unit - 1e-9),
    lost: Array.from({ length: top + 1 }, (_, n) => lostAt(curve, n * unit)),
  };
}

function addCapacityRows(
  model: MilpBuilder,
  answering: readonly (readonly [number, number][])[],
  curves: readonly SlotCurve[],
  unit: number,
  options: {
    objective: TourObjective;
    meetRequirement: boolean;
    lostAtMost?: number;
    deficitPenalty: number;
  },
): number[] {
  const { objective, meetRequirement } = options;
  const deficits: number[] = [];
  const lostTerms: [number, number][] = [];
  let lostConstant = 0;
  for (let t = 0; t < SLOTS_PER_WEEK; t++) {
    const curve = unitCurve(curves[t], unit);
    const { required, lost } = curve;
    if (objective === 'lost' || objective === 'hours') {
      const floor = required;
      const from = Math.min(floor, lost.length - 1);
      lostConstant += lost[from];
      const terms: [number, number][] = [...answering[t]];
      if (!meetRequirement && required > 0) {
        // Below the requirement: the curve's slope just below it (a line under the convex curve),
        // plus the penalty.
        const below = lost[Math.max(0, from - 1)] - lost[from];
        const deficit = model.addColumn({ cost: below + options.deficitPenalty, upper: required });
        deficits.push(deficit);
        terms.push([deficit, 1]);
      }
      for (let n = from; n + 1 < lost.length; n++) {
        const slope = lost[n + 1] - lost[n];
        const column = model.addColumn({ upper: 1, cost: objective === 'lost' ? slope : 0 });
        terms.push([column, -1]);
        lostTerms.push([column, slope]);
      }
      terms.push([model.addColumn(), -1]); // flat beyond the curve's end
      // capacity (+ deficit) = requirement + Σ segments (past the curve's end only the flat one)
      model.addRow(floor, floor, terms);
    } else if (objective === 'shortfall') {
      if (required === 0) continue;
      const short = model.addColumn({ cost: 1, upper: required });
      deficits.push(short);
      model.addRow(required, Infinity, [...answering[t], [short, 1]]);
    } else if (required > 0) {
      model.addRow(required, Infinity, answering[t]);
    }
  }
  if (objective === 'lost') model.offset = lostConstant;
  if (objective === 'hours' && options.lostAtMost !== undefined) {
    model.addRow(-Infinity, options.lostAtMost - lostConstant, lostTerms);
  }
  return deficits;
}
