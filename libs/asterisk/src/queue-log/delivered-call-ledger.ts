import type { CallEvent, StoredCallParts } from '@hotline/call-events';

const JOINED = 1;
const ANSWERED = 2;
const FINISHED = 4;

interface Delivered {
  flags: number;
  at: number;
}

/**
 * What the call source has already handed to its listener, per queue call, so the queue_log
 * backfill gives only what the live link missed. Kept per call id and kind of event (joined,
 * answered, finished), not per event: the same event read from queue_log carries a
 * whole-second time where AMI had microseconds, so it cannot be matched by time.
 * Also remembers each caller channel's contact (Linkedid), which queue_log lacks.
 * Bounded: entries older than `retainMs` behind the newest event noted are forgotten.
 */
export class DeliveredCallLedger {
  private readonly calls = new Map<string, Delivered>();
  private readonly rings = new Map<string, number>();
  private readonly contacts = new Map<string, { contactId: string; at: number }>();
  private newest = -Infinity;

  constructor(private readonly retainMs: number) {}

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
          this.noteContact(uniqueidOf(event.callId), event.contactId, event.at);
          break;
        case 'caller-refused':
          this.mark(event.callId, JOINED | FINISHED, event.at);
          this.noteContact(uniqueidOf(event.callId), event.contactId, event.at);
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
      this.noteContact(uniqueidOf(call.callId), call.contactId, call.endedAt);
    }
    this.prune();
  }

  noteContact(uniqueid: string, contactId: string, at: number): void {
    if (uniqueid && contactId) this.contacts.set(uniqueid, { contactId, at });
  }

  contactOf(uniqueid: string): string | undefined {
    return this.contacts.get(uniqueid)?.contactId;
  }

  /** True when the listener already has this event's part of the call. */
  has(event: CallEvent): boolean {
    switch (event.type) {
      case 'caller-joined-queue':
        return this.flags(event.callId) !== 0;
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

  private prune(): void {
    const oldest = this.newest - this.retainMs;
    for (const [callId, entry] of this.calls) {
      if (entry.at >= oldest) break;
      this.calls.delete(callId);
    }
    for (const [key, at] of this.rings) {
      if (at >= oldest) break;
      this.rings.delete(key);
    }
    for (const [uniqueid, entry] of this.contacts) {
      if (entry.at >= oldest) break;
      this.contacts.delete(uniqueid);
    }
  }
}

/** The caller channel of a call id `<Uniqueid>@<queue>[#n]`. */
export function uniqueidOf(callId: string): string {
  const at = callId.indexOf('@');
  return at < 0 ? callId : callId.slice(0, at);
}

/** queue_log dates a ring-no-answer to the second; AMI to the microsecond. */
function ringKey(callId: string, agent: string, at: number): string {
  return `${callId}|${agent}|${Math.floor(at / 1000)}`;
}
