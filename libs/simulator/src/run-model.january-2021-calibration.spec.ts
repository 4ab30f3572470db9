import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioZone } from './model/scenario-time-zone';
import { runModel } from './run-model';
import { contactUnits, kpiFigures } from './truth/summarize-calls';

/** January 2021 from the monthly report (the project's copy of the reference CSV). */
function january2021(): {
  offered: number;
  answerRate: number;
  tenSecondRate: number;
  over5MinRate: number;
  satisfaction: number;
} {
  const csv = readFileSync(
    join(__dirname, '../../../test/fixtures/reference/monthly-kpis-2020-07_2021-06.csv'),
    'utf8',
  );
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header.split(',');
  const row = rows.map((r) => r.split(',')).find((r) => r[0] === '2021-01')!;
  const value = (name: string): number => Number(row[columns.indexOf(name)]);
  return {
    offered: value('offered'),
    answerRate: value('answer_rate'),
    tenSecondRate: value('answer_10s_rate'),
    over5MinRate: value('over_5min_rate'),
    satisfaction: value('agent_satisfaction_rate'),
  };
}

describe('runModel (January 2021 calibration)', () => {
  const target = january2021();
  const run = runModel({ scenario: 'month-2021-01', seed: 2021 });
  const centre = run.summary.centre;

  it('offers about as many calls as the month had (±2 %)', () => {
    expect(Math.abs(centre.offered - target.offered) / target.offered).toBeLessThan(0.02);
  });

  it('reproduces the answer rate, 10-second rate and over-5-minute rate within 1 point', () => {
    expect(Math.abs(centre.answerRate! - target.answerRate)).toBeLessThan(1);
    expect(Math.abs(centre.tenSecondRate! - target.tenSecondRate)).toBeLessThan(1);
    expect(Math.abs(centre.over5MinRate! - target.over5MinRate)).toBeLessThan(1);
  });

  it('rates agents about as satisfied as the month did (within 1 point)', () => {
    expect(Math.abs(centre.satisfactionRate! - target.satisfaction)).toBeLessThan(1);
  });

  it('loses more calls at the evening peak (20:00–22:00) than over the whole day', () => {
    const evening = run.calls.filter((c) => {
      const hour = scenarioZone.local(c.joinedAt).hour;
      return hour >= 20 && hour < 22;
    });
    const eveningLoss = 100 - kpiFigures(contactUnits(evening)).answerRate!;
    expect(eveningLoss).toBeGreaterThan(100 - centre.answerRate!);
  });

  it('shows every outcome: timeouts, key exits, leave-empty, refusals, transfers', () => {
    const reasons = new Set(run.calls.map((c) => c.reason));
    for (const reason of [
      'agent',
      'caller',
      'transfer',
      'ABANDON',
      'TIMEOUT',
      'KEY',
      'LEAVEEMPTY',
    ]) {
      expect(reasons).toContain(reason);
    }
    expect(run.calls.some((c) => c.outcome === 'blocked')).toBe(true);
  });
});
