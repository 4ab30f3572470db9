import type { CallEvent } from '@hotline/call-events';
import { callcenterCancel } from '../mapping/freeswitch-event-mapper';
import { nonEmpty, positiveWholeSeconds } from '../protocol/field-values';

/** A CDR record's variables by name (a CSV row by its column, a JSON CDR's `variables`). */
export type CdrVariables = (name: string) => string | undefined;

export type CdrVisitStatus =
  /** Not a queue caller's leg (an agent leg, a call that never ran `callcenter`). */
  | 'not-a-member'
  /** A member leg with neither an answer nor a cancel: mod_callcenter never finished it. */
  | 'no-outcome'
  | 'mapped';

export interface CdrVisit {
  readonly status: CdrVisitStatus;
  /** cc_queue_joined_epoch in ms, for a member leg. */
  readonly joinedAt?: number;
  readonly events: readonly CallEvent[];
}

/**
 * The call events of one caller leg in FreeSWITCH's CDR, from the variables mod_callcenter sets
 * on the member channel "for xml_cdr needs" (mod_callcenter.c `callcenter_function`):
 *   cc_side=member, cc_queue, cc_member_uuid (the queue call: the live mapper's CC-Member-UUID),
 *   cc_queue_joined_epoch; on a bridge cc_agent and cc_queue_answered_epoch, at its end
 *   cc_queue_terminated_epoch; on leaving unanswered cc_queue_canceled_epoch, cc_cause=cancel and
 *   cc_cancel_reason (BREAK_OUT: the caller hung up; TIMEOUT, NO_AGENT_TIMEOUT, EXIT_WITH_KEY).
 * The contact is the caller's channel (the leg's own uuid; CC-Member-Session-UUID live).
 *
 * The same rules as the live mapper (FreeswitchEventMapper): answered when the member was
 * bridged (cc_queue_answered_epoch set) even if a max-wait TIMEOUT was logged as it answered;
 * wait and talk from the whole-second cc_* epochs, talk to cc_queue_terminated_epoch (else the
 * leg's end_epoch); the hang-up side is unknown ('other'). Events are dated at those epochs.
 *
 * mod_callcenter keeps these as channel variables, so a caller who ran `callcenter` twice
 * (moved to a second queue) leaves only the last visit in the CDR.
 */
export function cdrMemberVisit(vars: CdrVariables, lineVariable: string): CdrVisit {
  const callId = nonEmpty(vars('cc_member_uuid'));
  const queue = nonEmpty(vars('cc_queue'));
  if (vars('cc_side') !== 'member' || !callId || !queue)
    return { status: 'not-a-member', events: [] };
  const joined = positiveWholeSeconds(vars('cc_queue_joined_epoch'));
  const contactId = nonEmpty(vars('cc_member_session_uuid')) ?? nonEmpty(vars('uuid'));
  if (joined === undefined || !contactId) return { status: 'not-a-member', events: [] };
  const joinedAt = joined * 1000;
  const line = nonEmpty(vars(lineVariable));
  const callerNumber = nonEmpty(vars('caller_id_number'));
  const callerName = nonEmpty(vars('caller_id_name'));
  const join: CallEvent = {
    type: 'caller-joined-queue',
    at: joinedAt,
    callId,
    contactId,
    queue,
    ...(line !== undefined ? { line } : {}),
    ...(callerNumber !== undefined ? { callerNumber } : {}),
    ...(callerName !== undefined ? { callerName } : {}),
  };
  const answered = positiveWholeSeconds(vars('cc_queue_answered_epoch'));
  const agent = nonEmpty(vars('cc_agent'));
  if (answered !== undefined && agent) {
    const end =
      positiveWholeSeconds(vars('cc_queue_terminated_epoch')) ??
      positiveWholeSeconds(vars('end_epoch')) ??
      answered;
    return {
      status: 'mapped',
      joinedAt,
      events: [
        join,
        {
          type: 'agent-answered',
          at: answered * 1000,
          callId,
          queue,
          agent,
          waitSeconds: Math.max(0, answered - joined),
        },
        {
          type: 'call-ended',
          at: Math.max(end, answered) * 1000,
          callId,
          queue,
          agent,
          talkSeconds: Math.max(0, end - answered),
          reason: 'other',
        },
      ],
    };
  }
  const reason = nonEmpty(vars('cc_cancel_reason'));
  if (vars('cc_cause') !== 'cancel' && reason === undefined)
    return { status: 'no-outcome', joinedAt, events: [] };
  const left =
    positiveWholeSeconds(vars('cc_queue_canceled_epoch')) ??
    positiveWholeSeconds(vars('end_epoch')) ??
    joined;
  const at = Math.max(left, joined) * 1000;
  const waitSeconds = Math.max(0, left - joined);
  return {
    status: 'mapped',
    joinedAt,
    events: [join, callcenterCancel(at, callId, queue, waitSeconds, reason)],
  };
}
