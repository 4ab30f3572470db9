import { AlarmBook, AlarmRules, alarmEvent, severityScheme } from '@hotline/alarms';
import {
  AlarmEventRepository,
  CallStore,
  DEFAULT_AGGREGATION_RULES,
  purgeExpired,
  Sql,
} from '@hotline/storage';
import { type Dialect, freshDatabaseForEachTest, testDialects } from './storage-test-databases';

const T0 = Date.UTC(2026, 10, 2, 2, 0, 0); // 2026-11-02 10:00 Asia/Shanghai
const S = 1000;
const targets = {
  answerRate: 0.95,
  answeredIn10sRate: 0.8,
  overFiveMinuteRate: 0.36,
  satisfactionRate: 0.95,
};
const figures = (at: number, answerRate: number) => ({
  at,
  live: { waiting: [] },
  periods: {
    centre: {
      today: {
        offered: 100,
        answered: 90,
        answerRate,
        answeredIn10sRate: 0.9,
        overFiveMinuteRate: 0.1,
        ratings: { count: 0, rate: null },
      },
    },
  },
});

/** One answer-rate alarm's life through the pure rules: raised, escalated, acknowledged, cleared. */
function oneAlarmsLife(at: number) {
  const book = new AlarmBook();
  const rules = new AlarmRules(severityScheme(targets, 60), { hysteresis: 0.01, holdSeconds: 60 });
  return [
    ...rules.figures(book, figures(at, 0.93)),
    ...rules.figures(book, figures(at + 10 * S, 0.88)),
    book.acknowledge(`kpi-target:answerRate@${at}`, { by: '张班长', at: at + 20 * S })!,
    ...rules.figures(book, figures(at + 30 * S, 0.97)),
    ...rules.figures(book, figures(at + 90 * S, 0.97)),
  ].map(alarmEvent);
}

describe.each(testDialects())('alarm history stored on %s', (dialect: Dialect) => {
  const database = freshDatabaseForEachTest(dialect);

  it('keeps each event of an alarm once, with its time, value and who acknowledged it', async () => {
    const events = oneAlarmsLife(T0);
    expect(events.map((e) => e.event)).toEqual(['raised', 'escalated', 'acknowledged', 'cleared']);
    const store = new CallStore(database(), DEFAULT_AGGREGATION_RULES);
    const items = events.map((record) => ({ kind: 'alarm-event' as const, record }));
    await store.writeBatch(items);
    // Written again (a retry, a spill replayed): nothing doubles.
    await store.writeBatch(items);
    const repo = new AlarmEventRepository(Sql.of(database()));
    const stored = await repo.findBetween(T0, T0 + 3600 * S, 100);
    expect(stored.map((e) => [e.event, e.at - T0, e.severity, e.acknowledgedBy])).toEqual([
      ['cleared', 90 * S, 'critical', '张班长'],
      ['acknowledged', 20 * S, 'critical', '张班长'],
      ['escalated', 10 * S, 'critical', null],
      ['raised', 0, 'warning', null],
    ]);
    expect(stored[3]).toEqual({
      alarmId: `kpi-target:answerRate@${T0}`,
      event: 'raised',
      at: T0,
      kind: 'kpi-target',
      subject: 'answerRate',
      severity: 'warning',
      value: 0.93,
      threshold: 0.95,
      detail: { scope: 'centre', period: 'today' },
      raisedAt: T0,
      acknowledgedBy: null,
    });
    expect(await repo.findBetween(T0 + 15 * S, T0 + 3600 * S, 1)).toHaveLength(1);
    expect(await repo.findBetween(T0 + 91 * S, T0 + 3600 * S, 100)).toEqual([]);
  });

  it('purges alarm events with the raw rows (storage.retention.rawMonths)', async () => {
    const old = Date.UTC(2024, 0, 10, 2, 0, 0);
    const store = new CallStore(database(), DEFAULT_AGGREGATION_RULES);
    await store.writeBatch(
      [...oneAlarmsLife(old), ...oneAlarmsLife(T0)].map((record) => ({
        kind: 'alarm-event' as const,
        record,
      })),
    );
    const result = await purgeExpired(
      database(),
      T0,
      { rawMonths: 12, intervalAggregateMonths: 120 },
      'Asia/Shanghai',
    );
    expect(result.alarmEvents).toBe(4);
    const repo = new AlarmEventRepository(Sql.of(database()));
    expect(await repo.findBetween(0, T0 + 3600 * S, 100)).toHaveLength(4);
  });
});
