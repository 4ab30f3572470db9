import { PbxSimulator } from '@hotline/simulator';
import { monitorCounts, truthCounts } from '../support/kpi-comparison';
import { startMonitor, waitFor, type RunningMonitor } from '../support/monitor-harness';

/** 2026-01-06 00:00 in Asia/Shanghai (a Tuesday in January, the calibration month). */
const DAY_START = Date.UTC(2026, 0, 5, 16, 0, 0);
const SECRET = 'e2e-secret-0123456789';

describe('simulator → monitor over real AMI/TCP for one simulated day', () => {
  let simulator: PbxSimulator;
  let monitor: RunningMonitor;

  beforeAll(async () => {
    simulator = await PbxSimulator.start({
      scenario: 'month-2021-01',
      seed: 20260106,
      speed: 3_000,
      startAt: DAY_START,
      // Arrivals stop at 23:00, so every call has ended before local midnight.
      durationMs: 23 * 3_600_000,
      startOnLogin: true,
      ami: {
        host: '127.0.0.1',
        port: 0,
        username: 'monitor',
        secret: SECRET,
        timestampEvents: true,
      },
    });
    monitor = await startMonitor({
      pbx: {
        type: 'asterisk',
        asterisk: { host: '127.0.0.1', port: simulator.port, username: 'monitor', secret: SECRET },
      },
    });
    await simulator.finished();
    // The last events are on the wire when the simulator finishes; let the monitor drain them.
    const lastCall = Math.max(...simulator.truth.calls().map((c) => c.endedAt));
    await waitFor(
      'the monitor to see the last call end',
      () => (monitor.live.link.lastEventAt ?? 0) >= lastCall,
      20_000,
    );
    // A survey comes after its call's end (the last one after the last end): let it arrive too.
    // On time-out the comparisons below say what differs.
    const surveys = truthCounts(simulator.truth.summary().centre).ratings;
    await waitFor(
      'the monitor to see the last survey',
      () => monitorCounts(monitor.live.snapshot().periods.centre.today).ratings === surveys,
      5_000,
    ).catch(() => undefined);
    monitor.live.tick();
  }, 120_000);

  afterAll(async () => {
    await monitor?.close();
    await simulator?.stop();
  });

  it('ran a realistic day', () => {
    const calls = simulator.truth.calls();
    expect(calls.length).toBeGreaterThan(1_000);
    const outcomes = new Set(calls.map((c) => c.outcome));
    for (const outcome of ['answered', 'abandoned', 'exited'] as const)
      expect(outcomes).toContain(outcome);
  });

  it('equals the truth for the centre (contacts), exactly', () => {
    const kpi = monitor.live.snapshot();
    expect(monitorCounts(kpi.periods.centre.today)).toEqual(
      truthCounts(simulator.truth.summary().centre),
    );
  });

  it('equals the truth for every queue, exactly', () => {
    const kpi = monitor.live.snapshot();
    const truth = simulator.truth.summary();
    expect(Object.keys(kpi.periods.queues).sort()).toEqual(Object.keys(truth.queues).sort());
    for (const [queue, figures] of Object.entries(truth.queues)) {
      expect({ queue, ...monitorCounts(kpi.periods.queues[queue].today) }).toEqual({
        queue,
        ...truthCounts(figures),
      });
    }
  });

  it('equals the truth for every line, exactly', () => {
    const kpi = monitor.live.snapshot();
    const truth = simulator.truth.summary();
    for (const [line, figures] of Object.entries(truth.lines)) {
      expect({ line, ...monitorCounts(kpi.periods.lines[line].today) }).toEqual({
        line,
        ...truthCounts(figures),
      });
    }
  });

  it('reports no anomalies, nothing in flight and a ready link', async () => {
    const kpi = monitor.live.snapshot();
    expect(kpi.live.waiting).toEqual([]);
    expect(kpi.live.talking).toEqual([]);
    expect(monitor.live.anomalies()).toEqual([]);
    const ready = await fetch(`${monitor.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
  });

  it('serves the same figures over REST', async () => {
    const response = await fetch(`${monitor.baseUrl}/api/v1/snapshot?queue=12345`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      kpi: { periods: { queues: Record<string, unknown> } };
    };
    expect(Object.keys(body.kpi.periods.queues)).toEqual(['12345']);
    const bad = await fetch(`${monitor.baseUrl}/api/v1/snapshot?colour=red`);
    expect(bad.status).toBe(400);
  });
});
