import { MonotonicPeriodCounter } from './monotonic-period-counter';

describe(MonotonicPeriodCounter.name, () => {
  it('follows the figure as it grows', () => {
    const counter = new MonotonicPeriodCounter();
    expect(counter.value('a', 0, 3)).toBe(3);
    expect(counter.value('a', 0, 5)).toBe(5);
  });

  it('never goes down within a period, so a correction is not mistaken for a reset', () => {
    const counter = new MonotonicPeriodCounter();
    counter.value('a', 0, 10);
    expect(counter.value('a', 0, 9)).toBe(10);
  });

  it('starts again from the figure of a new period', () => {
    const counter = new MonotonicPeriodCounter();
    counter.value('a', 0, 10);
    expect(counter.value('a', 1_000, 2)).toBe(2);
  });

  it('keeps series apart', () => {
    const counter = new MonotonicPeriodCounter();
    counter.value('a', 0, 10);
    expect(counter.value('b', 0, 1)).toBe(1);
  });
});
