import { createHash } from 'node:crypto';
import type { StreamRecord } from './stream-record';

/**
 * A record's identity for the append-once rule. A call event is identified by everything it
 * says (the adapters give a call a deterministic id, and a re-sent event says the same again),
 * so an append retried after a lost reply, or the same event re-read by a standby's backfill,
 * has the same fingerprint. A resync or link record is a happening of one holder's link, not
 * of the PBX: `origin` (the holder's token and its own sequence number) makes it unique.
 */
export function recordFingerprint(record: StreamRecord, origin: string): string {
  const identity = record.kind === 'event' ? canonicalJson(record.event) : `${origin}`;
  return createHash('sha1').update(`${record.kind}|${identity}`).digest('base64url');
}

/** JSON with object keys sorted: equal values give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
