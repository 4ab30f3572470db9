import { DEFAULT_KPI_TARGETS } from '@hotline/kpi';
import { AlarmBook } from './alarm-book';
import { AlarmRules } from './alarm-rules';
import { summarizeAlarms } from './alarm-summary';
import { severityScheme } from './severity-scheme';

const T = 1_700_000_000_000;
// The evaluation's targets: answer rate 95 %, 10-second rate 80 %, over 5 minutes 36 %.
const targets = DEFAULT_KPI_TARGETS;
const today = {
  offered: 100,
  answered: 89,
  answerRate: 0.89,
  answeredIn10sRate: 0.85,
  overFiveMinuteRate: 0.1,
  ratings: { count: 0, rate: null },
};
const figures = (at: number, waits: number[]) => ({
  at,
  live: {
    waiting: waits.map((w, i) => ({
      callId: `c${i}`,
      queue: 'q1',
      line: null,
      joinedAt: at - w * 1000,
      waitSeconds: w,
    })),
  },
  periods: { centre: { today } },
});

describe(AlarmRules.name, () => {
  it('evaluates waits and targets on one snapshot, the link on its own, and summarises by rule', () => {
    const book = new AlarmBook();
    const rules = new AlarmRules(severityScheme(targets, 60));
    const raised = rules.figures(book, figures(T, [30, 61, 130]));
    expect(raised.map((t) => [t.alarm.kind, t.alarm.subject, t.alarm.severity])).toEqual([
      ['long-wait', 'c1', 'warning'],
      ['long-wait', 'c2', 'critical'],
      ['kpi-target', 'answerRate', 'critical'],
    ]);
    // The same snapshot again changes nothing: evaluating is idempotent.
    expect(rules.figures(book, figures(T, [30, 61, 130]))).toEqual([]);
    rules.pbxLink(book, { up: false, ready: false, since: T - 5_000 }, T);
    expect(summarizeAlarms(book.activeAlarms())).toEqual({
      'long-wait': { active: 2, severity: 'critical', since: T - 70_000 },
      'kpi-target': { active: 1, severity: 'critical', since: T },
      'pbx-link': { active: 1, severity: 'critical', since: T - 5_000 },
    });
    const cleared = rules.pbxLink(book, { up: true, ready: true, since: T + 1 }, T + 1);
    expect(cleared.map((t) => t.state)).toEqual(['cleared']);
    expect(summarizeAlarms(book.activeAlarms())['pbx-link']).toEqual({
      active: 0,
      severity: null,
      since: null,
    });
  });
});
