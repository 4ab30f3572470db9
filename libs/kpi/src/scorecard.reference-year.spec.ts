import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreMonth, scoreYear, type MonthlyFigures } from './scorecard';

/** The twelve months of the 2020 evaluation report (appendix 3), copied into test/fixtures. */
function referenceMonths(): MonthlyFigures[] {
  const csv = readFileSync(
    join(__dirname, '../../../test/fixtures/reference/monthly-kpis-2020-07_2021-06.csv'),
    'utf8',
  );
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  const columns = (header ?? '').split(',');
  const col = (row: string[], name: string): string => row[columns.indexOf(name)] ?? '';
  return rows.map((line) => {
    const row = line.split(',');
    return {
      month: col(row, 'month'),
      offered: Number(col(row, 'offered')),
      // A closed month of the report: every call has its outcome.
      inProgress: 0,
      answered: Number(col(row, 'answered')),
      answeredWithin10s: Number(col(row, 'answered_within_10s')),
      overFiveMinutes: Number(col(row, 'over_5min')),
      satisfactionRate: Number(col(row, 'agent_satisfaction_rate')) / 100,
    };
  });
}

describe(scoreYear.name, () => {
  const months = referenceMonths();
  const year = scoreYear(months);

  it('reads twelve months from July 2020 to June 2021', () => {
    expect(year.months).toHaveLength(12);
    expect(year.months[0]).toBe('2020-07');
    expect(year.months[11]).toBe('2021-06');
  });

  it('gives the report’s answer rate 94.36% over the summed months, 4 of 5 points', () => {
    expect(year.answerRate.value).toBe(94.36);
    expect(year.answerRate.points).toBe(4);
  });

  it('gives the 10-second rate 90.49% (÷ answered), 2 of 2 points', () => {
    expect(year.answeredIn10sRate.value).toBe(90.49);
    expect(year.answeredIn10sRate.points).toBe(2);
  });

  it('gives the over-5-minute rate 24.72%, 2 of 2 points', () => {
    expect(year.overFiveMinuteRate.value).toBe(24.72);
    expect(year.overFiveMinuteRate.points).toBe(2);
  });

  it('gives an average monthly volume of 28,676, 2 of 3 points (4.4% short counts as 5%)', () => {
    expect(Math.round(year.averageMonthlyOffered)).toBe(28676);
    expect(year.volume.points).toBe(2);
  });

  it('finds satisfaction below 95% in six months, 0.8 of 2 points', () => {
    expect(year.satisfaction.monthsBelowTarget).toBe(6);
    expect(year.satisfaction.points).toBe(0.8);
  });

  it('adds the points up to 10.8 of 14', () => {
    expect(year.points).toBe(10.8);
    expect(year.maxPoints).toBe(14);
  });

  it('agrees with the per-month rates the report publishes', () => {
    const july = months[0];
    if (!july) throw new Error('no July');
    const score = scoreMonth(july);
    expect(score.answerRate.value).toBe(86.29);
    expect(score.answeredIn10sRate.value).toBe(46.69);
    expect(score.overFiveMinuteRate.value).toBe(28.85);
  });
});
