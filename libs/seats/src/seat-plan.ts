/**
 * The floor as the supervisor writes it (config `seats`): either a count of seats laid out in
 * a grid, or every desk by its seat number and floor position, with who sits there. Rows and
 * columns are the wall's grid (1-based); a position no desk names is a gap (an aisle, a pillar).
 */
export type SeatsConfig = number | SeatLayoutConfig;

export interface SeatLayoutConfig {
  readonly places: readonly SeatPlaceConfig[];
  /** People who have no desk of their own (hot-desking), by interface or agent id. */
  readonly people?: readonly PersonConfig[];
}

export interface SeatPlaceConfig {
  readonly seat: number;
  readonly row: number;
  readonly col: number;
  /** Interface or agent id exactly as the PBX names it ("PJSIP/101", "1001@default"). */
  readonly agent?: string;
  readonly name?: string;
  readonly staffNo?: string;
}

export interface PersonConfig {
  readonly agent: string;
  readonly name: string;
  readonly staffNo?: string;
}

export interface Person {
  readonly name: string | null;
  readonly staffNo: string | null;
}

/** One desk on the wall: its number, its grid position, and its owner when it has one. */
export interface SeatCell {
  readonly seat: number;
  readonly row: number;
  readonly col: number;
  /** The agent whose desk it is (config); null: any agent without a desk may sit here. */
  readonly owner: string | null;
}

export interface SeatPlan {
  readonly cells: readonly SeatCell[];
  readonly rows: number;
  readonly cols: number;
  /** Interface or agent id → name and staff number. */
  readonly people: ReadonlyMap<string, Person>;
}

/** A problem in `seats`, at a path under it (for the start-up message). */
export interface SeatPlanProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Most rows or columns a wall grid may have. */
export const MAX_GRID = 100;

/**
 * A count of seats as a grid that fills a 16:9 strip: rows about 3.6 times fewer than columns
 * (58 seats → 4 rows of 15).
 */
export function gridOf(count: number): { rows: number; cols: number } {
  const rows = Math.max(1, Math.round(Math.sqrt(count / 3.6)));
  return { rows, cols: Math.ceil(count / rows) };
}

/** What is wrong with a seat layout the schema let through (duplicates, conflicts). */
export function seatPlanProblems(config: SeatsConfig): SeatPlanProblem[] {
  if (typeof config === 'number') return [];
  const problems: SeatPlanProblem[] = [];
  const seats = new Map<number, number>();
  const positions = new Map<string, number>();
  const desks = new Map<string, number>();
  config.places.forEach((place, i) => {
    const at = (key: string) => ['places', i, key];
    const seenSeat = seats.get(place.seat);
    if (seenSeat !== undefined)
      problems.push({
        path: at('seat'),
        message: `seat ${place.seat} is already places[${seenSeat}]`,
      });
    else seats.set(place.seat, i);
    const position = `${place.row},${place.col}`;
    const seenPosition = positions.get(position);
    if (seenPosition !== undefined)
      problems.push({
        path: at('col'),
        message: `row ${place.row}, col ${place.col} is already taken by seat ${config.places[seenPosition].seat}`,
      });
    else positions.set(position, i);
    if (place.agent === undefined) {
      if (place.name !== undefined || place.staffNo !== undefined)
        problems.push({ path: at('agent'), message: 'a name or staffNo needs the agent it names' });
      return;
    }
    const seenDesk = desks.get(place.agent);
    if (seenDesk !== undefined)
      problems.push({
        path: at('agent'),
        message: `${place.agent} already has seat ${config.places[seenDesk].seat}`,
      });
    else desks.set(place.agent, i);
  });
  const people = new Set<string>();
  (config.people ?? []).forEach((person, i) => {
    if (desks.has(person.agent) || people.has(person.agent))
      problems.push({
        path: ['people', i, 'agent'],
        message: `${person.agent} is named twice (people and places name each agent once)`,
      });
    people.add(person.agent);
  });
  return problems;
}

/** The plan of a valid `seats` (check it with seatPlanProblems first). */
export function seatPlan(config: SeatsConfig): SeatPlan {
  if (typeof config === 'number') {
    const { rows, cols } = gridOf(config);
    const cells = Array.from({ length: config }, (_, i) => ({
      seat: i + 1,
      row: Math.floor(i / cols) + 1,
      col: (i % cols) + 1,
      owner: null,
    }));
    return { cells, rows, cols, people: new Map() };
  }
  const people = new Map<string, Person>();
  for (const place of config.places)
    if (place.agent !== undefined)
      people.set(place.agent, { name: place.name ?? null, staffNo: place.staffNo ?? null });
  for (const person of config.people ?? [])
    people.set(person.agent, { name: person.name, staffNo: person.staffNo ?? null });
  const cells = [...config.places]
    .sort((a, b) => a.seat - b.seat)
    .map((p) => ({ seat: p.seat, row: p.row, col: p.col, owner: p.agent ?? null }));
  return {
    cells,
    rows: Math.max(...cells.map((c) => c.row)),
    cols: Math.max(...cells.map((c) => c.col)),
    people,
  };
}

/** Seats on the floor (the staffing planner's limit): the count, or the desks laid out. */
export function seatCount(config: SeatsConfig): number {
  return typeof config === 'number' ? config : config.places.length;
}
