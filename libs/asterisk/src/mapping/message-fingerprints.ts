import { hash } from 'node:crypto';
import type { AmiMessage } from '../protocol/ami-message';

/**
 * Recognises an AMI event seen before (a capture replayed, a buffer delivered twice): same
 * name, same µs `Timestamp`, same headers. A SHA-1 of the whole message stands for it, so
 * memory stays small; only the last `capacity` are kept (a day of filtered traffic).
 * Without a `Timestamp` two identical events cannot be told from a repeat: none is dropped.
 */
export class MessageFingerprints {
  private readonly seen = new Set<string>();
  private readonly order: string[] = [];
  private head = 0;

  constructor(private readonly capacity = 200_000) {}

  /** True when this message was already seen; remembers it otherwise. */
  seenBefore(message: AmiMessage): boolean {
    if (message.get('Timestamp') === undefined) return false;
    const print = fingerprint(message);
    if (this.seen.has(print)) return true;
    this.seen.add(print);
    this.order.push(print);
    if (this.order.length - this.head > this.capacity) {
      const oldest = this.order[this.head];
      this.head += 1;
      if (oldest !== undefined) this.seen.delete(oldest);
      if (this.head > this.capacity) {
        this.order.splice(0, this.head);
        this.head = 0;
      }
    }
    return false;
  }
}

/**
 * The same digest as hashing header by header, in one one-shot call: a hash object and an
 * update() per header each cost a call into native code, and every message the mapper reads
 * is fingerprinted (on an unfiltered link, every VarSet: bench/cluster-pipeline.bench.ts).
 */
function fingerprint(message: AmiMessage): string {
  let text = '';
  for (const [name, value] of message.headers) text += `${name}:${value}\n`;
  return hash('sha1', text, 'base64');
}
