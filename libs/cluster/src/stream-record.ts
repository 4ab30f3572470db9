import type { CallEvent, PbxInFlightView } from '@hotline/call-events';

/**
 * What an ingest tells the serves of its site, one stream entry each, in the order its PBX
 * link produced them: the same three things a CallSource tells its listener.
 */
export type StreamRecord =
  | { readonly kind: 'event'; readonly event: CallEvent }
  | { readonly kind: 'resync'; readonly view: PbxInFlightView }
  | {
      readonly kind: 'link';
      readonly up: boolean;
      readonly at: number;
      readonly reason?: string;
      readonly code?: string;
    };

/** A record as appended: with the fencing token of the lease it was appended under. */
export interface StreamEntry {
  /** The stream's own id (`<ms>-<seq>`), the serve's watermark. */
  readonly id: string;
  readonly token: number;
  readonly record: StreamRecord;
}

/** The entry's field names on the stream (`r`: the record as JSON, `t`: the fencing token). */
export const RECORD_FIELD = 'r';
export const TOKEN_FIELD = 't';

export class StreamRecordError extends Error {
  readonly code = 'CLUSTER_ERR_BAD_RECORD';
}

export function encodeRecord(record: StreamRecord): string {
  return JSON.stringify(record);
}

/** Reads one stream entry's fields (`[name, value, name, value, …]` as XREAD gives them). */
export function decodeEntry(id: string, fields: readonly string[]): StreamEntry {
  let json: string | undefined;
  let token: string | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === RECORD_FIELD) json = fields[i + 1];
    else if (fields[i] === TOKEN_FIELD) token = fields[i + 1];
  }
  if (json === undefined || token === undefined)
    throw new StreamRecordError(`stream entry ${id}: missing field "${json ? 't' : 'r'}"`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new StreamRecordError(`stream entry ${id}: the record is not JSON`);
  }
  if (!isRecord(parsed)) throw new StreamRecordError(`stream entry ${id}: not a known record`);
  return { id, token: Number(token), record: parsed };
}

function isRecord(value: unknown): value is StreamRecord {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  if (kind === 'event') return typeof (value as { event?: unknown }).event === 'object';
  if (kind === 'resync') return typeof (value as { view?: unknown }).view === 'object';
  if (kind === 'link') return typeof (value as { up?: unknown }).up === 'boolean';
  return false;
}

/** Stream ids compare as (ms, seq) pairs; `0` (or `0-0`) is before everything. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSeq] = splitId(a);
  const [bMs, bSeq] = splitId(b);
  return aMs !== bMs ? (aMs < bMs ? -1 : 1) : aSeq === bSeq ? 0 : aSeq < bSeq ? -1 : 1;
}

function splitId(id: string): [bigint, bigint] {
  const [ms, seq] = id.split('-');
  return [BigInt(ms || '0'), BigInt(seq ?? '0')];
}
