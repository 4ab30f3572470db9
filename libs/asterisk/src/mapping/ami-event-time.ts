import type { AmiMessage } from '../protocol/ami-message';

/**
 * Epoch ms of an event: its `Timestamp` header (manager.conf `timestampevents = yes`,
 * "1795916687.349544", epoch seconds with µs) when present, else the receive time. Parsed
 * without floating point so `Math.floor(at / 1000)` is exactly the PBX's whole second, the
 * second app_queue writes to queue_log.
 */
export function amiEventTime(message: AmiMessage, receivedAt: number): number {
  const stamp = message.get('Timestamp');
  if (stamp === undefined) return receivedAt;
  const match = /^\s*(\d+)(?:\.(\d+))?\s*$/.exec(stamp);
  if (!match) return receivedAt;
  const seconds = Number(match[1]);
  const millis = Number((match[2] ?? '').padEnd(3, '0').slice(0, 3));
  return seconds * 1000 + millis;
}
