import { emptyFigures, type PeriodFigures } from '@hotline/kpi';
import { sumFigures } from './snapshot-projector';

const figures = (o: Partial<PeriodFigures>): PeriodFigures => ({
  ...emptyFigures({ from: 0, to: 10 }),
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
