import type { ModelEvent } from './model/model-event';
import type { PbxSimulator } from './pbx-simulator';
import { startSmallDemo, WEEKDAY_MORNING } from './testing/small-demo-simulator';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PbxSimulator: setSpeed and the pbx-event hook', () => {
  let simulator: PbxSimulator | undefined;
  afterEach(async () => simulator?.stop());

  it('runs the clock at the new speed from the moment it changes, without a jump', async () => {
    simulator = await startSmallDemo({ seed: 7, durationMs: 86_400_000, speed: 1 });
    await sleep(1_500);
    const before = simulator.now;
    // At speed 1, 1.5 s of real time is well under a simulated minute.
    expect(before - WEEKDAY_MORNING).toBeLessThan(60_000);
    simulator.setSpeed(3_600);
    // Changing the speed does not move the clock by itself.
    expect(simulator.now).toBe(before);
    await sleep(300);
    // 300 ms at 3,600× is 18 simulated minutes; at speed 1 it would be 0.3 s. Had the whole run
    // been rescaled, the 1.5 s before the change would add 90 minutes.
    expect(simulator.now - before).toBeGreaterThan(5 * 60_000);
    expect(simulator.now - before).toBeLessThan(60 * 60_000);
    expect(() => simulator?.setSpeed(0)).toThrow(RangeError);
  });

  it('hands every model event to pbx-event listeners, in order', async () => {
    simulator = await startSmallDemo({ seed: 7, durationMs: 3_600_000, speed: 3_600 });
    const events: ModelEvent[] = [];
    simulator.on('pbx-event', (event: ModelEvent) => events.push(event));
    await simulator.finished();
    const finished = events.filter(
      (e) => e.type === 'agentCompleted' || e.type === 'callerLeft' || e.type === 'callerRefused',
    );
    expect(finished.length).toBeGreaterThan(0);
    expect(finished.length).toBe(simulator.truth.calls().length);
    expect(events.every((e, i) => i === 0 || e.at >= events[i - 1].at)).toBe(true);
  });
});
