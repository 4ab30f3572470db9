import type { CallEvent } from './call-event';
import type { StoredCallParts } from './call-source';
import type { PbxInFlightView } from './pbx-in-flight-view';

const JOINED = 1;
const ANSWERED = 2;
const FINISHED = 4;

interface Delivered {
  flags: number;
  at: number;
}

/**
 * What a call source has already handed to its listener, per queue call, so a backfill from
 * the PBX's own ledger (Asterisk queue_log, FreeSWITCH CDR) gives only what the live link
 * missed. Kept per call id and part of the call (joined, answered, finished), not per event:
 * the same event read from a ledger carries a whole-second time where the live link had
 * microseconds, so it cannot be matched by time. The one rule for "this part of this call was
 * already given", whichever PBX.
 * Bounded: entries older than `retainMs` behind the newest event noted are forgotten.
 */
export class DeliveredCalls {
  private readonly calls = new Map<string, Delivered>();
  private readonly rings = new Map<string, number>();
  private newest = -Infinity;

  constructor(protected readonly retainMs: number) {}

  /** PBX time of the newest event noted (−Infinity before any). */
  get newestAt(): number {
    return this.newest;
  }

  note(events: readonly CallEvent[]): void {
    for (const event of events) {
      if (event.at > this.newest) this.newest = event.at;
      switch (event.type) {
        case 'caller-joined-queue':
          this.mark(event.callId, JOINED, event.at);
          break;
        case 'caller-refused':
          this.mark(event.callId, JOINED | FINISHED, event.at);
          break;
        case 'agent-answered':
          this.mark(event.callId, ANSWERED, event.at);
          break;
        case 'call-ended':
        case 'caller-abandoned':
        case 'caller-exited':
          this.mark(event.callId, FINISHED, event.at);
          break;
        case 'agent-ring-no-answer':
          this.rings.set(ringKey(event.callId, event.agent, event.at), event.at);
          break;
        case 'agent-ringing':
        case 'agent-state-changed':
        case 'survey-rated':
          break;
      }
    }
    this.prune();
  }

  /**
   * Calls the listener had before this source started (restored from storage): every part of
   * each counts as delivered, dated by its end; oldest first, as prune() expects.
   */
  noteStored(calls: Iterable<StoredCallParts>): void {
    for (const call of [...calls].sort((a, b) => a.endedAt - b.endedAt)) {
      if (call.endedAt > this.newest) this.newest = call.endedAt;
      this.mark(call.callId, JOINED | ANSWERED | FINISHED, call.endedAt);
    }
    this.prune();
  }

  /** True when the listener already has this event's part of the call. */
  has(event: CallEvent): boolean {
    switch (event.type) {
      case 'caller-joined-queue':
      case 'caller-refused':
        return this.flags(event.callId) !== 0;
      case 'agent-answered':
        return (this.flags(event.callId) & (ANSWERED | FINISHED)) !== 0;
      case 'call-ended':
      case 'caller-abandoned':
      case 'caller-exited':
        return (this.flags(event.callId) & FINISHED) !== 0;
      case 'agent-ring-no-answer':
        return this.rings.has(ringKey(event.callId, event.agent, event.at));
      case 'agent-ringing':
      case 'agent-state-changed':
      case 'survey-rated':
        return false;
    }
  }

  finished(callId: string): boolean {
    return (this.flags(callId) & FINISHED) !== 0;
  }

  /** Forgets what is older than `retainMs` behind the newest event; subclasses prune their own too. */
  protected prune(): void {
    const oldest = this.newest - this.retainMs;
    for (const [callId, entry] of this.calls) {
      if (entry.at >= oldest) break;
      this.calls.delete(callId);
    }
    for (const [key, at] of this.rings) {
      if (at >= oldest) break;
      this.rings.delete(key);
    }
  }

  private flags(callId: string): number {
    return this.calls.get(callId)?.flags ?? 0;
  }

  /** Aged by its latest part, and moved last, so prune() (oldest first) never drops a live call. */
  private mark(callId: string, flags: number, at: number): void {
    const entry = this.calls.get(callId);
    this.calls.delete(callId);
    this.calls.set(callId, {
      flags: (entry?.flags ?? 0) | flags,
      at: Math.max(entry?.at ?? -Infinity, at),
    });
  }
}

/**
 * The parts of calls a listener takes from a resync view: a waiting caller's join, a talking
 * caller's join and (with its agent) answer — what a backfill must not give again.
 */
export function eventsOfView(view: PbxInFlightView): CallEvent[] {
  const events: CallEvent[] = [];
  for (const caller of [...view.waiting, ...view.talking]) {
    events.push({
      type: 'caller-joined-queue',
      at: caller.joinedAt,
      callId: caller.callId,
      contactId: caller.contactId,
      queue: caller.queue,
    });
  }
  for (const caller of view.talking) {
    if (caller.agent === undefined) continue;
    events.push({
      type: 'agent-answered',
      at: caller.answeredAt,
      callId: caller.callId,
      queue: caller.queue,
      agent: caller.agent,
      waitSeconds: caller.waitSeconds ?? 0,
    });
  }
  return events;
}

/** A ledger dates a ring-no-answer to the second; a live link to the microsecond. */
function ringKey(callId: string, agent: string, at: number): string {
  return `${callId}|${agent}|${Math.floor(at / 1000)}`;
}
