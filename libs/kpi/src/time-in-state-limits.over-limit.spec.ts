import {
  DEFAULT_BREAK_LIMIT_MINUTES,
  isOverLimit,
  timeInStateLimit,
  type TimeInStateLimits,
} from './time-in-state-limits';

const T0 = Date.UTC(2026, 11, 7, 2, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

const LIMITS: TimeInStateLimits = {
  longTalkSeconds: 300,
  breakLimitMinutes: { ...DEFAULT_BREAK_LIMIT_MINUTES, break: 10, training: 60, other: 15 },
  work: {
    wrapUpSeconds: 0,
    wrapUpSecondsByQueue: {},
    pauseReasons: { 小休: 'break', 培训: 'training', 话后: 'after-call-work' },
  },
};

describe('time in state limits', () => {
  describe('a talk', () => {
    const talking = { state: 'on-call' as const, since: T0, pauseReason: null };

    it('is over 5 minutes after 300 s, not at exactly 300 s (the KPI rule)', () => {
      const limit = timeInStateLimit(talking, LIMITS);
      expect(limit).toMatchObject({ kind: 'long-talk', limitSeconds: 300 });
      expect(isOverLimit(limit, T0 + 300 * SECOND)).toBe(false);
      expect(isOverLimit(limit, T0 + 300 * SECOND + 1)).toBe(true);
    });

    it("counts from the call's answer, not from when the agent's state was last seen", () => {
      const limit = timeInStateLimit(
        { ...talking, since: T0 + 4 * MINUTE, answeredAt: T0 },
        LIMITS,
      );
      expect(isOverLimit(limit, T0 + 301 * SECOND)).toBe(true);
    });

    it('follows kpi.longTalkSeconds', () => {
      const limit = timeInStateLimit(talking, { ...LIMITS, longTalkSeconds: 600 });
      expect(isOverLimit(limit, T0 + 301 * SECOND)).toBe(false);
      expect(isOverLimit(limit, T0 + 601 * SECOND)).toBe(true);
    });
  });

  describe('a pause', () => {
    const paused = (pauseReason: string | null) => ({
      state: 'paused' as const,
      since: T0,
      pauseReason,
    });

    it.each([
      ['小休', 'break', 10],
      ['培训', 'training', 60],
      ['午饭', 'other', 15],
      [null, 'other', 15],
    ])('%s is a %s over %i minutes', (reason, pauseKind, minutes) => {
      const limit = timeInStateLimit(paused(reason), LIMITS);
      expect(limit).toMatchObject({ kind: 'long-pause', pauseKind, limitSeconds: minutes * 60 });
      expect(isOverLimit(limit, T0 + minutes * MINUTE)).toBe(false);
      expect(isOverLimit(limit, T0 + minutes * MINUTE + 1)).toBe(true);
    });

    it('for after-call work has no break limit (it is wrap-up)', () => {
      expect(timeInStateLimit(paused('话后'), LIMITS)).toBeNull();
    });
  });

  it.each(['available', 'ringing', 'wrap-up', 'logged-out'] as const)(
    '%s has no limit',
    (state) => {
      const limit = timeInStateLimit({ state, since: T0, pauseReason: null }, LIMITS);
      expect(limit).toBeNull();
      expect(isOverLimit(limit, T0 + 24 * 60 * MINUTE)).toBe(false);
    },
  );
});
