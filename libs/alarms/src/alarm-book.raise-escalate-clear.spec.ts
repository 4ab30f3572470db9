import { DEFAULT_KPI_TARGETS } from '@hotline/kpi';
import { AlarmBook } from './alarm-book';
import { KpiTargetAlarmRule } from './kpi-target-alarm-rule';
import { LongWaitAlarmRule } from './long-wait-alarm-rule';
import { PbxLinkAlarmRule } from './pbx-link-alarm-rule';

const T = 1_700_000_000_000;
const waiting = (callId: string, waitSeconds: number) => ({
  callId,
  queue: 'q1',
  line: null,
  joinedAt: T - waitSeconds * 1000,
  waitSeconds,
});

describe(AlarmBook.name, () => {
  const rule = new LongWaitAlarmRule(60);

  it('raises a long wait at the moment it crossed the threshold, escalates it, clears it when gone', () => {
    const book = new AlarmBook();
    expect(book.evaluate('long-wait', rule.conditions([waiting('c1', 59)]), T)).toEqual([]);
    const [raised] = book.evaluate('long-wait', rule.conditions([waiting('c1', 65)]), T + 6_000);
    expect(raised.state).toBe('raised');
    expect(raised.alarm).toMatchObject({
      subject: 'c1',
      severity: 'warning',
      raisedAt: T - 5_000,
      clearedAt: null,
    });
    expect(book.evaluate('long-wait', rule.conditions([waiting('c1', 70)]), T + 11_000)).toEqual(
      [],
    );
    const [escalated] = book.evaluate(
      'long-wait',
      rule.conditions([waiting('c1', 120)]),
      T + 61_000,
    );
    expect(escalated.alarm).toMatchObject({ severity: 'critical', raisedAt: T - 5_000 });
    const [cleared] = book.evaluate('long-wait', [], T + 70_000);
    expect(cleared).toMatchObject({
      state: 'cleared',
      alarm: { subject: 'c1', clearedAt: T + 70_000 },
    });
    expect(book.activeAlarms()).toEqual([]);
    expect(book.recentlyCleared()[0].subject).toBe('c1');
  });

  it('keeps kinds apart: evaluating one kind never clears another', () => {
    const book = new AlarmBook();
    book.evaluate('long-wait', rule.conditions([waiting('c1', 61)]), T);
    book.evaluate(
      'pbx-link',
      new PbxLinkAlarmRule().conditions({ up: false, ready: false, since: T }),
      T,
    );
    expect(book.evaluate('kpi-target', [], T)).toEqual([]);
    expect(
      book
        .activeAlarms()
        .map((a) => a.kind)
        .sort(),
    ).toEqual(['long-wait', 'pbx-link']);
  });

  it('bounds the history of cleared alarms', () => {
    const book = new AlarmBook(3);
    for (let i = 0; i < 5; i++) {
      book.evaluate('long-wait', rule.conditions([waiting(`c${i}`, 61)]), T + i);
      book.evaluate('long-wait', [], T + i);
    }
    expect(book.recentlyCleared().map((a) => a.subject)).toEqual(['c4', 'c3', 'c2']);
  });
});

describe(KpiTargetAlarmRule.name, () => {
  // The evaluation's targets: answer rate 95 %, 10-second rate 80 %, over 5 minutes 36 %.
  const targets = DEFAULT_KPI_TARGETS;
  const figures = (o: Partial<Parameters<KpiTargetAlarmRule['conditions']>[0]> = {}) => ({
    offered: 100,
    answered: 96,
    answerRate: 0.96,
    answeredIn10sRate: 0.85,
    overFiveMinuteRate: 0.2,
    ratings: { count: 50, rate: 0.97 },
    ...o,
  });

  it('reports rates past their targets, over-5-minutes as a ceiling', () => {
    const rule = new KpiTargetAlarmRule(targets);
    expect(rule.conditions(figures())).toEqual([]);
    const subjects = rule
      .conditions(
        figures({ answerRate: 0.89, overFiveMinuteRate: 0.36, ratings: { count: 50, rate: 0.94 } }),
      )
      .map((c) => [c.subject, c.severity]);
    expect(subjects).toEqual([
      ['answerRate', 'critical'],
      ['satisfactionRate', 'warning'],
      ['overFiveMinuteRate', 'warning'],
    ]);
  });

  it('ignores rates over too few calls', () => {
    const rule = new KpiTargetAlarmRule(targets, 20);
    expect(
      rule.conditions(
        figures({ offered: 5, answered: 3, answerRate: 0.6, answeredIn10sRate: 0.3 }),
      ),
    ).toEqual([]);
  });
});
