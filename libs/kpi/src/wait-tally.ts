/**
 * Waits beyond this many whole seconds (and any fractional wait) are counted in a Map; below it
 * in a typed array, one slot per second. Real waits are almost all under a few minutes, and
 * indexing an array is what keeps the engine's hottest bookkeeping cheap.
 */
const INDEXED_WAITS = 4096;
const FIRST_SIZE = 64;

/**
 * How many contributions counted each known wait, so that retracting the longest (a call's
 * figures replaced: an estimate corrected, a contact's visits told out of order after a link gap)
 * brings back the next one.
 */
export class WaitTally {
  /** The longest wait counted now. */
  longest = 0;
  private bySecond = new Int32Array(FIRST_SIZE);
  private readonly others = new Map<number, number>();

  count(wait: number, times: number): void {
    let left: number;
    if (Number.isInteger(wait) && wait >= 0 && wait < INDEXED_WAITS) {
      if (wait >= this.bySecond.length) this.grow(wait);
      left = this.bySecond[wait] + times;
      this.bySecond[wait] = left > 0 ? left : 0;
    } else {
      left = (this.others.get(wait) ?? 0) + times;
      if (left > 0) this.others.set(wait, left);
      else this.others.delete(wait);
    }
    if (left > 0 && wait > this.longest) this.longest = wait;
    else if (left <= 0 && wait === this.longest) this.longest = this.highestCounted();
  }

  /** Adds every count of `other` to this tally. */
  addAll(other: WaitTally): void {
    const counted = other.bySecond;
    for (let wait = 0; wait < counted.length; wait++) {
      if (counted[wait] > 0) this.count(wait, counted[wait]);
    }
    for (const [wait, times] of other.others) this.count(wait, times);
  }

  private highestCounted(): number {
    let highest = 0;
    for (const wait of this.others.keys()) if (wait > highest) highest = wait;
    for (let wait = this.bySecond.length - 1; wait > highest; wait--) {
      if (this.bySecond[wait] > 0) return wait;
    }
    return highest;
  }

  private grow(wait: number): void {
    let size = this.bySecond.length;
    while (size <= wait) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.bySecond);
    this.bySecond = grown;
  }
}
