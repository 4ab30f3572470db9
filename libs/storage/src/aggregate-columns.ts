import { num } from './sql';
import { COUNTER_COMBINE, type StoredCounters } from './stored-records';

/** Counter columns shared by interval_aggregate and monthly_aggregate, in one order. */
export const COUNTER_COLUMNS: ReadonlyArray<
  readonly [column: string, field: keyof StoredCounters]
> = [
  ['offered', 'offered'],
  ['answered', 'answered'],
  ['answered_10s', 'answered10s'],
  ['over_5min', 'over5min'],
  ['abandoned', 'abandoned'],
  ['short_abandoned', 'shortAbandoned'],
  ['exited', 'exited'],
  ['blocked', 'blocked'],
  ['sum_wait', 'sumWait'],
  ['sum_talk', 'sumTalk'],
  ['max_wait', 'maxWait'],
  ['ratings', 'ratings'],
  ['satisfied', 'satisfied'],
  ['agents_on_duty', 'agentsOnDuty'],
  ['unknown', 'unknown'],
  ['talk_unknown', 'talkUnknown'],
];

export function countersFromRow(row: Record<string, unknown>): StoredCounters {
  const out = {} as Record<keyof StoredCounters, number>;
  for (const [column, field] of COUNTER_COLUMNS) out[field] = num(row[column] ?? 0);
  return out;
}

export function counterValues(counters: StoredCounters): number[] {
  return COUNTER_COLUMNS.map(([, field]) => counters[field]);
}

/** `SUM(offered) AS offered, …, MAX(max_wait) AS max_wait, …`: counters combined in SQL. */
export function combinedCounterColumns(): string {
  return COUNTER_COLUMNS.map(
    ([column, field]) =>
      `${COUNTER_COMBINE[field] === 'max' ? 'MAX' : 'SUM'}(${column}) AS ${column}`,
  ).join(', ');
}
