import { advisorIntervalStart, type LiveStaffingFigures, scheduledAgents } from './advisor-inputs';
import { requiredAgentsErlangA } from './erlang-a';
import { liveForecast, recentLevel } from './live-forecast';
import { type FloorAgent, floorCapacity } from './floor-capacity';
import { liveHandleTime } from './live-handle-time';
import { rotaReport } from './rota-report';
import { defaultWeekRotaReport, weekHasFinishedInterval } from './rota-week';
import { StaffingError, StaffingErrorCode } from './staffing-error';
import { staffingNow, staffingNowKey } from './staffing-now';

const TZ = 'Asia/Shanghai';
/** Tuesday 10 March 2026, 10:07:30 in Shanghai. */
const AT = Date.UTC(2026, 2, 10, 2, 7, 30);
const MINUTE = 60_000;
const targets = { answerRate: 0.95, answeredWithinSeconds: 10, answeredWithinRate: 0.8 };
const patience = { meanPatienceSeconds: 180, source: 'default' as const, abandoned: 0 };

function figures(o: {
  last60m?: number | null;
  today?: number | null;
  wrap?: number;
  answered?: number;
  offered15?: number;
  points?: LiveStaffingFigures['intervals']['centre'];
}): LiveStaffingFigures {
  return {
    at: AT,
    coverage: { from: AT - 3 * 3_600_000 },
    periods: {
      centre: {
        last15m: { offered: o.offered15 ?? 30, answered: 28 },
        last60m: { ahtSeconds: o.last60m === undefined ? 200 : o.last60m },
        today: { ahtSeconds: o.today === undefined ? 210 : o.today },
      },
    },
    agents: [
      {
        state: 'available',
        pauseReason: null,
        stateSecondsToday: { 'wrap-up': o.wrap ?? 0 },
        answeredToday: o.answered ?? 0,
      },
      { state: 'on-call', pauseReason: null, stateSecondsToday: {}, answeredToday: 0 },
    ],
    intervals: { centre: o.points ?? [] },
  };
}

describe('live handle time', () => {
  const settings = { defaultTalkSeconds: 240 };

  it('takes talk from the last hour, else today, else the default', () => {
    expect(liveHandleTime(figures({}), settings)).toMatchObject({
      talkSeconds: 200,
      talkSource: 'last60m',
    });
    expect(liveHandleTime(figures({ last60m: null }), settings)).toMatchObject({
      talkSeconds: 210,
      talkSource: 'today',
    });
    expect(liveHandleTime(figures({ last60m: null, today: null }), settings)).toMatchObject({
      talkSeconds: 240,
      talkSource: 'default',
    });
  });

  it('adds configured after-call work, else the measured wrap-up per answered call, else none', () => {
    const measured = figures({ wrap: 600, answered: 40 });
    expect(liveHandleTime(measured, { ...settings, afterCallWorkSeconds: 30 })).toMatchObject({
      afterCallWorkSeconds: 30,
      afterCallWorkSource: 'config',
      seconds: 230,
    });
    expect(liveHandleTime(measured, settings)).toMatchObject({
      afterCallWorkSeconds: 15,
      afterCallWorkSource: 'measured',
      seconds: 215,
    });
    expect(liveHandleTime(figures({ wrap: 0, answered: 40 }), settings)).toMatchObject({
      afterCallWorkSeconds: 0,
      afterCallWorkSource: 'none',
    });
  });
});

describe('staffing now', () => {
  it('is Erlang A on the last 15 minutes with the window patience, and says which target binds', () => {
    const live = figures({});
    const handleTime = liveHandleTime(live, { defaultTalkSeconds: 240 });
    const intervalStart = advisorIntervalStart(AT, TZ);
    expect(intervalStart).toBe(AT - 7 * MINUTE - 30_000);
    const query = {
      figures: live,
      floor: floorCapacity(Array.from({ length: 9 }, (): FloorAgent => ({ state: 'available' }))),
      forecasts: { current: null, last: null },
      intervalStart,
      handleTime,
      patience,
      targets,
      scheduled: 8,
    };
    const now = staffingNow(query);
    const expected = requiredAgentsErlangA({
      arrivalRatePerSecond: 30 / 900,
      ahtSeconds: 200,
      meanPatienceSeconds: 180,
      targetAnswerRate: 0.95,
      targetAnsweredWithinSeconds: 10,
      targetAnsweredWithinRate: 0.8,
    });
    expect(now.neededNow).toBe(expected.agents);
    expect(now.erlangA.limitedBy).toEqual(expected.limitedBy);
    expect(now.gap).toBe(expected.agents - 9);
    expect(now.arrivalsPerHour).toBe(120);
    expect(now.intervalEnd - now.intervalStart).toBe(15 * MINUTE);
    expect(staffingNowKey(query)).toBe(staffingNowKey({ ...query, scheduled: 8 }));
    expect(staffingNowKey(query)).not.toBe(
      staffingNowKey({ ...query, figures: figures({ offered15: 31 }) }),
    );
  });
});

describe('staffing now against the last finished interval', () => {
  const intervalStart = advisorIntervalStart(AT, TZ);
  const lastInterval = (answered: number, within: number) => ({
    from: intervalStart - 15 * MINUTE,
    to: intervalStart,
    offered: 30,
    inProgress: 0,
    answered,
    answeredWithin10s: within,
    abandoned: 30 - answered,
    agentsOnDutyMax: 12,
  });
  // 12 on duty: 6 able to answer, 4 in wrap-up, 2 on a break.
  const floor = floorCapacity([
    ...Array.from({ length: 6 }, (): FloorAgent => ({ state: 'available' })),
    ...Array.from({ length: 4 }, (): FloorAgent => ({ state: 'wrap-up' })),
    ...Array.from({ length: 2 }, (): FloorAgent => ({ state: 'paused', pauseActivity: 'break' })),
  ]);
  const query = (
    points: LiveStaffingFigures['intervals']['centre'],
    coveredFrom = AT - 3_600_000,
  ) => {
    const live = { ...figures({ offered15: 10, points }), coverage: { from: coveredFrom } };
    return {
      figures: live,
      floor,
      forecasts: { current: null, last: { method: 'history' as const, expectedCalls: 30 } },
      intervalStart,
      handleTime: liveHandleTime(live, { defaultTalkSeconds: 240, afterCallWorkSeconds: 200 }),
      patience,
      targets,
      scheduled: 12,
    };
  };

  it('compares the agents needed with those answering (可接 + 话后), not with those on duty', () => {
    const now = staffingNow(query([lastInterval(30, 30)]));
    expect(now.onDuty).toBe(12);
    expect(now.floor.answering).toBe(10);
    expect(now.gap).toBe(now.neededNow - 10);
    expect(now.handleTime.seconds).toBe(400);
  });

  it('is spare only while the last interval met the targets; red with its causes when it missed', () => {
    const good = staffingNow(query([lastInterval(30, 30)]));
    expect(good.gap).toBeLessThan(0);
    expect(good.status).toBe('spare');
    expect(good.lastInterval).toMatchObject({ missed: [], answerRate: 1, expectedCalls: 30 });

    const bad = staffingNow(query([lastInterval(27, 20)]));
    expect(bad.gap).toBe(good.gap);
    expect(bad.status).toBe('missed');
    expect(bad.lastInterval?.missed).toEqual(['answerRate', 'answeredWithinRate']);
    // 30 calls in 15 minutes at 400 s a call need more than the 10 answering; at 200 s of talk
    // alone they would not: the after-call work is the gap.
    expect(bad.lastInterval?.needed).toBeGreaterThan(10);
    expect(bad.lastInterval?.neededWithoutAfterCallWork).toBeLessThanOrEqual(10);
    expect(bad.causes).toEqual(expect.arrayContaining(['too-few-answering', 'after-call-work']));
    expect(bad.causes).not.toContain('calls-above-forecast');
  });

  it('judges no interval the monitor attached in the middle of', () => {
    const now = staffingNow(query([lastInterval(27, 20)], intervalStart - 10 * MINUTE));
    expect(now.lastInterval).toBeNull();
    expect(now.status).toBe('spare');
  });

  it('keys on the floor and on the last interval, so a cached answer is not reused across them', () => {
    const a = query([lastInterval(30, 30)]);
    expect(staffingNowKey(a)).toBe(staffingNowKey(query([lastInterval(30, 30)])));
    expect(staffingNowKey(a)).not.toBe(staffingNowKey(query([lastInterval(27, 20)])));
    expect(staffingNowKey(a)).not.toBe(
      staffingNowKey({ ...a, floor: floorCapacity([{ state: 'available' }]) }),
    );
  });
});

describe('the rota on the advisor interval', () => {
  it('counts a shift covering half an interval as half its agents', () => {
    const rota = [{ name: 'morning', start: '08:00', end: '10:00', agents: 10 }];
    const at0952 = Date.UTC(2026, 2, 10, 1, 52, 30);
    expect(scheduledAgents(rota, advisorIntervalStart(at0952, TZ), TZ)).toBe(10);
    expect(scheduledAgents(rota, advisorIntervalStart(AT, TZ), TZ)).toBe(0);
    const rotaHalf = [{ name: 'odd', start: '10:00', end: '10:07', agents: 10 }];
    // 10:00–10:07 covers 7 of the 15 minutes.
    expect(scheduledAgents(rotaHalf, advisorIntervalStart(AT, TZ), TZ)).toBeCloseTo(
      (10 * 7) / 15,
      12,
    );
  });
});

describe('live forecast', () => {
  /** The next two hours' forecast from today's figures alone (no stored weeks). */
  const twoHourForecast = (today: LiveStaffingFigures) =>
    liveForecast({
      figures: today,
      stored: [],
      hours: 2,
      weeks: 4,
      timeZone: TZ,
      handleTime: liveHandleTime(figures({}), { defaultTalkSeconds: 240 }),
      patience,
      targets,
      seats: 58,
      rota: [],
    });

  it("without history gives every coming interval today's recent level", () => {
    const points = [0, 1, 2, 3, 4].map((i) => ({
      from: AT - (7.5 + 15 * (5 - i)) * MINUTE,
      to: AT - (7.5 + 15 * (4 - i)) * MINUTE,
      offered: 10 + i,
      inProgress: 0,
      answered: 10,
      answeredWithin10s: 10,
      abandoned: 0,
      agentsOnDutyMax: 9,
    }));
    const forecast = twoHourForecast(figures({ points }));
    expect(forecast.method).toBe('today-level');
    expect(forecast.intervals).toHaveLength(8);
    // The last four finished intervals: 11, 12, 13, 14.
    for (const interval of forecast.intervals) expect(interval.expectedCalls).toBe(12.5);
  });

  it('says it has no history, and forecasts nothing, before any interval of today is over', () => {
    // The monitor attached at 09:57: the 09:45 interval is over but only partly seen.
    const forecast = twoHourForecast({
      ...figures({ points: [] }),
      coverage: { from: AT - 10 * MINUTE },
    });
    expect(forecast.method).toBe('no-history');
    expect(forecast.intervals).toEqual([]);
  });

  it('recent level is the mean of the last four finished intervals', () => {
    expect(recentLevel([{ startMs: 0, count: 4 }])).toBe(4);
    const five = [1, 2, 3, 4, 5].map((count, i) => ({ startMs: i, count }));
    expect(recentLevel(five)).toBe(3.5);
  });
});

describe('rota report', () => {
  const base = {
    weekStart: '2020-01-06',
    from: Date.UTC(2020, 0, 5, 16),
    to: Date.UTC(2020, 0, 12, 16),
    stored: [],
    liveIntervals: [],
    at: AT,
    liveHandleTime: liveHandleTime(figures({}), { defaultTalkSeconds: 240 }),
    livePatienceSeconds: 180,
    rota: [],
    seats: 58,
    timeZone: TZ,
    targets,
  };

  it('refuses a week nothing is known of with a NoHistory StaffingError', () => {
    const attempt = () => rotaReport({ ...base, storageConfigured: true });
    expect(attempt).toThrow(StaffingError);
    expect(attempt).toThrow(/no interval history for the week of 2020-01-06$/);
    expect(attempt).toThrow(expect.objectContaining({ code: StaffingErrorCode.NoHistory }));
    expect(() => rotaReport({ ...base, storageConfigured: false })).toThrow(
      /storage is not configured/,
    );
  });

  it("takes talk from the week's history, and the interval's own when it answered 10 or more", () => {
    const start = Date.UTC(2020, 0, 6, 2);
    const report = rotaReport({
      ...base,
      storageConfigured: true,
      stored: [
        { startMs: start, offered: 20, answered: 20, abandoned: 0, sumTalkSeconds: 20 * 300 },
        { startMs: start + 15 * MINUTE, offered: 5, answered: 5, abandoned: 0, sumTalkSeconds: 0 },
      ],
    });
    expect(report.source).toBe('storage');
    expect(report.handleTime).toMatchObject({ talkSeconds: 240, talkSource: 'history' });
    expect(report.intervals.map((i) => i.offered).filter((o) => o > 0)).toEqual([20, 5]);
  });
});

describe('the rota report of the default week', () => {
  // Monday 13 January 2020, 00:05 in Shanghai: nothing of this week is over yet.
  const monday = Date.UTC(2020, 0, 12, 16);
  const at = monday + 5 * MINUTE;
  const week = (weekStart: string, from: number) => ({
    weekStart,
    from,
    to: from + 7 * 24 * 60 * MINUTE,
    storageConfigured: true,
    liveIntervals: [],
    at,
    liveHandleTime: liveHandleTime(figures({}), { defaultTalkSeconds: 240 }),
    livePatienceSeconds: 180,
    rota: [],
    seats: 58,
    timeZone: TZ,
    targets,
  });
  const row = (startMs: number) => ({
    startMs,
    offered: 20,
    answered: 20,
    abandoned: 0,
    sumTalkSeconds: 20 * 200,
  });
  const lastWeek = {
    ...week('2020-01-06', monday - 7 * 24 * 60 * MINUTE),
    stored: [row(monday - 15 * MINUTE)],
  };

  it('falls back to the previous week while the current one has no finished interval', () => {
    // Storage already holds the running 00:00 interval's first calls: not a finished one.
    const current = { ...week('2020-01-13', monday), stored: [row(monday)] };
    expect(weekHasFinishedInterval(current)).toBe(false);
    const report = defaultWeekRotaReport(current, lastWeek);
    expect(report).toMatchObject({ weekStart: '2020-01-06', week: 'previous' });
  });

  it('shows the current week once an interval of it is over', () => {
    const later = {
      ...week('2020-01-13', monday),
      at: monday + 16 * MINUTE,
      stored: [row(monday)],
    };
    expect(defaultWeekRotaReport(later, lastWeek)).toMatchObject({
      weekStart: '2020-01-13',
      week: 'current',
    });
    expect(rotaReport(lastWeek).week).toBe('requested');
  });
});
