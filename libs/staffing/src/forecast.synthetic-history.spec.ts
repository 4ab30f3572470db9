import { requiredAgentsErlangA } from './erlang-a';
import { forecastArrivals } from './forecast';
import { forecastStaffing } from './forecast-staffing';
import { IntervalCount } from './forecast';
import { intervalKey } from '@hotline/calendar';

const HOUR = 3_600_000;
const SLOT = 15 * 60_000;
/** Local midnight in Asia/Shanghai (UTC+8, no DST) of a calendar date. */
const shanghaiMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`) - 8 * HOUR;
/** The day's shape: quiet at night, busy by day. */
const profile = (slot: number): number => (slot >= 32 && slot < 80 ? 40 + slot : 8);

const TODAY = '2024-05-15'; // a Wednesday
const weeksBackFactor = [0, 1.1, 1.2, 1.3, 1.4]; // week k back had profile × factor[k]

function day(date: string, count: (slot: number) => number, slots = 96): IntervalCount[] {
  const midnight = shanghaiMidnight(date);
  return Array.from({ length: slots }, (_, slot) => ({
    startMs: midnight + slot * SLOT,
    count: count(slot),
  }));
}

function history(todayFactor: number): IntervalCount[] {
  const out: IntervalCount[] = [];
  for (let back = 1; back <= 4; back++) {
    const wednesday = new Date(Date.parse(`${TODAY}T00:00:00Z`) - back * 7 * 24 * HOUR)
      .toISOString()
      .slice(0, 10);
    out.push(...day(wednesday, (slot) => profile(slot) * weeksBackFactor[back]));
    // The Tuesday before each Wednesday is much busier: it must not leak into Wednesday's baseline.
    const tuesday = new Date(Date.parse(`${wednesday}T00:00:00Z`) - 24 * HOUR)
      .toISOString()
      .slice(0, 10);
    out.push(...day(tuesday, (slot) => profile(slot) * 10));
  }
  // Today until 10:00 local (40 intervals).
  out.push(...day(TODAY, (slot) => profile(slot) * todayFactor, 40));
  return out;
}

describe(forecastArrivals.name, () => {
  const nowMs = shanghaiMidnight(TODAY) + 10 * HOUR + 5 * 60_000; // 10:05 local

  it('scales the 4-week same-weekday mean by how busy today has been', () => {
    const result = forecastArrivals({ history: history(1.25 * 1.5), nowMs, horizonIntervals: 8 });
    expect(result.todayRatio).toBeCloseTo(1.5, 12);
    expect(result.intervals).toHaveLength(8);
    expect(result.intervals[0].startMs).toBe(shanghaiMidnight(TODAY) + 10 * HOUR);
    result.intervals.forEach((interval, i) => {
      expect(interval.key.slot).toBe(40 + i);
      expect(interval.weeksUsed).toBe(4);
      expect(interval.baseline).toBeCloseTo(profile(40 + i) * 1.25, 9);
      expect(interval.forecast).toBeCloseTo(profile(40 + i) * 1.25 * 1.5, 9);
    });
  });

  it('weights recent weeks more when asked (4:3:2:1)', () => {
    const result = forecastArrivals({
      history: history(1.2),
      nowMs,
      horizonIntervals: 1,
      weighting: 'recent',
    });
    expect(result.intervals[0].baseline).toBeCloseTo(profile(40) * 1.2, 9);
    expect(result.todayRatio).toBeCloseTo(1, 12);
  });

  it('clamps an extreme day to the ratio bounds', () => {
    expect(
      forecastArrivals({ history: history(1.25 * 5), nowMs, horizonIntervals: 1 }).todayRatio,
    ).toBe(2);
    expect(forecastArrivals({ history: history(0.1), nowMs, horizonIntervals: 1 }).todayRatio).toBe(
      0.5,
    );
  });

  it('keys intervals on the local clock of the time zone', () => {
    const key = intervalKey(shanghaiMidnight(TODAY) + 10 * HOUR + 7 * 60_000);
    expect(key).toMatchObject({
      date: TODAY,
      weekday: 3,
      slot: 40,
      minuteOfDay: 600,
      msIntoInterval: 7 * 60_000,
    });
    expect(intervalKey(Date.parse('2024-05-15T00:00:00Z'), 'UTC').weekday).toBe(3);
  });
});

describe(forecastStaffing.name, () => {
  it('turns each coming interval’s forecast into Erlang A agents', () => {
    const nowMs = shanghaiMidnight(TODAY) + 10 * HOUR;
    const result = forecastStaffing({
      history: history(1.25),
      nowMs,
      horizonIntervals: 4,
      ahtSeconds: 240,
      meanPatienceSeconds: 120,
    });
    result.staffing.forEach((interval, i) => {
      const expected = requiredAgentsErlangA({
        arrivalRatePerSecond: result.forecast.intervals[i].forecast / 900,
        ahtSeconds: 240,
        meanPatienceSeconds: 120,
        targetAnswerRate: 0.95,
        targetAnsweredWithinSeconds: 10,
        targetAnsweredWithinRate: 0.8,
      });
      expect(interval.agents).toBe(expected.agents);
      expect(interval.predicted.answerRate).toBeGreaterThanOrEqual(0.95);
    });
    expect(result.staffing[3].agents).toBeGreaterThanOrEqual(result.staffing[0].agents);
  });
});
