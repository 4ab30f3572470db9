import { hash } from 'node:crypto';
import type { AmiMessage } from '../protocol/ami-message';

/**
 * Recognises an AMI event seen before (a capture replayed, a buffer delivered twice): same
 * name, same µs `Timestamp`, same headers. A SHA-1 of the whole message stands for it, so
 * memory stays small; only the last `capacity` are kept, in a ring (about a week of filtered
 * traffic at the January-2021 volume, a day at ten times it). A ring slot holds a fingerprint
 * exactly as long as the set does: a list trimmed now and then kept up to twice the window
 * alive (docs/scale.md, "RSS soak over several simulated days").
 * Without a `Timestamp` two identical events cannot be told from a repeat: none is dropped.
 */
export class MessageFingerprints {
  private readonly seen = new Set<string>();
  private readonly ring: string[] = [];
  private next = 0;

  constructor(private readonly capacity = 200_000) {}

  /** True when this message was already seen; remembers it otherwise. */
  seenBefore(message: AmiMessage): boolean {
    if (message.get('Timestamp') === undefined) return false;
    const print = fingerprint(message);
    if (this.seen.has(print)) return true;
    this.seen.add(print);
    if (this.ring.length < this.capacity) {
      this.ring.push(print);
      return false;
    }
    // The ring is full: the oldest fingerprint leaves its slot and the set together.
    this.seen.delete(this.ring[this.next]);
    this.ring[this.next] = print;
    this.next = (this.next + 1) % this.capacity;
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
