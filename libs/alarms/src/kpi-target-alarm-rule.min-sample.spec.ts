import {
  KpiTargetAlarmRule,
  rateSample,
  rateSamples,
  type TargetedFigures,
} from './kpi-target-alarm-rule';
import { severityScheme } from './severity-scheme';

const TARGETS = {
  answerRate: 0.95,
  answeredIn10sRate: 0.8,
  overFiveMinuteRate: 0.36,
  satisfactionRate: 0.95,
};

/** Every rate past its target: 50 % answered, 50 % in 10 s, 50 % over 5 min, 50 % satisfied. */
function figures(offered: number, answered: number, ratings: number): TargetedFigures {
  return {
    offered,
    answered,
    answerRate: 0.5,
    answeredIn10sRate: 0.5,
    overFiveMinuteRate: 0.5,
    ratings: { count: ratings, rate: 0.5 },
  };
}

describe('the min sample rule (config alarms.minSample)', () => {
  it('takes each rate over its own calls: offered, answered, answered, ratings', () => {
    const f = figures(40, 25, 7);
    expect(rateSample('answerRate', f)).toBe(40);
    expect(rateSample('answeredIn10sRate', f)).toBe(25);
    expect(rateSample('overFiveMinuteRate', f)).toBe(25);
    expect(rateSample('satisfactionRate', f)).toBe(7);
    expect(rateSamples({ ...f, inProgress: 3 })).toEqual({
      answerRate: 37,
      answeredIn10sRate: 25,
      overFiveMinuteRate: 25,
      satisfactionRate: 7,
    });
  });

  it('judges a rate from minSample calls on, each by its own sample, and none below', () => {
    const rule = new KpiTargetAlarmRule(TARGETS, 20);
    const subjects = (f: TargetedFigures) => rule.conditions(f).map((c) => c.subject);
    expect(subjects(figures(19, 19, 19))).toEqual([]);
    expect(subjects(figures(20, 19, 19))).toEqual(['answerRate']);
    expect(subjects(figures(30, 20, 19)).sort()).toEqual([
      'answerRate',
      'answeredIn10sRate',
      'overFiveMinuteRate',
    ]);
    expect(subjects(figures(30, 20, 20))).toHaveLength(4);
  });

  it('carries a configured minSample in the scheme the boards get (hello.severity)', () => {
    expect(severityScheme(TARGETS, 60).minSample).toBe(20);
    expect(severityScheme(TARGETS, 60, 50).minSample).toBe(50);
  });
});
