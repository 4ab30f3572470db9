import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolatedDataConfig } from '../support/isolated-data';
import { startMonitor, waitFor, type RunningMonitor } from '../support/monitor-harness';

/**
 * Without a ledger nothing is imported: the stored calls are complete from the first live
 * attach, which the monitor stores (data_coverage) and, on the next start, restores into the
 * engine with its calls. The in-process monitor with its built-in simulator, a data folder of
 * its own, started twice on it.
 */
interface StatusJson {
  history: {
    phase: string;
    reason?: string;
    coverage?: { coveredFrom: number; basis: string };
  };
}

describe('coverage without a ledger: from the first live attach, kept in storage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-coverage-'));
  // Real-time simulator: its clock starts at the wall clock on every start, so the second attach
  // is always later on the PBX clock than the first. At 60× a slow first start (CI) put the first
  // attach minutes ahead of the second start's PBX clock, and the coverage rightly stayed put.
  const config = {
    ...isolatedDataConfig(dir),
    pbx: { type: 'simulator' as const, simulator: { scenario: 'small-demo', speed: 1 } },
  };
  let monitor: RunningMonitor | undefined;

  afterAll(async () => {
    await monitor?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const status = async (m: RunningMonitor) =>
    (await (await fetch(`${m.baseUrl}/api/v1/storage/status`)).json()) as StatusJson;

  it('skips the import, says why, and stores the attach as the coverage', async () => {
    monitor = await startMonitor(config);
    const running = monitor;
    await waitFor('the PBX link ready', () => running.live.link.ready, 60_000);
    let seen: StatusJson | undefined;
    await waitFor('the coverage stored', async () => {
      seen = await status(running);
      return seen.history.coverage !== undefined;
    });
    expect(seen?.history).toMatchObject({ phase: 'skipped', reason: 'no ledger configured' });
    const attachAt = running.live.clock.now();
    expect(seen?.history.coverage?.basis).toBe('live');
    expect(Math.abs((seen?.history.coverage?.coveredFrom ?? 0) - attachAt)).toBeLessThan(
      5 * 60_000,
    );
    const health = (await (await fetch(`${running.baseUrl}/health`)).json()) as StatusJson;
    expect(health.history.phase).toBe('skipped');
  }, 120_000);

  it('restores it on the next start, then moves it to the new attach (the downtime is unknown)', async () => {
    const first = (await status(monitor as RunningMonitor)).history.coverage;
    await monitor?.close();
    monitor = await startMonitor(config);
    const running = monitor;
    expect((await status(running)).history.coverage).toEqual(first);
    await waitFor('the PBX link ready', () => running.live.link.ready, 60_000);
    await waitFor('the coverage moved', async () => {
      const now = (await status(running)).history.coverage;
      return now !== undefined && now.coveredFrom > (first?.coveredFrom ?? Infinity);
    });
  }, 120_000);
});
