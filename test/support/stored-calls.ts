import type { TruthCall } from '@hotline/simulator';
import { truthCallIds } from './truth-call-ids';

/** The `queue_call` columns the specs compare against the simulator's truth. */
export interface QueueCallRow {
  call_id: string;
  queue: string;
  line: string | null;
  outcome: string;
  wait_seconds: number;
  talk_seconds: number | null;
}

/** A stored queue call as the specs compare it. */
export interface StoredCall {
  callId: string | undefined;
  queue: string;
  line: string | null;
  outcome: string;
  wait: number;
  talk: number | null;
}

/** How the PBX names a truth call's id and queue (default: Asterisk's, as its mapper does). */
export interface StoredNaming {
  callId(call: TruthCall): string | undefined;
  queue(call: TruthCall): string;
}

function asteriskNaming(calls: readonly TruthCall[]): StoredNaming {
  const ids = truthCallIds(calls);
  return { callId: (call) => ids.get(call), queue: (call) => call.queue };
}

/** The truth's calls as `queue_call` must hold them, ordered by call id. */
export function callsAsStored(
  calls: readonly TruthCall[],
  naming: StoredNaming = asteriskNaming(calls),
): StoredCall[] {
  return calls
    .map((call) => ({
      callId: naming.callId(call),
      queue: naming.queue(call),
      line: call.line,
      outcome: call.outcome,
      wait: call.waitSeconds,
      talk: call.outcome === 'answered' ? (call.talkSeconds ?? 0) : null,
    }))
    .sort((a, b) => String(a.callId).localeCompare(String(b.callId)));
}

/** `queue_call` rows in the same shape and order. */
export function rowsAsStored(rows: readonly QueueCallRow[]): StoredCall[] {
  return rows
    .map((row) => ({
      callId: row.call_id,
      queue: row.queue,
      line: row.line,
      outcome: row.outcome,
      wait: Number(row.wait_seconds),
      talk: row.talk_seconds === null ? null : Number(row.talk_seconds),
    }))
    .sort((a, b) => String(a.callId).localeCompare(String(b.callId)));
}
