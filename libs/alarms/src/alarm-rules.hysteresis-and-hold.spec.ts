import { DEFAULT_KPI_TARGETS } from '@hotline/kpi';
import { AlarmBook } from './alarm-book';
import { AlarmRules } from './alarm-rules';
import { severityScheme } from './severity-scheme';

const T = 1_700_000_000_000;
const SECOND = 1000;
// The evaluation's targets: answer rate 95 %, 10-second rate 80 %, over 5 minutes 36 %.
const targets = DEFAULT_KPI_TARGETS;
/** Today's centre figures with the answer rate (and the over-5-minute rate) given. */
const figures = (at: number, answerRate: number, overFiveMinuteRate = 0.1) => ({
  at,
  live: { waiting: [] },
  periods: {
    centre: {
      today: {
        offered: 200,
        answered: 180,
        answerRate,
        answeredIn10sRate: 0.9,
        overFiveMinuteRate,
        ratings: { count: 0, rate: null },
      },
    },
  },
});

describe('KPI-target alarms with hysteresis and a hold time', () => {
  const damping = { hysteresis: 0.01, holdSeconds: 60 };

  it('raises once for a rate crossing its target back and forth within the hold time', () => {
    const book = new AlarmBook();
    const rules = new AlarmRules(severityScheme(targets, 60), damping);
    // The measured flapping: 91.3 % → 93.3 % → 95.4 % → 94.2 % …, every few seconds.
    const series = [0.913, 0.933, 0.954, 0.942, 0.966, 0.949, 0.951, 0.97, 0.93, 0.958];
    const states = series.flatMap((rate, i) =>
      rules.figures(book, figures(T + i * 5 * SECOND, rate)).map((t) => t.state),
    );
    expect(states).toEqual(['raised']);
    expect(book.activeAlarms()).toHaveLength(1);
  });

  it('clears only after the rate has been back beyond target + hysteresis for the hold time', () => {
    const book = new AlarmBook();
    const rules = new AlarmRules(severityScheme(targets, 60), damping);
    const [raised] = rules.figures(book, figures(T, 0.93));
    expect(raised.state).toBe('raised');
    // Back over the target but within the hysteresis: the hold does not even start.
    expect(rules.figures(book, figures(T + 120 * SECOND, 0.955))).toEqual([]);
    // Recovered from here on.
    expect(rules.figures(book, figures(T + 130 * SECOND, 0.961))).toEqual([]);
    expect(rules.figures(book, figures(T + 189 * SECOND, 0.962))).toEqual([]);
    // A dip into the hysteresis band restarts the hold.
    expect(rules.figures(book, figures(T + 190 * SECOND, 0.959))).toEqual([]);
    expect(rules.figures(book, figures(T + 200 * SECOND, 0.961))).toEqual([]);
    expect(rules.figures(book, figures(T + 259 * SECOND, 0.961))).toEqual([]);
    const [cleared] = rules.figures(book, figures(T + 260 * SECOND, 0.961));
    expect(cleared).toMatchObject({
      state: 'cleared',
      alarm: { subject: 'answerRate', raisedAt: T, clearedAt: T + 260 * SECOND },
    });
    expect(book.activeAlarms()).toEqual([]);
  });

  it('holds a ceiling rate (over 5 minutes) below its target by the hysteresis', () => {
    const book = new AlarmBook();
    const rules = new AlarmRules(severityScheme(targets, 60), damping);
    expect(rules.figures(book, figures(T, 0.97, 0.37)).map((t) => t.state)).toEqual(['raised']);
    expect(rules.figures(book, figures(T + 100 * SECOND, 0.97, 0.355))).toEqual([]);
    expect(rules.figures(book, figures(T + 200 * SECOND, 0.97, 0.355))).toEqual([]);
    expect(rules.figures(book, figures(T + 210 * SECOND, 0.97, 0.349))).toEqual([]);
    expect(
      rules.figures(book, figures(T + 270 * SECOND, 0.97, 0.349)).map((t) => t.alarm.subject),
    ).toEqual(['overFiveMinuteRate']);
  });

  it('never raises from a rate that is only within the hysteresis', () => {
    const book = new AlarmBook();
    const rules = new AlarmRules(severityScheme(targets, 60), damping);
    expect(rules.figures(book, figures(T, 0.955))).toEqual([]);
    expect(book.activeAlarms()).toEqual([]);
  });

  it('escalates once when the rate swings about its critical margin, never de-escalates', () => {
    const book = new AlarmBook();
    const rules = new AlarmRules(severityScheme(targets, 60), damping);
    const states = [0.93, 0.89, 0.91, 0.89, 0.91].flatMap((rate, i) =>
      rules.figures(book, figures(T + i * SECOND, rate)).map((t) => [t.state, t.alarm.severity]),
    );
    expect(states).toEqual([
      ['raised', 'warning'],
      ['escalated', 'critical'],
    ]);
  });

  it('without damping behaves as before: raised and cleared with every crossing', () => {
    const book = new AlarmBook();
    const rules = new AlarmRules(severityScheme(targets, 60), { hysteresis: 0, holdSeconds: 0 });
    const states = [0.94, 0.951, 0.94, 0.951].flatMap((rate, i) =>
      rules.figures(book, figures(T + i * SECOND, rate)).map((t) => t.state),
    );
    expect(states).toEqual(['raised', 'cleared', 'raised', 'cleared']);
  });
});

describe(AlarmBook.name, () => {
  it('records the first acknowledgement of an active alarm; an escalation asks again', () => {
    const book = new AlarmBook();
    const rules = new AlarmRules(severityScheme(targets, 60), {
      hysteresis: 0.01,
      holdSeconds: 60,
    });
    const [raised] = rules.figures(book, figures(T, 0.93));
    const ack = book.acknowledge(raised.alarm.id, { by: '张班长', at: T + 5 * SECOND });
    expect(ack).toMatchObject({
      state: 'acknowledged',
      alarm: { id: raised.alarm.id, acknowledged: { by: '张班长', at: T + 5 * SECOND } },
    });
    expect(book.acknowledge(raised.alarm.id, { by: 'leader', at: T + 6 * SECOND })).toBe(undefined);
    expect(book.acknowledge('kpi-target:answerRate@1', { by: 'x', at: T })).toBe(undefined);
    expect(book.activeAlarms()[0].acknowledged).toEqual({ by: '张班长', at: T + 5 * SECOND });
    const [escalated] = rules.figures(book, figures(T + 10 * SECOND, 0.88));
    expect(escalated).toMatchObject({
      state: 'escalated',
      alarm: { id: raised.alarm.id, severity: 'critical', acknowledged: null },
    });
    expect(book.acknowledge(raised.alarm.id, { by: 'leader', at: T + 11 * SECOND })?.state).toBe(
      'acknowledged',
    );
  });
});
