import { calendarDateProblem } from '@hotline/calendar';
import { CENTRE_KEY, emptyCounters, type MonthlyAggregateRow } from './stored-records';

/** Thrown when an imported monthly CSV is malformed. */
export class MonthlyCsvError extends Error {
  readonly code = 'STORAGE_ERR_MONTHLY_CSV';
  constructor(message: string) {
    super(message);
    this.name = 'MonthlyCsvError';
  }
}

const REQUIRED = ['month', 'offered', 'answered', 'answered_within_10s', 'over_5min'] as const;

/**
 * Parses monthly centre figures in the reference CSV layout (month, offered, answered,
 * answered_within_10s, over_5min, agent_satisfaction_rate in percent, …) into monthly
 * aggregates with source 'imported'. The reference has rates but no rating counts, so the
 * satisfaction rate is kept as given.
 */
export function parseMonthlyCsv(text: string): MonthlyAggregateRow[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new MonthlyCsvError('empty file');
  const header = lines[0].split(',').map((h) => h.trim());
  const index = (name: string) => header.indexOf(name);
  for (const name of REQUIRED)
    if (index(name) < 0) throw new MonthlyCsvError(`missing column "${name}"`);
  return lines.slice(1).map((line, n) => {
    const cells = line.split(',');
    const int = (name: string): number => {
      const value = Number(cells[index(name)]);
      if (!Number.isInteger(value) || value < 0)
        throw new MonthlyCsvError(`line ${n + 2}: ${name} is not a count: "${cells[index(name)]}"`);
      return value;
    };
    const month = cells[index('month')]?.trim() ?? '';
    const problem = calendarDateProblem(month, 'month');
    if (problem) throw new MonthlyCsvError(`line ${n + 2}: month "${month}": ${problem}`);
    const satisfactionIndex = index('agent_satisfaction_rate');
    const satisfaction =
      satisfactionIndex >= 0 && cells[satisfactionIndex] !== ''
        ? Number(cells[satisfactionIndex]) / 100
        : null;
    const offered = int('offered');
    const answered = int('answered');
    return {
      ...emptyCounters(),
      month,
      scopeKind: 'centre',
      scopeKey: CENTRE_KEY,
      offered,
      answered,
      answered10s: int('answered_within_10s'),
      over5min: int('over_5min'),
      satisfactionRate: satisfaction,
      source: 'imported',
    };
  });
}
