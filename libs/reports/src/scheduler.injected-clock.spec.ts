import { Scheduler, type SchedulerClock } from './scheduler';

/** A manual clock: `advance` fires due timers in order. */
class ManualClock implements SchedulerClock {
  private time: number;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 0;
  constructor(start: number) {
    this.time = start;
  }
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.nextId;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  async advanceTo(target: number): Promise<void> {
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > target) break;
      this.timers.shift();
      this.time = due.at;
      due.callback();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.time = target;
  }
}

describe(Scheduler.name, () => {
  const logger = { info: () => undefined, error: jest.fn() };

  it('runs a task at each planned time and re-arms it, even after a failure', async () => {
    const clock = new ManualClock(0);
    const runs: number[] = [];
    const scheduler = new Scheduler(clock, logger);
    scheduler.add({
      name: 'every-hour',
      next: (now) => (Math.floor(now / 3_600_000) + 1) * 3_600_000,
      run: (scheduledAt) => {
        runs.push(scheduledAt);
        return runs.length === 2 ? Promise.reject(new Error('disk full')) : Promise.resolve();
      },
    });
    await clock.advanceTo(3 * 3_600_000 + 1);
    expect(runs).toEqual([3_600_000, 7_200_000, 10_800_000]);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(scheduler.planned().get('every-hour')).toBe(4 * 3_600_000);
    scheduler.stop();
    await clock.advanceTo(10 * 3_600_000);
    expect(runs).toHaveLength(3);
  });

  it('waits in steps when the next run is beyond one timer span (a month away)', async () => {
    const clock = new ManualClock(0);
    const runs: number[] = [];
    const scheduler = new Scheduler(clock, logger);
    const due = 40 * 86_400_000;
    scheduler.add({
      name: 'monthly',
      next: (now) => (now < due ? due : due * 2),
      run: (t) => Promise.resolve(void runs.push(t)),
    });
    await clock.advanceTo(due - 1);
    expect(runs).toEqual([]);
    await clock.advanceTo(due);
    expect(runs).toEqual([due]);
    scheduler.stop();
  });
});
