import type { ModelEvent, SimAgent, SimContact, SimVisit } from '../model/model-event';
import {
  callerLeg,
  channelHeaders,
  type ChannelLeg,
  type ChannelSnapshot,
} from './callcenter-channel-headers';
import { eslAgentName, eslQueueName, type EslIdentities } from './esl-identities';
import type { EslEventFrame, EslHeaders } from './esl-wire';

export const CALLCENTER_SUBCLASS = 'callcenter::info';

/** A row of mod_callcenter's `members` table (what `queue list members` prints). */
export interface CallcenterMemberRow {
  readonly queue: string;
  readonly uuid: string;
  readonly sessionUuid: string;
  readonly cidNumber: string;
  readonly cidName: string;
  readonly systemEpoch: number;
  readonly joinedEpoch: number;
  state: 'Waiting' | 'Trying' | 'Answered';
  servingAgent: string;
  bridgeEpoch: number;
}

/** A row of mod_callcenter's `agents` table (what `agent list` prints). */
export interface CallcenterAgentRow {
  readonly name: string;
  status: 'Logged Out' | 'Available' | 'On Break';
  state: 'Waiting' | 'Receiving' | 'In a queue call';
  lastBridgeStart: number;
  lastBridgeEnd: number;
  lastOfferedCall: number;
  lastStatusChange: number;
  noAnswerCount: number;
  callsAnswered: number;
  talkTime: number;
}

interface RingAttempt {
  readonly agent: SimAgent;
  readonly agentUuid: string;
  readonly calledEpoch: number;
  answeredEpoch?: number;
  answeredUs?: number;
}

export interface CallcenterRendererOptions {
  /** Minutes east of UTC for Event-Date-Local (FreeSWITCH prints the box's local time). Default 480 (Asia/Shanghai). */
  readonly utcOffsetMinutes?: number;
  /** Channel variable holding the line (热线). Default `hotline`. */
  readonly lineVariable?: string;
}

/** Event-Calling-Function / -Line-Number of each mod_callcenter event in FreeSWITCH 1.10.12 (fs-run1). */
const ORIGIN = {
  'agent-status-change': ['cc_agent_update', '1043'],
  'agent-state-change': ['cc_agent_update', '1067'],
  'member-queue-start': ['callcenter_function', '3113'],
  'members-count': ['cc_queue_count', '878'],
  'agent-offering': ['outbound_agent_thread_run', '1717'],
  'bridge-agent-start': ['outbound_agent_thread_run', '1934'],
  'bridge-agent-end': ['outbound_agent_thread_run', '2062'],
  'member-queue-end/Terminated': ['outbound_agent_thread_run', '2098'],
  'member-queue-end/Cancel': ['callcenter_function', '3274'],
  'bridge-agent-fail': ['outbound_agent_thread_run', '2200'],
} as const;

type Origin = keyof typeof ORIGIN;

/** mod_callcenter.c cc_member_cancel_reason for each way the model lets a caller leave. */
export const CANCEL_REASON = {
  ABANDON: 'BREAK_OUT',
  TIMEOUT: 'TIMEOUT',
  LEAVEEMPTY: 'NO_AGENT_TIMEOUT',
  KEY: 'EXIT_WITH_KEY',
} as const;

/** A cancelled ring is always followed by its caller's leaving; this bounds the wait anyway. */
const MAX_DEFERRED = 64;

const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * Renders the traffic model's events as FreeSWITCH 1.10 mod_callcenter would report them on the
 * Event Socket (`CUSTOM callcenter::info`, verbose-channel-events=true), header by header in the
 * order of the fs-run1 capture, and keeps the callcenter tables (members, agents) the `api
 * callcenter_config … list` commands print.
 *
 * What mod_callcenter does differently from app_queue, and so this renderer too:
 *  - no refusal: a caller the model refuses (FULL / JOINEMPTY) produces no callcenter event —
 *    mod_callcenter has no maxlen or joinempty; the caller's next queue is a new member;
 *  - every visit of a caller to a queue is a new member (CC-Member-UUID) of the same channel
 *    (CC-Member-Session-UUID), so overflow and transfer keep the contact;
 *  - ends are `member-queue-end` CC-Cause=Cancel with CC-Cancel-Reason BREAK_OUT (caller hung
 *    up), TIMEOUT (max-wait-time), NO_AGENT_TIMEOUT (no agent; the model's leave-when-empty),
 *    EXIT_WITH_KEY; or Terminated after `bridge-agent-end` when a talk ends;
 *  - a ring the caller's leaving cancels is reported after the member's end (fs-run1 seq
 *    7220–7248: member-queue-end BREAK_OUT, members-count, bridge-agent-fail ORIGINATOR_CANCEL);
 *  - agents: status (Available / On Break / Logged Out — no pause reason) and state (Waiting /
 *    Receiving / In a queue call); wrap-up is mod_callcenter's ready_time, the state is Waiting.
 * The model never answers and times out in the same instant, so the TIMEOUT-while-answering
 * quirk of fs-run1 is not produced. Surveys have no mod_callcenter event and are not rendered.
 */
export class CallcenterEventRenderer {
  private readonly members = new Map<SimVisit, CallcenterMemberRow>();
  private readonly agents = new Map<string, CallcenterAgentRow>();
  private readonly rings = new Map<SimVisit, RingAttempt>();
  private readonly counts = new Map<string, number>();
  private readonly sessionIds = new Map<SimContact, number>();
  private readonly transferred = new Set<SimVisit>();
  private pendingFail: { visit: SimVisit; agent: SimAgent; at: number } | undefined;
  private deferred: ModelEvent[] = [];
  private frames: EslEventFrame[] = [];
  private sequence = 400;
  private sessionSeq = 0;
  private lastUs = 0;
  private currentUs = 0;
  private readonly offsetMs: number;
  private readonly lineVariable: string;

  constructor(
    private readonly ids: EslIdentities,
    options: CallcenterRendererOptions = {},
  ) {
    this.offsetMs = (options.utcOffsetMinutes ?? 480) * 60_000;
    this.lineVariable = options.lineVariable ?? 'hotline';
  }

  render(event: ModelEvent): EslEventFrame[] {
    this.frames = [];
    const pending = this.pendingFail;
    if (pending && !(event.type === 'callerLeft' && event.visit === pending.visit)) {
      // Between a cancelled ring and the caller's leaving, the model frees the agent (who may
      // log out, pause or be offered the next caller): FreeSWITCH reports those after the
      // member's end and the bridge-agent-fail, so they wait for the callerLeft.
      this.deferred.push(event);
      if (this.deferred.length < MAX_DEFERRED) return [];
      this.flushFail();
      this.renderDeferred();
      return this.frames;
    }
    this.renderOne(event);
    if (pending && !this.pendingFail) this.renderDeferred();
    return this.frames;
  }

  private renderDeferred(): void {
    const deferred = this.deferred;
    this.deferred = [];
    for (const later of deferred) this.renderOne(later);
  }

  private renderOne(event: ModelEvent): void {
    this.currentUs = event.at * 1000;
    switch (event.type) {
      case 'memberAdded':
        this.agentStatus(event.agent, 'Available', event.at);
        break;
      case 'memberRemoved':
        this.agentStatus(event.agent, 'Logged Out', event.at);
        break;
      case 'memberPaused':
        this.agentStatus(event.agent, event.paused ? 'On Break' : 'Available', event.at);
        break;
      case 'callerJoined':
        this.joined(event.visit);
        break;
      case 'agentCalled':
        this.offering(event.visit, event.agent, event.at);
        break;
      case 'ringNoAnswer':
        this.bridgeFail(event.visit, event.agent, event.at, 'NO_ANSWER');
        break;
      case 'ringCanceled':
        // Reported after the member's own end (fs-run1), see callerLeft.
        this.pendingFail = { visit: event.visit, agent: event.agent, at: event.at };
        break;
      case 'agentConnected':
        this.bridgeStart(event.visit, event.agent, event.at);
        break;
      case 'blindTransfer':
        // The agent transfers the caller out of the bridge: the member's talk ends now and the
        // caller re-enters mod_callcenter as a new member of the target queue.
        this.bridgeEnd(event.visit, event.agent, event.at, false);
        this.transferred.add(event.visit);
        break;
      case 'agentCompleted':
        if (this.transferred.delete(event.visit)) break;
        this.bridgeEnd(event.visit, event.agent, event.at, event.reason === 'caller');
        break;
      case 'callerLeft':
        this.left(event);
        break;
      case 'callerArrived':
      case 'callerRefused':
      case 'callerHungUp':
      case 'survey':
        break;
    }
  }

  /** The `members` table now (Waiting, Trying and Answered members), in join order. */
  memberRows(): readonly CallcenterMemberRow[] {
    return [...this.members.values()];
  }

  /** The `agents` rows known so far, keyed by mod_callcenter agent name. */
  agentRow(name: string): CallcenterAgentRow | undefined {
    return this.agents.get(name);
  }

  /** Next Event-Sequence (HEARTBEAT and other core events share the counter). */
  nextSequence(): number {
    return ++this.sequence;
  }

  /** Headers every FreeSWITCH event starts with, for `at` (simulated epoch µs). */
  coreHeaders(name: string, subclass: string | undefined, us: number): [string, string][] {
    const date = new Date(Math.floor(us / 1000));
    const local = new Date(date.getTime() + this.offsetMs).toISOString();
    return [
      ...(subclass !== undefined ? ([['Event-Subclass', subclass]] as [string, string][]) : []),
      ['Event-Name', name],
      ['Core-UUID', this.ids.coreUuid],
      ['FreeSWITCH-Hostname', 'hotline-sim'],
      ['FreeSWITCH-Switchname', 'hotline-sim'],
      ['FreeSWITCH-IPv4', '192.0.2.2'],
      ['FreeSWITCH-IPv6', '::1'],
      ['Event-Date-Local', `${local.slice(0, 10)} ${local.slice(11, 19)}`],
      ['Event-Date-GMT', date.toUTCString()],
      ['Event-Date-Timestamp', String(us)],
    ];
  }

  // ------------------------------------------------------------------ helpers

  /**
   * µs stamps: the model clock is whole ms; events of one burst get increasing µs within that
   * millisecond (never into the next second: CC-* whole seconds must agree with the µs clock).
   */
  private stamp(): number {
    const floor = Math.floor(this.currentUs / 1_000_000) * 1_000_000 + 999_999;
    const us = Math.min(Math.max(this.currentUs, this.lastUs + 1), floor);
    this.lastUs = Math.max(this.lastUs, us);
    return us;
  }

  private emit(origin: Origin, body: EslHeaders, at: number): void {
    const us = this.stamp();
    const [fn, line] = ORIGIN[origin];
    const headers: [string, string][] = [
      ...this.coreHeaders('CUSTOM', CALLCENTER_SUBCLASS, us),
      ['Event-Calling-File', 'mod_callcenter.c'],
      ['Event-Calling-Function', fn],
      ['Event-Calling-Line-Number', line],
      ['Event-Sequence', String(this.nextSequence())],
    ];
    for (const header of body) headers.push([header[0], header[1]]);
    this.frames.push({ at, name: 'CUSTOM', subclass: CALLCENTER_SUBCLASS, headers });
  }

  /**
   * A mod_callcenter event about a member: the channel it rides on (agent-offering has none),
   * the queue, the action (the origin up to its `/`), the event's own headers, then the
   * member's ids.
   */
  private emitMemberEvent(
    origin: Origin,
    channel: ChannelSnapshot | undefined,
    row: CallcenterMemberRow,
    headers: EslHeaders,
    at: number,
  ): void {
    const body: EslHeaders = [
      ...(channel ? channelHeaders(channel) : []),
      ['CC-Queue', row.queue],
      ['CC-Action', origin.split('/')[0]],
      ...headers,
      ...this.memberIds(row),
    ];
    this.emit(origin, body, at);
  }

  private agentRowOf(agent: SimAgent): CallcenterAgentRow {
    const name = eslAgentName(agent.name);
    let row = this.agents.get(name);
    if (!row) {
      row = {
        name,
        status: 'Logged Out',
        state: 'Waiting',
        lastBridgeStart: 0,
        lastBridgeEnd: 0,
        lastOfferedCall: 0,
        lastStatusChange: 0,
        noAnswerCount: 0,
        callsAnswered: 0,
        talkTime: 0,
      };
      this.agents.set(name, row);
    }
    return row;
  }

  private agentStatus(agent: SimAgent, status: CallcenterAgentRow['status'], at: number): void {
    const row = this.agentRowOf(agent);
    row.status = status;
    row.lastStatusChange = seconds(at);
    this.emit(
      'agent-status-change',
      [
        ['CC-Agent', row.name],
        ['CC-Action', 'agent-status-change'],
        ['CC-Agent-Status', status],
      ],
      at,
    );
  }

  private agentState(agent: SimAgent, state: CallcenterAgentRow['state'], at: number): void {
    const row = this.agentRowOf(agent);
    row.state = state;
    this.emit(
      'agent-state-change',
      [
        ['CC-Agent', row.name],
        ['CC-Action', 'agent-state-change'],
        ['CC-Agent-State', state],
      ],
      at,
    );
  }

  private membersCount(queue: string, delta: number, at: number): void {
    const count = Math.max(0, (this.counts.get(queue) ?? 0) + delta);
    this.counts.set(queue, count);
    this.emit(
      'members-count',
      [
        ['CC-Queue', queue],
        ['CC-Action', 'members-count'],
        ['CC-Count', String(count)],
        ['CC-Selection', 'Single-Queue'],
      ],
      at,
    );
  }

  private memberIds(row: CallcenterMemberRow): [string, string][] {
    return [
      ['CC-Member-UUID', row.uuid],
      ['CC-Member-Session-UUID', row.sessionUuid],
      ['CC-Member-CID-Name', row.cidName],
      ['CC-Member-CID-Number', row.cidNumber],
    ];
  }

  private sessionId(contact: SimContact): number {
    let id = this.sessionIds.get(contact);
    if (id === undefined) {
      id = ++this.sessionSeq;
      this.sessionIds.set(contact, id);
    }
    return id;
  }

  private memberLeg(row: CallcenterMemberRow, visit: SimVisit, hangupUs = 0): ChannelLeg {
    return callerLeg(visit.contact, row.sessionUuid, {
      bridgedUs: row.bridgeEpoch > 0 ? (visit.answeredAt ?? 0) * 1000 : 0,
      hangupUs,
    });
  }

  private agentLeg(visit: SimVisit, ring: RingAttempt, hangupUs = 0): ChannelLeg {
    const number = ring.agent.name.replace(/^agent/, '');
    return {
      uuid: ring.agentUuid,
      name: `sofia/internal/${number}@192.0.2.30`,
      direction: 'outbound',
      callerNumber: visit.contact.callerNumber,
      callerName: visit.contact.callerNumber,
      destination: number,
      createdUs: ring.calledEpoch * 1_000_000,
      answeredUs: ring.answeredUs ?? 0,
      bridgedUs: ring.answeredUs ?? 0,
      hangupUs,
    };
  }

  /**
   * The caller's channel while it runs `callcenter <queue>`: executing, or hung up at
   * `hangupAt` (ms; still CS_EXECUTE, with state number 10).
   */
  private memberChannel(
    row: CallcenterMemberRow,
    visit: SimVisit,
    hangupAt?: number,
  ): ChannelSnapshot {
    const hungUp = hangupAt !== undefined;
    return {
      leg: this.memberLeg(row, visit, hungUp ? hangupAt * 1000 : 0),
      state: 'CS_EXECUTE',
      stateNumber: hungUp ? 10 : 4,
      hungUp,
      callUuid: row.sessionUuid,
      variables: this.memberVariables(row, visit),
    };
  }

  /** Variables of the caller's channel while it runs `callcenter <queue>`. */
  private memberVariables(row: CallcenterMemberRow, visit: SimVisit): [string, string][] {
    const contact = visit.contact;
    return [
      ['direction', 'inbound'],
      ['uuid', row.sessionUuid],
      ['session_id', String(this.sessionId(contact))],
      ['channel_name', `sofia/external/${contact.callerNumber}@198.51.100.20`],
      ['read_codec', 'PCMA'],
      ['read_rate', '8000'],
      ['write_codec', 'PCMA'],
      ['write_rate', '8000'],
      ['call_uuid', row.sessionUuid],
      [this.lineVariable, contact.line],
      ['export_vars', this.lineVariable],
      ['cc_export_vars', this.lineVariable],
      ['hangup_after_bridge', 'true'],
      ['current_application_data', row.queue],
      ['current_application', 'callcenter'],
      ['endpoint_disposition', 'ANSWER'],
      ['cc_side', 'member'],
      ['cc_member_uuid', row.uuid],
      ['cc_queue_joined_epoch', String(row.joinedEpoch)],
      ['cc_queue', row.queue],
    ];
  }

  private agentVariables(
    row: CallcenterMemberRow,
    visit: SimVisit,
    ring: RingAttempt,
  ): [string, string][] {
    return [
      ['direction', 'outbound'],
      ['is_outbound', 'true'],
      ['uuid', ring.agentUuid],
      ['read_codec', 'PCMA'],
      ['read_rate', '8000'],
      ['write_codec', 'PCMA'],
      ['write_rate', '8000'],
      ['channel_name', `sofia/internal/${ring.agent.name.replace(/^agent/, '')}@192.0.2.30`],
      ['originator', row.sessionUuid],
      ['member_leg', row.sessionUuid],
      ['agent_id', ring.agent.name.replace(/^agent/, '')],
      ['ignore_early_media', 'true'],
      ['endpoint_disposition', 'ANSWER'],
      ['call_uuid', ring.agentUuid],
      ['bridge_to', row.sessionUuid],
      ['cc_side', 'agent'],
      ['cc_queue', row.queue],
      ['cc_agent', eslAgentName(ring.agent.name)],
      ['cc_agent_type', 'callback'],
      ['cc_member_uuid', row.uuid],
      ['cc_member_session_uuid', row.sessionUuid],
      ['cc_export_vars', this.lineVariable],
      [this.lineVariable, visit.contact.line],
    ];
  }

  // ------------------------------------------------------------------ caller

  private joined(visit: SimVisit): void {
    const row = this.waitingMember(visit);
    this.members.set(visit, row);
    const channel = this.memberChannel(row, visit);
    this.emitMemberEvent('member-queue-start', channel, row, [], visit.joinedAt);
    this.membersCount(row.queue, +1, visit.joinedAt);
  }

  private left(event: Extract<ModelEvent, { type: 'callerLeft' }>): void {
    const { visit } = event;
    const row = this.members.get(visit);
    if (!row) return;
    this.members.delete(visit);
    const hungUp = event.status === 'ABANDON';
    const channel = this.memberChannel(row, visit, hungUp ? event.at : undefined);
    this.emitMemberEvent(
      'member-queue-end/Cancel',
      channel,
      row,
      [
        ['CC-Member-Leaving-Time', String(seconds(event.at))],
        ['CC-Member-Joined-Time', String(row.joinedEpoch)],
        ['CC-Cause', 'Cancel'],
        ['CC-Cancel-Reason', CANCEL_REASON[event.status]],
      ],
      event.at,
    );
    this.membersCount(row.queue, row.state === 'Answered' ? 0 : -1, event.at);
    if (this.pendingFail?.visit === visit) this.flushFail();
  }

  // ------------------------------------------------------------------ agents

  private offering(visit: SimVisit, agent: SimAgent, at: number): void {
    const row = this.members.get(visit);
    if (!row) return;
    row.state = 'Trying';
    row.servingAgent = eslAgentName(agent.name);
    const agentRow = this.agentRowOf(agent);
    agentRow.lastOfferedCall = seconds(at);
    this.rings.set(visit, {
      agent,
      agentUuid: this.ids.agentLegUuid(visit.agentUniqueid ?? `${visit.contact.uniqueid}/${at}`),
      calledEpoch: seconds(at),
    });
    this.agentState(agent, 'Receiving', at);
    this.emitMemberEvent(
      'agent-offering',
      undefined,
      row,
      [
        ['CC-Agent', agentRow.name],
        ['CC-Agent-Type', 'callback'],
        ['CC-Agent-System', 'single_box'],
      ],
      at,
    );
  }

  private flushFail(): void {
    const pending = this.pendingFail;
    this.pendingFail = undefined;
    if (pending) this.bridgeFail(pending.visit, pending.agent, pending.at, 'ORIGINATOR_CANCEL');
  }

  private bridgeFail(
    visit: SimVisit,
    agent: SimAgent,
    at: number,
    cause: 'NO_ANSWER' | 'ORIGINATOR_CANCEL',
  ): void {
    const ring = this.rings.get(visit);
    this.rings.delete(visit);
    const row = this.members.get(visit);
    if (row) {
      row.state = 'Waiting';
      row.servingAgent = '';
    }
    const member = row ?? this.waitingMember(visit);
    const agentRow = this.agentRowOf(agent);
    if (cause === 'NO_ANSWER') agentRow.noAnswerCount++;
    this.emit(
      'bridge-agent-fail',
      [
        ['CC-Queue', member.queue],
        ['CC-Action', 'bridge-agent-fail'],
        ['CC-Hangup-Cause', cause],
        ['CC-Agent', agentRow.name],
        ['CC-Agent-System', 'single_box'],
        ['CC-Agent-Called-Time', String(ring?.calledEpoch ?? seconds(at))],
        ['CC-Agent-Aborted-Time', String(seconds(at))],
        ...this.memberIds(member),
        ['CC-Member-Joined-Time', String(member.joinedEpoch)],
      ],
      at,
    );
    this.agentState(agent, 'Waiting', at);
  }

  /**
   * The member row as it stands from the join until an agent answers; also rebuilt for an
   * event after the member left (a cancelled ring).
   */
  private waitingMember(visit: SimVisit): CallcenterMemberRow {
    const contact = visit.contact;
    return {
      queue: eslQueueName(visit.queue),
      uuid: this.ids.memberUuid(contact.uniqueid, visit.index),
      sessionUuid: this.ids.sessionUuid(contact.linkedid),
      cidNumber: contact.callerNumber,
      cidName: contact.callerNumber,
      systemEpoch: seconds(visit.joinedAt),
      joinedEpoch: seconds(visit.joinedAt),
      state: 'Waiting',
      servingAgent: '',
      bridgeEpoch: 0,
    };
  }

  private bridgeStart(visit: SimVisit, agent: SimAgent, at: number): void {
    const row = this.members.get(visit);
    const ring = this.rings.get(visit);
    if (!row || !ring) return;
    ring.answeredEpoch = seconds(at);
    ring.answeredUs = at * 1000;
    row.state = 'Answered';
    row.servingAgent = eslAgentName(agent.name);
    row.bridgeEpoch = seconds(at);
    const agentRow = this.agentRowOf(agent);
    agentRow.lastBridgeStart = seconds(at);
    const channel: ChannelSnapshot = {
      leg: this.agentLeg(visit, ring),
      state: 'CS_EXCHANGE_MEDIA',
      stateNumber: 5,
      hungUp: false,
      callUuid: ring.agentUuid,
      other: { type: 'originator', leg: this.memberLeg(row, visit) },
      variables: this.agentVariables(row, visit, ring),
    };
    this.emitMemberEvent(
      'bridge-agent-start',
      channel,
      row,
      [
        ...bridgedAgentIds(agentRow, ring),
        ['CC-Agent-Called-Time', String(ring.calledEpoch)],
        ['CC-Agent-Answered-Time', String(ring.answeredEpoch)],
        ['CC-Member-Joined-Time', String(row.joinedEpoch)],
      ],
      at,
    );
    this.agentState(agent, 'In a queue call', at);
    this.membersCount(row.queue, -1, at);
  }

  private bridgeEnd(visit: SimVisit, agent: SimAgent, at: number, callerHungUp: boolean): void {
    const row = this.members.get(visit);
    const ring = this.rings.get(visit);
    if (!row || !ring) return;
    this.members.delete(visit);
    this.rings.delete(visit);
    const agentRow = this.agentRowOf(agent);
    const answered = ring.answeredEpoch ?? row.bridgeEpoch;
    agentRow.lastBridgeEnd = seconds(at);
    agentRow.callsAnswered++;
    agentRow.talkTime += seconds(at) - answered;
    const endUs = at * 1000;
    const agentChannel: ChannelSnapshot = {
      leg: this.agentLeg(visit, ring, 0),
      state: 'CS_EXCHANGE_MEDIA',
      stateNumber: 10,
      hungUp: true,
      callUuid: ring.agentUuid,
      other: { type: 'originator', leg: this.memberLeg(row, visit) },
      variables: [
        ...this.agentVariables(row, visit, ring),
        ['cc_agent_bridged', 'true'],
        ['last_bridge_hangup_cause', 'NORMAL_CLEARING'],
      ],
    };
    this.emitMemberEvent(
      'bridge-agent-end',
      agentChannel,
      row,
      [
        ['CC-Hangup-Cause', 'SUCCESS'],
        ...bridgedAgentIds(agentRow, ring),
        ['CC-Agent-Bridged', 'true'],
        ['CC-Agent-Called-Time', String(ring.calledEpoch)],
        ['CC-Agent-Answered-Time', String(answered)],
        ['CC-Member-Joined-Time', String(row.joinedEpoch)],
        ['CC-Bridge-Terminated-Time', String(seconds(at))],
      ],
      at,
    );
    const memberChannel: ChannelSnapshot = {
      leg: this.memberLeg(row, visit, callerHungUp ? endUs : 0),
      state: callerHungUp ? 'CS_REPORTING' : 'CS_EXECUTE',
      stateNumber: callerHungUp ? 12 : 4,
      hungUp: callerHungUp,
      callUuid: row.sessionUuid,
      other: { type: 'originatee', leg: this.agentLeg(visit, ring) },
      variables: [
        ...this.memberVariables(row, visit),
        ['cc_agent_uuid', ring.agentUuid],
        ['cc_agent_bridged', 'true'],
        ['cc_agent', agentRow.name],
        ['cc_queue_answered_epoch', String(answered)],
        ['cc_cause', 'answered'],
        ['cc_queue_terminated_epoch', String(seconds(at))],
      ],
    };
    this.emitMemberEvent(
      'member-queue-end/Terminated',
      memberChannel,
      row,
      [
        ['CC-Hangup-Cause', 'SUCCESS'],
        ['CC-Cause', 'Terminated'],
        ...bridgedAgentIds(agentRow, ring),
        ['CC-Agent-Called-Time', String(ring.calledEpoch)],
        ['CC-Agent-Answered-Time', String(answered)],
        ['CC-Member-Leaving-Time', String(seconds(at))],
        ['CC-Member-Joined-Time', String(row.joinedEpoch)],
      ],
      at,
    );
    this.agentState(agent, 'Waiting', at);
  }
}

/** The agent a member is bridged to, as the bridge and member-end events name it. */
function bridgedAgentIds(agentRow: CallcenterAgentRow, ring: RingAttempt): [string, string][] {
  return [
    ['CC-Agent', agentRow.name],
    ['CC-Agent-System', 'single_box'],
    ['CC-Agent-UUID', ring.agentUuid],
  ];
}
