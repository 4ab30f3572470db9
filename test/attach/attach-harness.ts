/**
 * Attaching the real monitor to a PBX in the middle of its traffic, replayed from a recording:
 * the PBX answers the resync lists with its state at the cut, then streams what it sent after
 * it over TCP. Shared by the Asterisk and FreeSWITCH attach specs.
 */
import { DataSource } from 'typeorm';
import type { KpiSnapshot, QueueCallRecord } from '@hotline/kpi';
import { QueueCallRepository, Sql, type StoredQueueCall } from '@hotline/storage';
import type { MonitorConfigInput } from '../../apps/monitor/src/config/monitor-config.schema';
import { startMonitor, waitFor, type RunningMonitor } from '../support/monitor-harness';

export interface AttachedMonitor {
  readonly monitor: RunningMonitor;
  /** The live figures right after the first resync, before anything else was streamed. */
  readonly atAttach: KpiSnapshot;
  /** Latest record per call id, as the engine finished (or corrected) it. */
  readonly records: Map<string, QueueCallRecord>;
  /** Every record emitted, in order (revisions included). */
  readonly emitted: QueueCallRecord[];
  close(): Promise<void>;
}

/**
 * Starts the monitor on `pbx` (with `extra` config: history, kpi…) and waits for its first
 * resync (the view at the cut) — after the history import when a ledger is configured.
 */
export async function attachMonitor(
  pbx: MonitorConfigInput['pbx'],
  extra: Omit<MonitorConfigInput, 'pbx'> = {},
): Promise<AttachedMonitor> {
  const monitor = await startMonitor({ ...extra, pbx });
  const records = new Map<string, QueueCallRecord>();
  const emitted: QueueCallRecord[] = [];
  monitor.live.onCallFinished((record) => {
    records.set(record.callId, record);
    emitted.push(record);
  });
  await waitFor('the monitor to resync with the PBX', () => monitor.live.link.ready, 20_000);
  const atAttach = monitor.live.snapshot();
  return { monitor, atAttach, records, emitted, close: () => monitor.close() };
}

/** Waits until every one of `callIds` has a record, then for the link to go quiet. */
export async function waitForRecords(
  attached: AttachedMonitor,
  callIds: Iterable<string>,
  timeoutMs = 30_000,
): Promise<void> {
  const wanted = [...callIds];
  await waitFor(
    `records of ${wanted.length} calls`,
    () => wanted.every((id) => attached.records.has(id)),
    timeoutMs,
  ).catch((error: unknown) => {
    const missing = wanted.filter((id) => !attached.records.has(id));
    throw new Error(`${String(error)}; missing: ${missing.slice(0, 20).join(', ')}`);
  });
  let last = attached.emitted.length;
  let quietSince = Date.now();
  await waitFor(
    'no further record for 300 ms',
    () => {
      if (attached.emitted.length !== last)
        [last, quietSince] = [attached.emitted.length, Date.now()];
      return Date.now() - quietSince >= 300;
    },
    timeoutMs,
  );
}

/** What an attach test compares of a stored call (its identity aside). */
export interface ComparableCall {
  readonly outcome: string;
  readonly wait: number | undefined;
  readonly talk: number | null | undefined;
  readonly agent: string | null | undefined;
  readonly line: string | null | undefined;
}

/** The compared parts of a call as the engine emitted it or storage holds it. */
export function comparableCall(
  call:
    Pick<StoredQueueCall, 'outcome' | 'waitSeconds' | 'talkSeconds' | 'agent' | 'line'> | undefined,
): ComparableCall | undefined {
  if (!call) return undefined;
  return {
    outcome: call.outcome,
    wait: call.waitSeconds,
    talk: call.talkSeconds,
    agent: call.agent,
    line: call.line,
  };
}

/** The calls the monitor stored (imported and live), by call id, once `count` are there. */
export async function storedCalls(
  attached: { readonly monitor: RunningMonitor },
  count: number,
  timeoutMs = 30_000,
): Promise<Map<string, StoredQueueCall>> {
  const repository = new QueueCallRepository(Sql.of(attached.monitor.app.get(DataSource)));
  let stored: StoredQueueCall[] = [];
  await waitFor(
    `${count} calls stored`,
    async () => {
      stored = await repository.findJoinedBetween(0, Number.MAX_SAFE_INTEGER);
      return stored.length >= count;
    },
    timeoutMs,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; ${stored.length} stored`);
  });
  return new Map(stored.map((call) => [call.callId, call]));
}
