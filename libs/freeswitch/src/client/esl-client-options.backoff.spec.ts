import { reconnectDelayMs } from './esl-client-options';

describe(reconnectDelayMs.name, () => {
  it('grows exponentially up to the ceiling', () => {
    const noJitter = { initialDelayMs: 100, maxDelayMs: 1_000, factor: 2, jitter: 0 };
    expect([0, 1, 2, 3, 4, 5].map((attempt) => reconnectDelayMs(attempt, noJitter))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('spreads the delay over the jittered share so many monitors do not reconnect in step', () => {
    const options = { initialDelayMs: 1_000, jitter: 0.5 };
    expect(reconnectDelayMs(0, options, () => 0)).toBe(500);
    expect(reconnectDelayMs(0, options, () => 0.999)).toBe(1000);
  });
});
