import { shanghai } from './call-event.factory';
import { monthSoFar, projectMonth, scoreMonth, type MonthlyFigures } from './scorecard';

const month = (over: Partial<MonthlyFigures>): MonthlyFigures => ({
  month: '2021-03',
  offered: 30_000,
  inProgress: 0,
  answered: 28_500,
  answeredWithin10s: 22_800,
  overFiveMinutes: 10_000,
  satisfactionRate: 0.96,
  ...over,
});

describe(scoreMonth.name, () => {
  it('gives full points when every target is met exactly', () => {
    const s = scoreMonth(month({}));
    expect(s.answerRate.value).toBe(95);
    expect(s.answeredIn10sRate.value).toBe(80);
    expect(s.points).toBe(14);
  });

  it('takes 1 volume point for a shortfall of just over 0% and 2 for just over 5%', () => {
    expect(scoreMonth(month({ offered: 29_999, answered: 28_499 })).volume.points).toBe(2);
    expect(scoreMonth(month({ offered: 28_500, answered: 27_075 })).volume.points).toBe(2);
    expect(scoreMonth(month({ offered: 28_499, answered: 27_075 })).volume.points).toBe(1);
  });

  it('takes one answer-rate point per started 1% below 95%', () => {
    expect(scoreMonth(month({ answered: 28_497 })).answerRate.points).toBe(4); // 94.99%
    expect(scoreMonth(month({ answered: 28_200 })).answerRate.points).toBe(4); // 94.00%
    expect(scoreMonth(month({ answered: 28_197 })).answerRate.points).toBe(3); // 93.99%
  });

  it('takes half a point per started 1% of over-5-minute rate above 36%, none at 36%', () => {
    const answered = 28_500;
    expect(scoreMonth(month({ overFiveMinutes: 0.36 * answered })).overFiveMinuteRate.points).toBe(
      2,
    );
    expect(
      scoreMonth(month({ overFiveMinutes: Math.round(0.365 * answered) })).overFiveMinuteRate
        .points,
    ).toBe(1.5);
    expect(
      scoreMonth(month({ overFiveMinutes: Math.round(0.375 * answered) })).overFiveMinuteRate
        .points,
    ).toBe(1);
  });

  it('takes 0.2 for a month below 95% satisfaction and never goes below zero', () => {
    expect(scoreMonth(month({ satisfactionRate: 0.9499 })).satisfaction.points).toBe(1.8);
    expect(scoreMonth(month({ answered: 1_000, answeredWithin10s: 0 })).answerRate.points).toBe(0);
    expect(
      scoreMonth(month({ answered: 1_000, answeredWithin10s: 0 })).answeredIn10sRate.points,
    ).toBe(0);
  });
});

describe(projectMonth.name, () => {
  it('scales the volume so far to the whole month in Shanghai time', () => {
    // 10 days of 31 gone at 2021-03-11 00:00 local.
    const p = projectMonth(
      month({ offered: 10_000, answered: 9_600, answeredWithin10s: 8_000, overFiveMinutes: 2_000 }),
      shanghai('2021-03-11 00:00'),
    );
    expect(p.elapsed).toBeCloseTo(10 / 31, 12);
    expect(p.projected.offered).toBe(31_000);
    expect(p.score.volume.points).toBe(3);
    expect(p.score.answerRate.value).toBe(96);
    expect(p.from).toBe(shanghai('2021-03-01 00:00'));
  });

  it('scores the projected volume: a month on course for 28,000 loses 2 of its 3 points', () => {
    // 15 of 30 days gone at 2021-04-16 00:00 local, 14,000 calls so far.
    const p = projectMonth(
      month({
        month: '2021-04',
        offered: 14_000,
        answered: 13_300,
        answeredWithin10s: 10_640,
        overFiveMinutes: 4_000,
      }),
      shanghai('2021-04-16 00:00'),
    );
    expect(p.elapsed).toBe(0.5);
    expect(p.projected).toMatchObject({ offered: 28_000, answered: 26_600 });
    expect(p.score.volume).toMatchObject({ value: 28_000, points: 1 }); // 6.7 % short: 2 steps
    expect(p.score.answerRate.value).toBe(95);
    expect(p.score.points).toBe(12);
  });

  it('leaves the figures as they are once the month is over', () => {
    const soFar = month({ offered: 29_000 });
    const p = projectMonth(soFar, shanghai('2021-04-01 00:00') - 1);
    expect(p.elapsed).toBeCloseTo(1, 9);
    expect(p.projected.offered).toBe(29_000);
  });
});

describe(monthSoFar.name, () => {
  it('is the local month and the share of it gone, never 0', () => {
    expect(monthSoFar(shanghai('2021-02-15 00:00'))).toEqual({
      from: shanghai('2021-02-01 00:00'),
      to: shanghai('2021-03-01 00:00'),
      elapsed: 0.5,
    });
    expect(monthSoFar(shanghai('2021-02-01 00:00')).elapsed).toBeGreaterThan(0);
  });
});
