/** Time and timers, injectable so schedules are tested without waiting. */
export interface SchedulerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface ScheduledTask {
  readonly name: string;
  /** Next run strictly after `now`. */
  next(now: number): number;
  /** `scheduledAt` is the run time it was due at (not the moment it actually started). */
  run(scheduledAt: number): Promise<void>;
}

export interface SchedulerLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Longest single timer: Node's setTimeout overflows above 2^31−1 ms (~24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A small scheduler: one timer per task set to its next run computed in the configured time
 * zone (by the task). Re-arms after each run; a failed run is logged and the next one still
 * happens. Runs of one task never overlap.
 */
export class Scheduler {
  private readonly handles = new Map<string, unknown>();
  private readonly nextRuns = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly clock: SchedulerClock,
    private readonly logger: SchedulerLogger,
  ) {}

  add(task: ScheduledTask): void {
    this.arm(task);
  }

  /** Next planned run of each task (epoch ms), for status pages and tests. */
  planned(): ReadonlyMap<string, number> {
    return this.nextRuns;
  }

  stop(): void {
    this.stopped = true;
    for (const handle of this.handles.values()) this.clock.clearTimeout(handle);
    this.handles.clear();
  }

  private arm(task: ScheduledTask): void {
    if (this.stopped) return;
    const due = task.next(this.clock.now());
    this.nextRuns.set(task.name, due);
    this.wait(task, due);
  }

  private wait(task: ScheduledTask, due: number): void {
    const delay = Math.min(Math.max(0, due - this.clock.now()), MAX_TIMER_MS);
    this.handles.set(
      task.name,
      this.clock.setTimeout(() => {
        if (this.clock.now() < due) return this.wait(task, due);
        this.logger.info({ task: task.name, scheduledAt: due }, 'scheduled task starting');
        task.run(due).then(
          () => this.arm(task),
          (error: unknown) => {
            this.logger.error(
              { task: task.name, err: error instanceof Error ? error.message : String(error) },
              'scheduled task failed',
            );
            this.arm(task);
          },
        );
      }, delay),
    );
  }
}
