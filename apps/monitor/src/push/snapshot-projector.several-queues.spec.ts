import type { PeriodFigures } from '@hotline/kpi';
import { maskNumber, sumFigures } from './snapshot-projector';

const figures = (o: Partial<PeriodFigures>): PeriodFigures => ({
  from: 0,
  to: 10,
  offered: 0,
  answered: 0,
  answerRate: null,
  answeredWithin10s: 0,
  answeredIn10sRate: null,
  serviceLevel: null,
  overFiveMinutes: 0,
  overFiveMinuteRate: null,
  unanswered: 0,
  abandoned: 0,
  shortAbandons: 0,
  exited: 0,
  exitedByReason: {},
  blocked: 0,
  inProgress: 0,
  abandonRate: null,
  asaSeconds: null,
  ahtSeconds: null,
  longestWaitSeconds: 0,
  ratings: { count: 0, satisfied: 0, rate: null },
  ...o,
});

describe(sumFigures.name, () => {
  it('adds counts and re-divides rates (never averages them)', () => {
    const a = figures({
      offered: 10,
      answered: 9,
      answeredWithin10s: 9,
      asaSeconds: 2,
      longestWaitSeconds: 30,
      ratings: { count: 4, satisfied: 4, rate: 1 },
    });
    const b = figures({
      offered: 90,
      answered: 45,
      answeredWithin10s: 9,
      asaSeconds: 20,
      longestWaitSeconds: 80,
      ratings: { count: 1, satisfied: 0, rate: 0 },
    });
    const sum = sumFigures([a, b, undefined], 0);
    expect(sum).toMatchObject({ offered: 100, answered: 54, longestWaitSeconds: 80 });
    expect(sum.answerRate).toBeCloseTo(0.54);
    expect(sum.answeredIn10sRate).toBeCloseTo(18 / 54);
    expect(sum.asaSeconds).toBeCloseTo((2 * 9 + 20 * 45) / 54);
    expect(sum.ratings).toEqual({ count: 5, satisfied: 4, rate: 0.8 });
  });

  it('passes one scope through untouched and gives null rates for none', () => {
    const a = figures({ offered: 3, answered: 1, answerRate: 1 / 3 });
    expect(sumFigures([a], 0)).toBe(a);
    expect(sumFigures([], 5)).toMatchObject({ offered: 0, answerRate: null, from: 5, to: 5 });
  });
});

describe(maskNumber.name, () => {
  it('masks the middle of phone numbers, leaves extensions', () => {
    expect(maskNumber('13812345678')).toBe('138****5678');
    expect(maskNumber('8001')).toBe('8001');
    expect(maskNumber(null)).toBeNull();
  });
});
