import type { SimContact } from '../model/model-event';
import type { EslHeaders } from './esl-wire';

/** One leg as mod_callcenter's verbose events describe it (switch_channel_event_set_data). */
export interface ChannelLeg {
  readonly uuid: string;
  readonly name: string;
  readonly direction: 'inbound' | 'outbound';
  readonly callerNumber: string;
  readonly callerName: string;
  readonly destination: string;
  /** Microseconds; 0 = not yet. */
  readonly createdUs: number;
  readonly answeredUs: number;
  readonly bridgedUs: number;
  readonly hangupUs: number;
}

export interface ChannelSnapshot {
  readonly leg: ChannelLeg;
  readonly state: 'CS_EXECUTE' | 'CS_EXCHANGE_MEDIA' | 'CS_REPORTING';
  readonly stateNumber: number;
  readonly hungUp: boolean;
  /** Channel-Call-UUID: the leg's own uuid, or its originator's for an agent leg. */
  readonly callUuid: string;
  readonly other?: { readonly type: 'originator' | 'originatee'; readonly leg: ChannelLeg };
  readonly variables: EslHeaders;
}

/** The caller's leg, from the contact (a SIP trunk call into the centre). */
export function callerLeg(
  contact: SimContact,
  uuid: string,
  times: Pick<ChannelLeg, 'bridgedUs' | 'hangupUs'>,
): ChannelLeg {
  const arrivedUs = contact.arrivedAt * 1000;
  return {
    uuid,
    name: `sofia/external/${contact.callerNumber}@198.51.100.20`,
    direction: 'inbound',
    callerNumber: contact.callerNumber,
    callerName: contact.callerNumber,
    destination: contact.line,
    createdUs: arrivedUs,
    answeredUs: arrivedUs,
    ...times,
  };
}

/**
 * The channel block of a verbose mod_callcenter event, in FreeSWITCH 1.10's order (fs-run1:
 * Channel-State … Caller-Privacy-Hide-Number, Other-Type + Other-Leg-*, then variable_*).
 */
export function channelHeaders(snapshot: ChannelSnapshot): [string, string][] {
  const { leg } = snapshot;
  const headers: [string, string][] = [
    ['Channel-State', snapshot.state],
    ['Channel-Call-State', snapshot.hungUp ? 'HANGUP' : 'ACTIVE'],
    ['Channel-State-Number', String(snapshot.stateNumber)],
    ['Channel-Name', leg.name],
    ['Unique-ID', leg.uuid],
    ['Call-Direction', leg.direction],
    ['Presence-Call-Direction', leg.direction],
    ['Channel-HIT-Dialplan', leg.direction === 'inbound' ? 'true' : 'false'],
    ['Channel-Call-UUID', snapshot.callUuid],
    ['Answer-State', snapshot.hungUp ? 'hangup' : 'answered'],
  ];
  if (snapshot.hungUp) headers.push(['Hangup-Cause', 'NORMAL_CLEARING']);
  headers.push(
    ['Channel-Read-Codec-Name', 'PCMA'],
    ['Channel-Read-Codec-Rate', '8000'],
    ['Channel-Read-Codec-Bit-Rate', '64000'],
    ['Channel-Write-Codec-Name', 'PCMA'],
    ['Channel-Write-Codec-Rate', '8000'],
    ['Channel-Write-Codec-Bit-Rate', '64000'],
  );
  headers.push(...profile('Caller', leg, true));
  if (snapshot.other) {
    headers.push(['Other-Type', snapshot.other.type]);
    headers.push(...profile('Other-Leg', snapshot.other.leg, false));
  }
  for (const [name, value] of snapshot.variables) headers.push([`variable_${name}`, value]);
  return headers;
}

function profile(prefix: string, leg: ChannelLeg, own: boolean): [string, string][] {
  const times = (us: number): string => (own ? String(us) : '0');
  return [
    [`${prefix}-Direction`, leg.direction],
    [`${prefix}-Logical-Direction`, leg.direction],
    [`${prefix}-Dialplan`, 'xml'],
    [`${prefix}-Caller-ID-Name`, leg.callerName],
    [`${prefix}-Caller-ID-Number`, leg.callerNumber],
    [`${prefix}-Orig-Caller-ID-Name`, leg.callerName],
    [`${prefix}-Orig-Caller-ID-Number`, leg.callerNumber],
    [`${prefix}-Callee-ID-Name`, 'Outbound Call'],
    [`${prefix}-Callee-ID-Number`, leg.destination],
    [`${prefix}-ANI`, leg.callerNumber],
    [`${prefix}-Destination-Number`, leg.destination],
    [`${prefix}-Unique-ID`, leg.uuid],
    [`${prefix}-Source`, leg.direction === 'inbound' ? 'mod_sofia' : 'src/switch_ivr_originate.c'],
    [`${prefix}-Context`, leg.direction === 'inbound' ? 'public' : 'default'],
    [`${prefix}-Channel-Name`, leg.name],
    ...(own ? ([[`${prefix}-Profile-Index`, '1']] as [string, string][]) : []),
    [`${prefix}-Profile-Created-Time`, times(leg.createdUs)],
    [`${prefix}-Channel-Created-Time`, times(leg.createdUs)],
    [`${prefix}-Channel-Answered-Time`, times(leg.answeredUs)],
    [`${prefix}-Channel-Progress-Time`, '0'],
    [`${prefix}-Channel-Progress-Media-Time`, times(leg.answeredUs)],
    [`${prefix}-Channel-Hangup-Time`, times(leg.hangupUs)],
    [`${prefix}-Channel-Transfer-Time`, '0'],
    [`${prefix}-Channel-Resurrect-Time`, '0'],
    [`${prefix}-Channel-Bridged-Time`, times(leg.bridgedUs)],
    [`${prefix}-Channel-Last-Hold`, '0'],
    [`${prefix}-Channel-Hold-Accum`, '0'],
    [`${prefix}-Screen-Bit`, 'true'],
    [`${prefix}-Privacy-Hide-Name`, 'false'],
    [`${prefix}-Privacy-Hide-Number`, 'false'],
  ];
}
