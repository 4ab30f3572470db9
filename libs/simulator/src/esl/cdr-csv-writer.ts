import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ModelEvent, SimContact } from '../model/model-event';
import { CANCEL_REASON } from './callcenter-event-renderer';
import { eslAgentName, eslQueueName, type EslIdentities } from './esl-identities';

/**
 * The cdr_csv.conf.xml template the simulated FreeSWITCH writes with (mod_cdr_csv writes no
 * header line): give it as `history.freeswitchCdr.csvTemplate`.
 */
export const SIMULATED_CDR_CSV_TEMPLATE = [
  'uuid',
  'channel_name',
  'direction',
  'caller_id_number',
  'destination_number',
  'start_epoch',
  'answer_epoch',
  'end_epoch',
  'hangup_cause',
  'cc_side',
  'cc_queue',
  'cc_member_uuid',
  'cc_member_session_uuid',
  'cc_agent',
  'cc_queue_joined_epoch',
  'cc_queue_answered_epoch',
  'cc_queue_terminated_epoch',
  'cc_queue_canceled_epoch',
  'cc_cause',
  'cc_cancel_reason',
  'hotline',
]
  .map((name) => `"\${${name}}"`)
  .join(',');

/** mod_callcenter's cc_* variables of the caller channel's last `callcenter` visit. */
interface LastVisit {
  queue: string;
  memberUuid: string;
  joinedEpoch: number;
  agent?: string;
  answeredEpoch?: number;
  terminatedEpoch?: number;
  canceledEpoch?: number;
  cause?: 'answered' | 'cancel';
  cancelReason?: string;
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * Writes the caller legs FreeSWITCH's mod_cdr_csv would write for the simulated traffic, with
 * SIMULATED_CDR_CSV_TEMPLATE's columns: one row per caller channel, appended when the caller
 * hangs up (mod_cdr_csv writes at the channel's hang-up). mod_callcenter keeps its cc_*
 * variables on the caller channel, so a caller moved to another queue leaves only its last
 * visit, as on a real FreeSWITCH. A caller the model refused before any queue (mod_callcenter
 * refuses no one) runs no `callcenter`: no cc_* variables, and no row here. Agent legs are
 * not written (the monitor reads only the member legs).
 */
export class CdrCsvWriter {
  private readonly visits = new Map<SimContact, LastVisit>();

  constructor(
    private readonly path: string,
    private readonly ids: EslIdentities,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
  }

  record(event: ModelEvent): void {
    switch (event.type) {
      case 'callerJoined': {
        const { visit } = event;
        this.visits.set(visit.contact, {
          queue: eslQueueName(visit.queue),
          memberUuid: this.ids.memberUuid(visit.contact.uniqueid, visit.index),
          joinedEpoch: seconds(visit.joinedAt),
        });
        return;
      }
      case 'agentConnected': {
        const last = this.visits.get(event.visit.contact);
        if (!last) return;
        last.agent = eslAgentName(event.agent.name);
        last.answeredEpoch = seconds(event.at);
        return;
      }
      case 'agentCompleted': {
        const last = this.visits.get(event.visit.contact);
        if (!last) return;
        last.terminatedEpoch = seconds(event.at);
        last.cause = 'answered';
        return;
      }
      case 'callerLeft': {
        const last = this.visits.get(event.visit.contact);
        if (!last) return;
        last.canceledEpoch = seconds(event.at);
        last.cause = 'cancel';
        last.cancelReason = CANCEL_REASON[event.status];
        return;
      }
      case 'callerHungUp': {
        const last = this.visits.get(event.contact);
        this.visits.delete(event.contact);
        if (last) this.write(event.contact, last, event.at);
        return;
      }
      case 'memberAdded':
      case 'memberRemoved':
      case 'memberPaused':
      case 'callerArrived':
      case 'callerRefused':
      case 'agentCalled':
      case 'ringNoAnswer':
      case 'ringCanceled':
      case 'blindTransfer':
      case 'survey':
        // Not on the caller channel's cc_* variables (a refused caller ran no `callcenter`).
        return;
    }
  }

  private write(contact: SimContact, visit: LastVisit, hungUpAt: number): void {
    const session = this.ids.sessionUuid(contact.linkedid);
    const cells: Record<string, string | number | undefined> = {
      uuid: session,
      channel_name: `sofia/external/${contact.callerNumber}@198.51.100.20`,
      direction: 'inbound',
      caller_id_number: contact.callerNumber,
      destination_number: contact.line,
      start_epoch: seconds(contact.arrivedAt),
      answer_epoch: seconds(contact.arrivedAt),
      end_epoch: seconds(hungUpAt),
      hangup_cause: 'NORMAL_CLEARING',
      cc_side: 'member',
      cc_queue: visit.queue,
      cc_member_uuid: visit.memberUuid,
      cc_member_session_uuid: session,
      cc_agent: visit.agent,
      cc_queue_joined_epoch: visit.joinedEpoch,
      cc_queue_answered_epoch: visit.answeredEpoch,
      cc_queue_terminated_epoch: visit.terminatedEpoch,
      cc_queue_canceled_epoch: visit.canceledEpoch,
      cc_cause: visit.cause,
      cc_cancel_reason: visit.cancelReason,
      hotline: contact.line,
    };
    const row = SIMULATED_CDR_CSV_TEMPLATE.split(',').map((column) => {
      const name = column.slice(3, -2);
      return `"${String(cells[name] ?? '').replace(/"/g, '""')}"`;
    });
    appendFileSync(this.path, `${row.join(',')}\n`);
  }
}
