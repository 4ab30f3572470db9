import { DEFAULT_WEEK_SHAPE, EVALUATION_MONTHLY_CALLS, monthlyCallsFor } from './rota-defaults';
import { weekCallsFromMonthlyVolume, weekdayCounts } from './rota-demand';
import { planningDemandFromHistory } from './rota-history';
import { SLOTS_PER_DAY } from './rota-rules';

const dayTotal = (calls: readonly number[], day: number): number =>
  calls.slice(day * SLOTS_PER_DAY, (day + 1) * SLOTS_PER_DAY).reduce((s, c) => s + c, 0);

describe(weekCallsFromMonthlyVolume.name, () => {
  it("spreads January 2021's volume so that its 31 days add up to the month", () => {
    // January 2021 began on a Friday: five Fridays, Saturdays and Sundays.
    expect(weekdayCounts('2021-01')).toEqual([4, 4, 4, 4, 5, 5, 5]);
    const calls = weekCallsFromMonthlyVolume({
      monthCalls: 44632,
      month: '2021-01',
      shape: DEFAULT_WEEK_SHAPE,
    });
    const month = weekdayCounts('2021-01').reduce((s, n, d) => s + n * dayTotal(calls, d), 0);
    expect(month).toBeCloseTo(44632, 6);
    expect(dayTotal(calls, 0) / dayTotal(calls, 6)).toBeCloseTo(1.12 / 0.89, 9);
    // 10:00–11:00 (weight 4.8) has 48 times the calls of 02:00–03:00 (0.1), in four equal slots.
    expect(calls[40] / calls[8]).toBeCloseTo(48, 9);
    expect(calls[40]).toBe(calls[43]);
  });

  it('takes a month from the evaluation table, else the same month of the latest year', () => {
    expect(monthlyCallsFor(EVALUATION_MONTHLY_CALLS, '2021-01')).toEqual({
      month: '2021-01',
      calls: 44632,
    });
    expect(monthlyCallsFor(EVALUATION_MONTHLY_CALLS, '2022-01')).toEqual({
      month: '2021-01',
      calls: 44632,
    });
    expect(monthlyCallsFor({}, '2022-01')).toBeUndefined();
  });
});

describe(planningDemandFromHistory.name, () => {
  const weekStartMs = Date.parse('2021-01-04T00:00:00+08:00');
  // Four past weeks: 10 calls at Monday 09:00 each week, all answered with 200 s of talk except
  // 2 abandons, one of them within 5 s; 60 s waited in all.
  const history = [1, 2, 3, 4].map((k) => ({
    startMs: weekStartMs - k * 7 * 86_400_000 + 9 * 3_600_000,
    offered: 10,
    answered: 8,
    abandoned: 2,
    shortAbandoned: 1,
    sumTalkSeconds: 8 * 200,
    totalWaitSeconds: 60,
  }));
  const query = {
    history,
    weekStartMs,
    weeks: 4,
    timeZone: 'Asia/Shanghai',
    defaultTalkSeconds: 240,
    defaultPatienceSeconds: 180,
    minAbandonsForPatience: 2,
  };

  it('forecasts the week from the same slot of past weeks, with pooled talk and patience', () => {
    const result = planningDemandFromHistory({ ...query, afterCallWorkSeconds: 30 });
    expect(result.demand.calls[36]).toBe(10); // Monday 09:00
    expect(result.demand.calls.reduce((s, c) => s + c, 0)).toBe(10);
    expect(result.demand.handleSeconds).toBe(230);
    expect(result.unavoidableLossShare).toBeCloseTo(4 / 40, 12);
    // The short abandons are the unavoidable loss, not patience evidence: 4 abandons, 240 s.
    expect(result.patience).toMatchObject({ source: 'estimated', meanPatienceSeconds: 60 });
  });

  it("re-levels the week to a month's volume, keeping its shape", () => {
    const result = planningDemandFromHistory({
      ...query,
      afterCallWorkSeconds: 0,
      monthVolume: { month: '2021-02', calls: 100 },
    });
    // February 2021 has four Mondays: 4 × 10 calls → ×2.5 to reach 100.
    expect(result.levelFactor).toBeCloseTo(2.5, 12);
    expect(result.demand.calls[36]).toBeCloseTo(25, 12);
  });
});
