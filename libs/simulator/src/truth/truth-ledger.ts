import type { ModelEvent, SimVisit } from '../model/model-event';
import {
  DEFAULT_THRESHOLDS,
  summarizeCalls,
  type KpiThresholds,
  type TruthSummary,
} from './summarize-calls';
import type { TruthCall } from './truth-call';

type MutableTruthCall = { -readonly [K in keyof TruthCall]: TruthCall[K] };

/** Collects the ground truth of every finished queue call from the model's event stream. */
export class TruthLedger {
  private readonly records: MutableTruthCall[] = [];
  private readonly byVisit = new Map<SimVisit, MutableTruthCall>();
  private readonly listeners: ((call: TruthCall) => void)[] = [];

  /** Called with each queue call as it finishes (the survey may be patched in later). */
  onCall(listener: (call: TruthCall) => void): void {
    this.listeners.push(listener);
  }

  record(event: ModelEvent): void {
    switch (event.type) {
      case 'callerRefused':
        this.add(event.visit, {
          outcome: 'blocked',
          reason: event.status,
          endedAt: event.at,
          waitSeconds: 0,
        });
        return;
      case 'callerLeft':
        this.add(event.visit, {
          outcome: event.outcome,
          reason: event.status,
          endedAt: event.at,
          waitSeconds: event.holdTime,
        });
        return;
      case 'agentCompleted':
        this.add(event.visit, {
          outcome: 'answered',
          reason: event.reason,
          agent: event.agent.name,
          answeredAt: event.visit.answeredAt,
          endedAt: event.at,
          waitSeconds: event.holdTime,
          talkSeconds: event.talkTime,
        });
        return;
      case 'survey': {
        const call = this.byVisit.get(event.visit);
        if (call) call.survey = event.score;
        return;
      }
      case 'memberAdded':
      case 'memberRemoved':
      case 'memberPaused':
      case 'callerArrived':
      case 'callerJoined':
      case 'agentCalled':
      case 'ringNoAnswer':
      case 'ringCanceled':
      case 'agentConnected':
      case 'blindTransfer':
      case 'callerHungUp':
        return;
    }
  }

  private add(
    visit: SimVisit,
    end: Pick<MutableTruthCall, 'outcome' | 'reason' | 'endedAt' | 'waitSeconds'> &
      Partial<MutableTruthCall>,
  ): void {
    const contact = visit.contact;
    const call: MutableTruthCall = {
      uniqueid: contact.uniqueid,
      linkedid: contact.linkedid,
      queue: visit.queue,
      line: contact.line,
      visit: visit.index,
      callerNumber: contact.callerNumber,
      joinedAt: visit.joinedAt,
      ...end,
    };
    this.records.push(call);
    this.byVisit.set(visit, call);
    for (const listener of this.listeners) listener(call);
  }

  /** Finished queue calls, in the order they finished. */
  calls(): readonly TruthCall[] {
    return this.records;
  }

  summary(thresholds: KpiThresholds = DEFAULT_THRESHOLDS): TruthSummary {
    return summarizeCalls(this.records, thresholds);
  }
}
