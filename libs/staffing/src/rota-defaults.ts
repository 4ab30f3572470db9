import type { WeekShape } from './rota-demand';
import type { ScheduledBreak, ShiftRules } from './rota-rules';

/** An 8-hour shift's pauses, day or night: a 15-minute break either side of a 30-minute meal. */
const EIGHT_HOUR_SHIFT_BREAKS: readonly ScheduledBreak[] = [
  { reason: 'break', minutes: 15, earliestAfterMinutes: 75, latestAfterMinutes: 135 },
  { reason: 'meal', minutes: 30, earliestAfterMinutes: 210, latestAfterMinutes: 270 },
  { reason: 'break', minutes: 15, earliestAfterMinutes: 345, latestAfterMinutes: 405 },
];

/**
 * The planner's defaults (the monitor's config schema and the simulator's plan:check both use
 * these; a centre overrides them under `staffing.planner`).
 *
 * Shifts of 8 hours with a 30-minute meal and two 15-minute breaks (an hour in all, the pause
 * share of the calibrated centre), each in a window the planner staggers; starts on the hour or
 * half hour; day shifts start 06:00–16:00, night shifts
 * 20:00–23:30. Five working days in seven with the two days off together, at most three nights
 * in a row, 11 hours' rest between shifts.
 */
export const DEFAULT_SHIFT_RULES: ShiftRules = {
  startEveryMinutes: 30,
  labour: { workDaysPerWeek: 5, maxConsecutiveNights: 3, minRestHours: 11 },
  shiftTypes: [
    {
      name: '白班',
      lengthMinutes: 480,
      firstStart: '06:00',
      lastStart: '16:00',
      night: false,
      breaks: EIGHT_HOUR_SHIFT_BREAKS,
    },
    {
      name: '夜班',
      lengthMinutes: 480,
      firstStart: '20:00',
      lastStart: '23:30',
      night: true,
      breaks: EIGHT_HOUR_SHIFT_BREAKS,
    },
  ],
};

/**
 * Share of answering time lost to pauses the rota does not schedule (training, meetings,
 * personal time): the calibrated centre pauses ~3 % of its time for training and meetings.
 */
export const DEFAULT_PLANNER_SHRINKAGE = 0.05;

/**
 * Agents answering in every 15 minutes at least, whatever Erlang A says of a quiet night: a
 * 24×7 centre's skills (the English line's specialists) and breaks need a few people on.
 */
export const DEFAULT_MIN_ANSWERING = 4;

/**
 * A 12345 hotline's week for a centre with no history: morning and afternoon peaks, a lunch dip,
 * an evening bump at 19–21 h, quiet nights; Monday busiest, the weekend quieter. The shape of the
 * Lüliang 12345 centre in January 2021 (the evaluation's calibrated month).
 */
export const DEFAULT_WEEK_SHAPE: WeekShape = {
  hours: [
    0.25, 0.15, 0.1, 0.1, 0.1, 0.15, 0.4, 1.2, 3.0, 4.6, 4.8, 4.2, 2.8, 3.0, 4.3, 4.4, 4.1, 3.4,
    2.9, 3.4, 3.3, 2.2, 1.0, 0.5,
  ],
  weekdays: [1.12, 1.05, 1.02, 1.0, 1.0, 0.92, 0.89],
};

/**
 * Calls offered per month in the evaluation report's monthly table (话务量,
 * monthly-kpis-2020-07_2021-06.csv): the volume a centre with no history plans for.
 */
export const EVALUATION_MONTHLY_CALLS: Readonly<Record<string, number>> = {
  '2020-07': 11389,
  '2020-08': 14901,
  '2020-09': 17919,
  '2020-10': 25824,
  '2020-11': 37997,
  '2020-12': 39567,
  '2021-01': 44632,
  '2021-02': 25841,
  '2021-03': 30131,
  '2021-04': 30217,
  '2021-05': 31347,
  '2021-06': 34346,
};

/**
 * The calls of the month from a monthly table: that month if listed, else the same calendar
 * month of the latest year listed, else undefined.
 */
export function monthlyCallsFor(
  table: Readonly<Record<string, number>>,
  month: string,
): { readonly month: string; readonly calls: number } | undefined {
  if (table[month] !== undefined) return { month, calls: table[month] };
  const sameMonth = Object.keys(table)
    .filter((m) => m.slice(5) === month.slice(5))
    .sort();
  const latest = sameMonth[sameMonth.length - 1];
  return latest === undefined ? undefined : { month: latest, calls: table[latest] };
}
