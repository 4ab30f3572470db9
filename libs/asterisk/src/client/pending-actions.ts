import type { AmiMessage } from '../protocol/ami-message';
import { AmiActionError, AmiDisconnectedError, AmiTimeoutError } from './ami-client-errors';

export interface ListResult {
  readonly response: AmiMessage;
  readonly events: AmiMessage[];
}

interface PendingAction {
  readonly action: string;
  readonly list: boolean;
  response?: AmiMessage;
  readonly events: AmiMessage[];
  readonly timer: NodeJS.Timeout;
  readonly resolve: (result: ListResult) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Actions sent and not yet answered, by ActionID. Every entry ends exactly once: answered,
 * failed, timed out or rejected on disconnect — an action is never silently lost.
 */
export class PendingActions {
  private readonly byId = new Map<string, PendingAction>();

  get size(): number {
    return this.byId.size;
  }

  add(actionId: string, action: string, list: boolean, timeoutMs: number): Promise<ListResult> {
    return new Promise<ListResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.byId.delete(actionId);
        reject(new AmiTimeoutError(action, timeoutMs));
      }, timeoutMs);
      this.byId.set(actionId, { action, list, events: [], timer, resolve, reject });
    });
  }

  /** Whether an incoming message belongs to a pending action (and was consumed by it). */
  accept(message: AmiMessage): boolean {
    const actionId = message.actionId;
    if (actionId === undefined) return false;
    const pending = this.byId.get(actionId);
    if (pending === undefined) return false;

    if (message.response !== undefined) {
      if (message.response.toLowerCase() === 'error') {
        this.settle(actionId, pending, new AmiActionError(pending.action, message));
      } else if (!pending.list) {
        this.settle(actionId, pending, { response: message, events: [] });
      } else {
        pending.response = message;
      }
      return true;
    }

    // An event carrying our ActionID: only list actions expect those. Others (e.g. the
    // OriginateResponse of an async Originate) are real events and go to the consumer.
    if (!pending.list || message.event === undefined) return false;
    if (isListEnd(message)) {
      if (pending.response === undefined) return false;
      this.settle(actionId, pending, { response: pending.response, events: pending.events });
    } else {
      pending.events.push(message);
    }
    return true;
  }

  /** Fails the action now, e.g. when its bytes could not even be written. */
  fail(actionId: string, error: Error): void {
    const pending = this.byId.get(actionId);
    if (pending) this.settle(actionId, pending, error);
  }

  rejectAll(reason: string): void {
    for (const [actionId, pending] of [...this.byId]) {
      this.settle(actionId, pending, new AmiDisconnectedError(pending.action, reason));
    }
  }

  private settle(actionId: string, pending: PendingAction, outcome: ListResult | Error): void {
    clearTimeout(pending.timer);
    this.byId.delete(actionId);
    if (outcome instanceof Error) pending.reject(outcome);
    else pending.resolve(outcome);
  }
}

/**
 * The end of an event list. Asterisk 12+ marks it `EventList: Complete` on the
 * `...Complete` event (manager.c astman_send_list_complete_start); older releases only
 * named the event `QueueStatusComplete` etc., so the name is accepted too.
 */
function isListEnd(message: AmiMessage): boolean {
  const eventList = message.get('EventList');
  if (eventList !== undefined) return eventList.toLowerCase() === 'complete';
  return message.event?.endsWith('Complete') ?? false;
}
