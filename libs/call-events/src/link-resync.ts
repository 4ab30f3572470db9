import type { CallHistory } from './call-source';

/**
 * A call source's link as its resync sees it: which link is current (each up and down starts a
 * new one, so a late answer of an old link's resync is ignored), whether the current link's
 * view has been handed on, what arrived before it was (held, to be mapped after the view), and
 * the listener's preparation for the first view. `T` is what the source holds: a PBX message
 * with the time it was received.
 */
export class LinkResync<T> {
  private generation = 0;
  private viewHandedOn = false;
  private held: T[] = [];
  private preparing: Promise<CallHistory | undefined> | undefined;
  private isPrepared = false;

  /** The current link's view has been handed on: what arrives goes straight on. */
  get resynced(): boolean {
    return this.viewHandedOn;
  }

  /** The listener is prepared (and its history applied): events may be delivered. */
  get prepared(): boolean {
    return this.isPrepared;
  }

  /** The current link, for a resync to check it is still the one it was started for. */
  get current(): number {
    return this.generation;
  }

  /** A link came up: a new current link, whose view is to come. */
  linkUp(): number {
    this.generation += 1;
    this.viewHandedOn = false;
    return this.generation;
  }

  /** The link went down: a new current link (none), and arrivals are held again. */
  linkDown(): void {
    this.generation += 1;
    this.viewHandedOn = false;
  }

  /** Arrivals are held again, the current link staying the current one (a fatal error). */
  holdAgain(): void {
    this.viewHandedOn = false;
  }

  isCurrent(generation: number): boolean {
    return generation === this.generation;
  }

  /** Holds what arrived before the view was handed on; false when it goes straight on. */
  hold(arrival: T): boolean {
    if (this.viewHandedOn) return false;
    this.held.push(arrival);
    return true;
  }

  /** What was held, in arrival order; nothing is held after. */
  takeHeld(): T[] {
    const held = this.held;
    this.held = [];
    return held;
  }

  /** The view is handed on. */
  viewDelivered(): void {
    this.viewHandedOn = true;
  }

  /**
   * The listener's preparation for the first view: asked once, on the first link that gets
   * there, and awaited by every link until it is done.
   */
  preparation(ask: () => Promise<CallHistory> | undefined): Promise<CallHistory | undefined> {
    this.preparing ??= ask() ?? Promise.resolve(undefined);
    return this.preparing;
  }

  markPrepared(): void {
    this.isPrepared = true;
  }

  /** The source stopped: no view, nothing held. */
  stopped(): void {
    this.viewHandedOn = false;
    this.held = [];
  }
}
