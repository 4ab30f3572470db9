import { DEFAULT_ROTA } from '@hotline/staffing';
import type { ScenarioInput } from './scenario-config';

/**
 * The built-in centre: calibrated so that a January-2021-like month reproduces the
 * monthly report (44,632 calls, answer rate 95.46 %, 10-second rate 95.35 %, over-5-minute
 * rate 24.13 %) with the evening (20:00–22:00) at ~90 %: seed 2021 gives 95.5 %, 95.5 %,
 * 24.4 %. Recalibrated when the model stopped leaving the second day of every run without a
 * rota (that empty day had supplied ~3 points of the month's lost calls): callers who hang up
 * within seconds, breaks and the restricted queue's specialists now carry them. Scenario files
 * override any of these keys.
 */
export const DEFAULT_SCENARIO: ScenarioInput = {
  name: 'month-2021-01',
  description: 'Lüliang 12345, January 2021: 58 seats, ~80 agents on the rota',
  start: '2021-01-01T00:00:00+08:00',
  duration: '31d',
  seats: 58,
  callsPerDay: 1443,
  // Asia/Shanghai hours 0..23: morning and afternoon peaks, an evening bump at 19–21.
  hourProfile: [
    0.25, 0.15, 0.1, 0.1, 0.1, 0.15, 0.4, 1.2, 3.0, 4.6, 4.8, 4.2, 2.8, 3.0, 4.3, 4.4, 4.1, 3.4,
    2.9, 3.4, 3.3, 2.2, 1.0, 0.5,
  ],
  weekdayProfile: [1.12, 1.05, 1.02, 1.0, 1.0, 0.92, 0.89],
  queues: [
    { name: '12345', weight: 0.93, maxWaitSeconds: 300, keyExitProbability: 0.005 },
    {
      name: '12345-en',
      weight: 0.05,
      members: 'en',
      maxWaitSeconds: 60,
      overflowTo: '12345',
      overflowProbability: 0.8,
      leaveWhenEmpty: true,
      keyExitProbability: 0.02,
    },
    {
      name: '12345-full',
      weight: 0.02,
      members: 'full',
      maxLen: 2,
      joinEmpty: false,
      onRefuseTo: '12345',
    },
  ],
  lines: [
    { value: '12345', name: '12345政务服务便民热线', weight: 0.72 },
    { value: '12315', name: '12315市场监管', weight: 0.1 },
    { value: '12369', name: '12369环保', weight: 0.05 },
    { value: '12329', name: '12329住房公积金', weight: 0.05 },
    { value: '12333', name: '12333人社', weight: 0.08 },
  ],
  // The evaluation report's rota, as the monitor's staffing.rota defaults to it.
  shifts: DEFAULT_ROTA.map((shift) => ({ ...shift })),
  // Few specialists for the restricted queue: it refuses callers now and then (maxlen 2).
  skills: { en: 0.3, full: 0.15 },
  talk: { kind: 'lognormal', median: 178, sigma: 0.75, max: 3600 },
  patience: {
    kind: 'mixture',
    // Some callers hang up within seconds whatever happens (6 %: most of the month's lost calls
    // that no staffing saves — the month answers 95 % of calls yet 95 % of those within 10 s);
    // the rest are patient.
    weight: 0.06,
    first: { kind: 'exponential', mean: 4 },
    second: { kind: 'lognormal', median: 180, sigma: 0.7 },
  },
  ring: { kind: 'lognormal', median: 3, sigma: 0.4, max: 14 },
  ringNoAnswerProbability: 0.005,
  memberTimeoutSeconds: 15,
  // 话后处理: every call opens a ticket (46,065 tickets that month), so wrap-up is long.
  wrapUp: { kind: 'lognormal', median: 200, sigma: 0.5, max: 1200 },
  callerEndsProbability: 0.3,
  transferProbability: 0.01,
  transferTo: '12345-en',
  transferTalk: { kind: 'lognormal', median: 120, sigma: 0.6, max: 1800 },
  surveyProbability: 0.6,
  // Scores 1–2 are 'not satisfied': 4.6 % of ratings (agent satisfaction 95.37 % that month).
  surveyWeights: [3, 1.6, 3, 24, 68.4],
  pauses: [
    { reason: 'break', everyMinutes: 75, length: { kind: 'lognormal', median: 600, sigma: 0.3 } },
    { reason: 'training', everyMinutes: 2400, length: { kind: 'uniform', min: 1800, max: 3600 } },
    { reason: 'meeting', everyMinutes: 1800, length: { kind: 'uniform', min: 900, max: 1500 } },
  ],
};
