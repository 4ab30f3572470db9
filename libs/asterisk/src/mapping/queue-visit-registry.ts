import type { QueueVisit, QueueVisitStatus } from './queue-visit';

/**
 * The open queue visits, per caller channel, and the numbering that makes call ids.
 *
 * A call id is `<Uniqueid>@<queue>` for the channel's first visit to that queue and
 * `<Uniqueid>@<queue>#<n>` for a later one: a channel keeps its Uniqueid when it overflows to
 * another queue or is blind-transferred, and may come back to a queue it left, so the Uniqueid
 * alone is not a queue call. Built only from the PBX's own events, it is the same on every
 * replay of them (queue_log's callid column is the Uniqueid; the ledger numbers visits alike).
 */
export class QueueVisitRegistry {
  private readonly openByChannel = new Map<string, QueueVisit[]>();
  private readonly visitsPerQueue = new Map<string, Map<string, number>>();
  private readonly hungUp = new Set<string>();
  /** Last answered visit per channel and queue, for the survey that follows the talk. */
  private readonly lastAnswered = new Map<string, Map<string, string>>();

  /** The id the next visit of this channel to this queue gets, counting it. */
  nextCallId(uniqueid: string, queue: string): string {
    let perQueue = this.visitsPerQueue.get(uniqueid);
    if (!perQueue) {
      perQueue = new Map();
      this.visitsPerQueue.set(uniqueid, perQueue);
    }
    const n = (perQueue.get(queue) ?? 0) + 1;
    perQueue.set(queue, n);
    return n === 1 ? `${uniqueid}@${queue}` : `${uniqueid}@${queue}#${n}`;
  }

  /**
   * A visit of this channel to this queue numbered `n` elsewhere (queue_log, read after a gap in
   * the AMI link): later visits are numbered after it, as queue_log numbers them.
   */
  noteVisitNumber(uniqueid: string, queue: string, n: number): void {
    let perQueue = this.visitsPerQueue.get(uniqueid);
    if (!perQueue) {
      perQueue = new Map();
      this.visitsPerQueue.set(uniqueid, perQueue);
    }
    if (n > (perQueue.get(queue) ?? 0)) perQueue.set(queue, n);
  }

  open(visit: QueueVisit): void {
    const list = this.openByChannel.get(visit.uniqueid);
    if (list) list.push(visit);
    else this.openByChannel.set(visit.uniqueid, [visit]);
  }

  close(visit: QueueVisit): void {
    const list = this.openByChannel.get(visit.uniqueid);
    if (!list) return;
    const index = list.indexOf(visit);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) {
      this.openByChannel.delete(visit.uniqueid);
      if (this.hungUp.has(visit.uniqueid)) this.forget(visit.uniqueid);
    }
  }

  /** Open visits of a channel, oldest first. */
  ofChannel(uniqueid: string): readonly QueueVisit[] {
    return this.openByChannel.get(uniqueid) ?? [];
  }

  /** The oldest open visit of the channel in that queue whose status is one of those given. */
  find(
    uniqueid: string,
    queue: string,
    statuses: readonly QueueVisitStatus[],
  ): QueueVisit | undefined {
    return this.ofChannel(uniqueid).find(
      (visit) => visit.queue === queue && statuses.includes(visit.status),
    );
  }

  /** Every open visit (a few hundred at most: the callers in queue and in talk). */
  *all(): IterableIterator<QueueVisit> {
    for (const list of this.openByChannel.values()) yield* list;
  }

  rememberAnswered(visit: QueueVisit): void {
    let perQueue = this.lastAnswered.get(visit.uniqueid);
    if (!perQueue) {
      perQueue = new Map();
      this.lastAnswered.set(visit.uniqueid, perQueue);
    }
    perQueue.set(visit.queue, visit.callId);
  }

  lastAnsweredCallId(uniqueid: string, queue: string): string | undefined {
    return this.lastAnswered.get(uniqueid)?.get(queue);
  }

  /** The channel is gone: once its visits are closed nothing more will refer to it. */
  channelHungUp(uniqueid: string): void {
    if (this.openByChannel.has(uniqueid)) this.hungUp.add(uniqueid);
    else this.forget(uniqueid);
  }

  /** Drops every open visit the predicate rejects (after a resync showed they are over). */
  retain(keep: (visit: QueueVisit) => boolean): void {
    for (const visit of [...this.all()]) if (!keep(visit)) this.close(visit);
  }

  private forget(uniqueid: string): void {
    this.hungUp.delete(uniqueid);
    this.visitsPerQueue.delete(uniqueid);
    this.lastAnswered.delete(uniqueid);
    this.openByChannel.delete(uniqueid);
  }
}
