import { CENTRE_TARGETS } from './centre-targets';
import {
  aboveForecast,
  type FinishedInterval,
  missedTargets,
  staffingVerdict,
} from './staffing-verdict';

const met: FinishedInterval = {
  from: 0,
  to: 900_000,
  offered: 100,
  answered: 97,
  answeredWithin10s: 90,
  answerRate: 0.97,
  answeredWithinRate: 90 / 97,
  missed: [],
  expectedCalls: 100,
  needed: 20,
  neededWithoutAfterCallWork: 12,
};
const missed = (o: Partial<FinishedInterval>): FinishedInterval => ({
  ...met,
  answered: 84,
  answeredWithin10s: 60,
  answerRate: 0.84,
  answeredWithinRate: 60 / 84,
  missed: ['answerRate', 'answeredWithinRate'],
  ...o,
});

describe('missed targets of a finished interval', () => {
  it('applies the KPI formulas: answered ÷ offered, answered within 10 s ÷ answered', () => {
    expect(
      missedTargets(
        { offered: 100, inProgress: 0, answered: 95, answeredWithin10s: 76 },
        CENTRE_TARGETS,
      ),
    ).toEqual([]);
    expect(
      missedTargets(
        { offered: 100, inProgress: 0, answered: 94, answeredWithin10s: 94 },
        CENTRE_TARGETS,
      ),
    ).toEqual(['answerRate']);
    // 75 of 94 answered within 10 s is 79.8 %: missed, though 75 of 100 offered would not decide it.
    expect(
      missedTargets(
        { offered: 100, inProgress: 0, answered: 94, answeredWithin10s: 75 },
        CENTRE_TARGETS,
      ),
    ).toEqual(['answerRate', 'answeredWithinRate']);
  });

  it('misses nothing when nothing was offered', () => {
    expect(
      missedTargets(
        { offered: 0, inProgress: 0, answered: 0, answeredWithin10s: 0 },
        CENTRE_TARGETS,
      ),
    ).toEqual([]);
  });
});

describe('staffing verdict', () => {
  const floor = { answering: 17, paused: 4 };

  it('is spare, enough or short by the gap while the last interval met the targets', () => {
    expect(staffingVerdict({ gap: -3, floor, last: met })).toEqual({ status: 'spare', causes: [] });
    expect(staffingVerdict({ gap: 0, floor, last: met })).toEqual({ status: 'enough', causes: [] });
    expect(staffingVerdict({ gap: 2, floor, last: null })).toEqual({ status: 'short', causes: [] });
  });

  it('is never spare while the last finished interval missed a target', () => {
    const verdict = staffingVerdict({ gap: -9, floor, last: missed({ needed: 12 }) });
    expect(verdict.status).toBe('missed');
    expect(verdict.causes).toEqual(['none-found']);
  });

  it('names too few answering, and after-call work when talk alone would have been covered', () => {
    const verdict = staffingVerdict({
      gap: 3,
      floor: { answering: 17, paused: 0 },
      last: missed({ needed: 24, neededWithoutAfterCallWork: 14, expectedCalls: null }),
    });
    expect(verdict).toEqual({
      status: 'missed',
      causes: ['too-few-answering', 'after-call-work'],
    });
  });

  it('names the pauses when the paused agents answering would have covered the calls', () => {
    expect(
      staffingVerdict({
        gap: 3,
        floor,
        last: missed({ needed: 21, neededWithoutAfterCallWork: 19 }),
      }).causes,
    ).toEqual(['too-few-answering', 'pauses']);
    // Four more agents would not have been enough: the pauses are not what made it.
    expect(
      staffingVerdict({
        gap: 3,
        floor,
        last: missed({ needed: 22, neededWithoutAfterCallWork: 19 }),
      }).causes,
    ).toEqual(['too-few-answering']);
  });

  it('names calls above the forecast beyond its Poisson scatter, and only with a forecast', () => {
    expect(aboveForecast(120, 100)).toBe(false); // 100 + 2·10 = 120
    expect(aboveForecast(121, 100)).toBe(true);
    expect(aboveForecast(3, 0)).toBe(true); // a forecast of 0 still allows a call or two
    expect(aboveForecast(2, 0)).toBe(false);
    expect(
      staffingVerdict({
        gap: 0,
        floor,
        last: missed({ offered: 140, needed: 15, expectedCalls: 100 }),
      }).causes,
    ).toEqual(['calls-above-forecast']);
    expect(
      staffingVerdict({
        gap: 0,
        floor,
        last: missed({ offered: 140, needed: 15, expectedCalls: null }),
      }).causes,
    ).toEqual(['none-found']);
  });
});
