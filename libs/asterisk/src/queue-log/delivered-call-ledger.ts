import { type CallEvent, DeliveredCalls, type StoredCallParts } from '@hotline/call-events';

/**
 * What the call source has already handed to its listener (DeliveredCalls: per queue call and
 * part, the rule shared with the FreeSWITCH CDR backfill), so the queue_log backfill gives only
 * what the live link missed. Also remembers each caller channel's contact (Linkedid), which
 * queue_log lacks; forgotten with the calls, `retainMs` behind the newest event noted.
 */
export class DeliveredCallLedger extends DeliveredCalls {
  private readonly contacts = new Map<string, { contactId: string; at: number }>();

  override note(events: readonly CallEvent[]): void {
    for (const event of events) {
      if (event.type === 'caller-joined-queue' || event.type === 'caller-refused')
        this.noteContact(uniqueidOf(event.callId), event.contactId, event.at);
    }
    super.note(events);
  }

  override noteStored(calls: Iterable<StoredCallParts>): void {
    const list = [...calls].sort((a, b) => a.endedAt - b.endedAt);
    for (const call of list)
      this.noteContact(uniqueidOf(call.callId), call.contactId, call.endedAt);
    super.noteStored(list);
  }

  noteContact(uniqueid: string, contactId: string, at: number): void {
    if (uniqueid && contactId) this.contacts.set(uniqueid, { contactId, at });
  }

  contactOf(uniqueid: string): string | undefined {
    return this.contacts.get(uniqueid)?.contactId;
  }

  protected override prune(): void {
    super.prune();
    const oldest = this.newestAt - this.retainMs;
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
