import { DEFAULT_RECONNECT_POLICY, ReconnectBackoff, reconnectPolicy } from './reconnect-backoff';

const policy = { initialDelayMs: 100, maxDelayMs: 1_000, multiplier: 2, jitter: 0.5 };

describe(ReconnectBackoff.name, () => {
  it('grows by the multiplier and caps at maxDelayMs when jitter draws nothing', () => {
    const backoff = new ReconnectBackoff(policy, () => 0);
    const delays = Array.from({ length: 7 }, () => backoff.next());
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it('keeps every jittered delay within [(1 - jitter) × base, base]', () => {
    for (const draw of [0, 0.25, 0.5, 0.999, 1]) {
      const backoff = new ReconnectBackoff(policy, () => draw);
      let base = policy.initialDelayMs;
      for (let attempt = 0; attempt < 8; attempt += 1) {
        const delay = backoff.next();
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - policy.jitter)));
        expect(delay).toBeLessThanOrEqual(base);
        expect(delay).toBe(Math.round(base * (1 - policy.jitter * draw)));
        base = Math.min(policy.maxDelayMs, base * policy.multiplier);
      }
    }
  });

  it('never exceeds the cap even with a jitter or random out of range', () => {
    const backoff = new ReconnectBackoff({ ...policy, jitter: 7 }, () => -3);
    for (let attempt = 0; attempt < 20; attempt += 1)
      expect(backoff.next()).toBeLessThanOrEqual(policy.maxDelayMs);
  });

  it('starts again from the initial delay after a reset', () => {
    const backoff = new ReconnectBackoff(policy, () => 0);
    backoff.next();
    backoff.next();
    expect(backoff.attempts).toBe(2);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});

describe('one backoff for the AMI and the ESL link', () => {
  it('grows exponentially up to the ceiling', () => {
    const noJitter = { initialDelayMs: 100, maxDelayMs: 1_000, multiplier: 2, jitter: 0 };
    const backoff = new ReconnectBackoff(noJitter);
    expect([0, 1, 2, 3, 4, 5].map(() => backoff.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('spreads the delay over the jittered share so many monitors do not reconnect in step', () => {
    const options = { initialDelayMs: 1_000, jitter: 0.5 };
    expect(new ReconnectBackoff(options, () => 1).next()).toBe(500);
    expect(new ReconnectBackoff(options, () => 0).next()).toBe(1000);
  });

  it('fills what a policy leaves out from the one default', () => {
    expect(reconnectPolicy({ initialDelayMs: 40 })).toEqual({
      ...DEFAULT_RECONNECT_POLICY,
      initialDelayMs: 40,
    });
    expect(new ReconnectBackoff({}, () => 0).next()).toBe(DEFAULT_RECONNECT_POLICY.initialDelayMs);
  });
});
