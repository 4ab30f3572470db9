/**
 * What an ingest holds while Redis cannot take it: in order, bounded. Beyond `capacity` the
 * newest are refused (and counted): the held ones are the PBX's story in order, and a gap at
 * the end is one the next ingest's backfill from the ledger can still close, a hole in the
 * middle would not be.
 */
export class AppendBuffer<T> {
  private items: T[] = [];
  private head = 0;
  private refusedCount = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, not ${capacity}`);
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** Items refused because the buffer was full, since it was made. */
  get refused(): number {
    return this.refusedCount;
  }

  get full(): boolean {
    return this.size >= this.capacity;
  }

  /** False (and counted) when full. */
  push(item: T): boolean {
    if (this.full) {
      this.refusedCount++;
      return false;
    }
    this.items.push(item);
    return true;
  }

  /** The oldest `count` items, left in place until `drop` says they were appended. */
  peek(count: number): readonly T[] {
    return this.items.slice(this.head, this.head + count);
  }

  /** The oldest `count` items were appended. */
  drop(count: number): void {
    this.head = Math.min(this.items.length, this.head + count);
    // Compact now and then so the array does not grow without bound.
    if (this.head > 1_024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
