import { ReportAbortedError, ReportPacer } from './report-pacer';

/**
 * A clock the work advances: each day of work costs `msPerDay` (which a test may change);
 * `pass` spends time outside a call. `turns`: when the event loop got a turn.
 */
function simulated(msPerDay: number) {
  let now = 0;
  const turns: number[] = [];
  const sim = {
    msPerDay,
    clock: () => now,
    pass: (ms: number) => {
      now += ms;
    },
    work: (days: number) => () => {
      now += days * sim.msPerDay;
      return Promise.resolve(days);
    },
    yieldTurn: () => {
      turns.push(now);
      return Promise.resolve();
    },
    turns,
  };
  return sim;
}

async function walk(pacer: ReportPacer, sim: ReturnType<typeof simulated>, total: number) {
  const steps: number[] = [];
  for (let done = 0; done < total;) {
    const days = Math.min(pacer.nextDays(), total - done);
    await pacer.step(days, sim.work(days));
    steps.push(days);
    done += days;
  }
  return steps;
}

describe(ReportPacer.name, () => {
  it('grows cheap steps at most 4× at a time up to the slice, then holds', async () => {
    const sim = simulated(0.1); // centre rows: 0.1 ms a day
    const pacer = new ReportPacer(3700, { ...sim, sliceMs: 20, maxDays: 366 });
    const steps = await walk(pacer, sim, 3700);
    expect(steps.slice(0, 5)).toEqual([1, 4, 16, 64, 200]);
    expect(Math.max(...steps)).toBe(200);
    expect(sim.turns).toHaveLength(steps.length); // the event loop gets a turn after every call
  });

  it('keeps expensive days to one a call, and never below one day', async () => {
    const sim = simulated(45); // a day of 100 agents on a busy box
    const pacer = new ReportPacer(10, { ...sim, sliceMs: 20 });
    expect(await walk(pacer, sim, 10)).toEqual(Array(10).fill(1));
  });

  it('shrinks at once when calls become slow', async () => {
    const sim = simulated(0.5);
    const pacer = new ReportPacer(1000, { ...sim, sliceMs: 20 });
    const run = (days: number) => pacer.step(days, sim.work(days));
    for (let i = 0; i < 4; i++) await run(pacer.nextDays());
    expect(pacer.nextDays()).toBe(40);
    sim.msPerDay = 10;
    await run(40);
    expect(pacer.nextDays()).toBe(2);
  });

  it('reports progress and stops between calls once aborted', async () => {
    const sim = simulated(1);
    const controller = new AbortController();
    const progress: number[] = [];
    const pacer = new ReportPacer(4, {
      ...sim,
      signal: controller.signal,
      onProgress: (f) => progress.push(f),
    });
    await pacer.step(1, sim.work(1));
    expect(progress).toEqual([0.25]);
    controller.abort();
    await expect(pacer.step(1, sim.work(1))).rejects.toBeInstanceOf(ReportAbortedError);
  });

  it('gives the event loop a turn between rows once they have kept it for the slice', async () => {
    const sim = simulated(0);
    const pacer = new ReportPacer(1, { ...sim, sliceMs: 20 });
    for (let row = 0; row < 100; row++) {
      sim.pass(1); // 1 ms of work per row
      await pacer.breathe();
    }
    expect(sim.turns).toHaveLength(5);
  });
});
