import { hash } from 'node:crypto';
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
  return hash('sha1', `${record.kind}|${identity}`, 'base64url');
}

/** JSON with object keys sorted: equal values give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    // One string built in place of entries, filtered, sorted and mapped arrays: every record
    // an ingest appends is fingerprinted (bench/cluster-pipeline.bench.ts). Same text as
    // before (keys in code-unit order, undefined left out): the seen marks stay valid.
    const object = value as Record<string, unknown>;
    let text = '';
    for (const key of Object.keys(object).sort()) {
      const field = object[key];
      if (field === undefined) continue;
      text += `${text.length > 0 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(field)}`;
    }
    return `{${text}}`;
  }
  return JSON.stringify(value);
}
