import { DEFAULT_BREAK_LIMIT_MINUTES, DEFAULT_KPI_CONFIG, KpiEngine } from '@hotline/kpi';
import type { StaffingNow } from '@hotline/staffing';
import { staffingData } from './push-server-messages';
import type { Subscription } from './push-session';
import { SnapshotProjector } from './snapshot-projector';

const AT = Date.UTC(2026, 2, 10, 6, 20);
const INTERVAL = Date.UTC(2026, 2, 10, 6, 15);

const now: StaffingNow = {
  at: AT,
  intervalStart: INTERVAL,
  intervalEnd: INTERVAL + 900_000,
  neededNow: 23,
  onDuty: 19,
  floor: {
    onDuty: 19,
    ableToAnswer: 8,
    afterCallWork: 8,
    answering: 16,
    paused: 3,
    pausedByKind: { break: 2, training: 1, meeting: 0, other: 0 },
  },
  gap: 7,
  status: 'missed',
  causes: ['too-few-answering', 'after-call-work'],
  lastInterval: {
    from: INTERVAL - 900_000,
    to: INTERVAL,
    offered: 60,
    answered: 52,
    answeredWithin10s: 30,
    answerRate: 52 / 60,
    answeredWithinRate: 30 / 52,
    missed: ['answerRate', 'answeredWithinRate'],
    expectedCalls: 55,
    needed: 22,
    neededWithoutAfterCallWork: 16,
  },
  forecast: { method: 'history', expectedCalls: 58.5 },
  offeredLoad: 17.25,
  arrivalsPerHour: 240,
  scheduled: 20.5,
  handleTime: {
    talkSeconds: 240,
    talkSource: 'today',
    afterCallWorkSeconds: 18.75,
    afterCallWorkSource: 'config',
    seconds: 258.75,
  },
  patience: { meanPatienceSeconds: 90, source: 'default', abandoned: 0 },
  targets: { answerRate: 0.95, answeredWithinSeconds: 10, answeredWithinRate: 0.8 },
  erlangA: {
    agents: 23,
    limitedBy: ['answered-within'],
    answerRateWithAnswering: 0.9,
    answeredWithinRateWithAnswering: 0.6,
    averageSpeedOfAnswerSecondsWithAnswering: 14,
  },
  erlangC: { agents: 25, serviceLevelWithAnswering: 0.4 },
};

const subscription = (views: Subscription['views'], queues: string[] = []): Subscription => ({
  site: 'default',
  views,
  queues,
  lines: [],
  period: 'today',
  shift: null,
  callers: 'last4',
  filterKey: JSON.stringify([queues, []]),
  key: JSON.stringify([views, 'today', queues]),
});

describe(SnapshotProjector.name, () => {
  const projector = new SnapshotProjector({
    seats: 4,
    lineNames: {},
    timeLimits: {
      longTalkSeconds: 300,
      breakLimitMinutes: DEFAULT_BREAK_LIMIT_MINUTES,
      work: DEFAULT_KPI_CONFIG.agents,
    },
  });
  const snapshot = new KpiEngine().snapshot(AT);
  const alarms = { active: [], recent: [] };
  const section = staffingData(now);

  it('copies the advisor figure without its per-call time, with Erlang C beside Erlang A', () => {
    expect(section).toEqual({
      intervalStart: now.intervalStart,
      intervalEnd: now.intervalEnd,
      neededNow: now.neededNow,
      onDuty: now.onDuty,
      floor: {
        ableToAnswer: 8,
        afterCallWork: 8,
        answering: 16,
        paused: 3,
        pausedByKind: { break: 2, training: 1, meeting: 0, other: 0 },
      },
      gap: now.gap,
      status: 'missed',
      causes: ['too-few-answering', 'after-call-work'],
      lastInterval: {
        from: INTERVAL - 900_000,
        to: INTERVAL,
        offered: 60,
        answerRate: 52 / 60,
        answeredWithinRate: 30 / 52,
        missed: ['answerRate', 'answeredWithinRate'],
        expectedCalls: 55,
        needed: 22,
      },
      forecast: { method: 'history', expectedCalls: 58.5 },
      offeredLoad: now.offeredLoad,
      arrivalsPerHour: now.arrivalsPerHour,
      handleTimeSeconds: 258.75,
      afterCallWorkSeconds: 18.75,
      neededErlangC: now.erlangC.agents,
      scheduled: now.scheduled,
    });
    expect(section).not.toHaveProperty('at');
  });

  it('gives the staffing section to the leader and wallboard views, not to alarms only', () => {
    expect(projector.project(snapshot, subscription(['agents']), alarms, section).staffing).toBe(
      section,
    );
    expect(projector.project(snapshot, subscription(['wallboard']), alarms, section).staffing).toBe(
      section,
    );
    expect(
      projector.project(snapshot, subscription(['alarms']), alarms, section),
    ).not.toHaveProperty('staffing');
  });

  it('shows the centre figure whatever the queue filter, and nothing when the figure is missing', () => {
    expect(
      projector.project(snapshot, subscription(['agents'], ['q9']), alarms, section).staffing,
    ).toEqual(section);
    expect(projector.project(snapshot, subscription(['agents']), alarms)).not.toHaveProperty(
      'staffing',
    );
  });
});
