import type {
  AgentPresence,
  CallEndReason,
  CallEvent,
  ExitReason,
  PbxInFlightView,
  RefusalReason,
  TalkingCaller,
  WaitingCaller,
} from '@hotline/call-events';
import { pbxSecondsBetween } from '@hotline/kpi';
import type { AmiMessage } from '../protocol/ami-message';
import { AgentPresenceTracker, type MembershipReport } from './agent-presence-tracker';
import { AMI_MAPPED_EVENTS } from './ami-event-filters';
import { amiEventTime } from './ami-event-time';
import { type AmiMappingOptions, resolveAmiMappingOptions } from './ami-mapping-options';
import type { LedgerVisit } from './ledger-visit';
import { MessageFingerprints } from './message-fingerprints';
import type { QueueVisit } from './queue-visit';
import { QueueVisitRegistry } from './queue-visit-registry';

/** QUEUESTATUS values app_queue sets when Queue() returns without an answer (app_queue.c). */
const EXIT_REASONS: Readonly<Record<string, ExitReason>> = {
  TIMEOUT: 'timeout',
  LEAVEEMPTY: 'leave-empty',
  WITHDRAW: 'withdraw',
};

/** QUEUESTATUS values of a caller the queue never let in. */
const REFUSAL_REASONS: Readonly<Record<string, RefusalReason>> = {
  FULL: 'full',
  JOINEMPTY: 'join-empty',
  JOINUNAVAIL: 'join-unavailable',
};

const END_REASONS: Readonly<Record<string, CallEndReason>> = {
  caller: 'caller-hangup',
  agent: 'agent-hangup',
  transfer: 'transfer',
};

/** A refusal with no `Queue()` step seen on the channel (events filtered or missed). */
export const UNKNOWN_QUEUE = 'unknown';

/**
 * Turns Asterisk 22 app_queue AMI events into PBX-neutral call events. Stateful: fed every
 * event of one AMI session in order (duplicates are recognised and give nothing).
 *
 * What real Asterisk does, and how it is read here (docs/kpi-spec.md, shared captures):
 * - QueueCallerAbandon comes for a hang-up *and* for timeout and leave-empty. The visit waits
 *   for the evidence: a `VarSet QUEUESTATUS` (TIMEOUT, LEAVEEMPTY, …) on the caller channel
 *   makes it exited, the channel's `Hangup` first makes it abandoned, a new QueueCallerJoin
 *   of the still-living channel makes it exited ('other').
 * - A key exit gives only QueueCallerLeave, already in the queue's exit context (the Newexten
 *   to `context=`, extension = the key, comes first); a Leave in the join context is the one
 *   app_queue sends just before AgentConnect.
 * - A refusal (FULL, JOINEMPTY) raises no queue event: only `VarSet QUEUESTATUS` after the
 *   `Newexten` entering `Queue(<queue>,…)` on a channel that did not join.
 * - AgentComplete may lack the caller block or the member block: matched by the caller's
 *   Uniqueid, else the member's DestUniqueid, else queue + member interface.
 * - Waits and talks are app_queue's own whole seconds (HoldTime, TalkTime), as in queue_log;
 *   a key exit has none, so it is the difference of the whole PBX seconds, as app_queue
 *   computes it (`time(NULL) - qe->start`).
 */
export class AmiEventMapper {
  /** The AMI events map() reads; amiEventFilters() asks Asterisk for these and no more. */
  static readonly requiredEvents: readonly string[] = AMI_MAPPED_EVENTS;

  private readonly options: AmiMappingOptions;
  private readonly visits = new QueueVisitRegistry();
  private readonly agents = new AgentPresenceTracker();
  private readonly fingerprints = new MessageFingerprints();
  /** Queue() a channel is entering (from Newexten), until it joins or is refused. */
  private readonly enteringQueue = new Map<string, string>();
  /** Line of a channel from `VarSet HOTLINE`, for events without `ChanVariable`. */
  private readonly lineOfChannel = new Map<string, string>();
  private readonly handled: ReadonlySet<string> = new Set(AMI_MAPPED_EVENTS);

  constructor(options: Partial<AmiMappingOptions> = {}) {
    this.options = resolveAmiMappingOptions(options);
  }

  map(message: AmiMessage, receivedAt: number): CallEvent[] {
    const name = message.event;
    if (name === undefined || !this.handled.has(name)) return [];
    if (this.fingerprints.seenBefore(message)) return [];
    const at = amiEventTime(message, receivedAt);
    switch (name) {
      case 'QueueCallerJoin':
        return this.onJoin(message, at);
      case 'AgentCalled':
        return this.onAgentCalled(message, at);
      case 'AgentRingNoAnswer':
        return this.onRingNoAnswer(message, at);
      case 'AgentConnect':
        return this.onConnect(message, at);
      case 'AgentComplete':
        return this.onComplete(message, at);
      case 'QueueCallerAbandon':
        return this.onAbandon(message, at);
      case 'QueueCallerLeave':
        return this.onLeave(message, at);
      case 'VarSet':
        return this.onVarSet(message, at);
      case 'Newexten':
        return this.onNewexten(message);
      case 'Hangup':
        return this.onHangup(message, at);
      case 'UserEvent':
        return this.onUserEvent(message, at);
      case 'QueueMemberAdded':
      case 'QueueMemberStatus':
      case 'QueueMemberPause':
        return this.onMemberReport(message, at);
      case 'QueueMemberRemoved':
        return this.onMemberRemoved(message, at);
      default:
        return [];
    }
  }

  /**
   * Visits the link did not show (read from queue_log after a gap), by their call ids
   * `<Uniqueid>@<queue>[#n]`: the channel's next visit to that queue is numbered after them, so
   * a caller who came back to a queue it first visited while the link was down gets the id
   * queue_log gives it. Only for channels still up (a hung-up one is never numbered again).
   */
  noteVisitsSeenElsewhere(callIds: Iterable<string>): void {
    for (const callId of callIds) {
      const match = /^(.+)@(.+?)(?:#(\d+))?$/.exec(callId);
      if (match) this.visits.noteVisitNumber(match[1], match[2], Number(match[3] ?? 1));
    }
  }

  /**
   * What is in flight, from a QueueStatus list (QueueParams/QueueMember/QueueEntry) and a
   * CoreShowChannels list, read after (re)connecting. Call ids are those map() gave the same
   * visits when it saw them join; a visit it never saw gets the id queue_log gives it (`ledger`)
   * or the id map() would have given. The mapper's own state is aligned with the view: visits
   * the PBX no longer has are dropped; callers talking that it never saw are followed from now.
   *
   * `ledger`: the visits queue_log has (GapBackfill.ledgerVisits), for exact join and answer
   * times; without it a talking caller's times are the PBX's estimate (channel ages, below).
   */
  buildInFlightView(
    statusEvents: readonly AmiMessage[],
    channels: readonly AmiMessage[],
    at: number,
    ledger: readonly LedgerVisit[] = [],
  ): PbxInFlightView {
    const channelById = new Map<string, AmiMessage>();
    const channelsByBridge = new Map<string, AmiMessage[]>();
    for (const channel of channels) {
      const uniqueid = channel.get('Uniqueid');
      if (channel.event !== 'CoreShowChannel' || !uniqueid) continue;
      channelById.set(uniqueid, channel);
      const bridge = channel.get('BridgeId');
      if (bridge) channelsByBridge.set(bridge, [...(channelsByBridge.get(bridge) ?? []), channel]);
    }
    const ledgerVisits = latestLedgerVisits(ledger);

    const memberships: MembershipReport[] = [];
    const members: SeenMember[] = [];
    const waiting: WaitingCaller[] = [];
    const stillOpen = new Set<QueueVisit>();
    const queues = new Set<string>();
    for (const event of statusEvents) {
      const queue = event.get('Queue');
      if (event.event === 'QueueParams' && queue) queues.add(queue);
      if (event.event === 'QueueMember') {
        const iface = event.get('Location');
        const report = this.membershipReport(event, event.get('Name'), iface);
        if (report) {
          memberships.push(report);
          if (iface) members.push({ ...report, iface });
        }
      } else if (event.event === 'QueueEntry') {
        const uniqueid = event.get('Uniqueid') ?? '';
        const entry = this.waitingEntry(
          event,
          channelById.get(uniqueid),
          at,
          ledgerVisits.get(`${uniqueid}|${queue ?? ''}`),
        );
        if (entry) {
          stillOpen.add(entry.visit);
          waiting.push(entry.caller);
        }
      }
    }

    // A caller talking to a member is still inside Queue() (it returns when the bridge ends),
    // bridged (manager.c action_coreshowchannels: Application, ApplicationData, BridgeId).
    const bridged: BridgedCaller[] = [];
    for (const [uniqueid, channel] of channelById) {
      if (channel.get('Application') !== 'Queue') continue;
      const queue = queueOfAppData(channel.get('ApplicationData'));
      if (!queue) continue;
      const bridge = channel.get('BridgeId');
      if (!bridge) {
        // Left the queue for an answer whose AgentConnect is still on its way: keep following.
        const leaving = this.visits.find(uniqueid, queue, ['left']);
        if (leaving) stillOpen.add(leaving);
        continue;
      }
      const peer = (channelsByBridge.get(bridge) ?? []).find((c) => c.get('Uniqueid') !== uniqueid);
      const member = peer ? memberOfChannel(peer.get('Channel'), queue, members) : undefined;
      bridged.push({ channel, uniqueid, queue, peer, member });
    }
    nameByInCall(bridged, members);
    const talking: TalkingCaller[] = [];
    for (const caller of bridged) {
      const taken = this.talkingCaller(
        caller,
        at,
        ledgerVisits.get(`${caller.uniqueid}|${caller.queue}`),
      );
      stillOpen.add(taken.visit);
      talking.push(taken.caller);
    }
    this.visits.retain((visit) => stillOpen.has(visit));
    for (const uniqueid of [...this.enteringQueue.keys()]) {
      if (!channelById.has(uniqueid)) this.enteringQueue.delete(uniqueid);
    }

    const agents: AgentPresence[] = this.agents.reset(memberships);
    return { at, waiting, talking, agents, queues: [...queues].sort() };
  }

  /**
   * One caller bridged inside Queue(). Its agent: queue_log's CONNECT, else the member found
   * for it (nameByInCall). Its times: the ledger's when given, else the join map() saw, else
   * the caller channel's age (created before it entered Queue()); the answer at the age of the
   * peer channel (app_queue creates it to ring the member, so a little before the answer).
   */
  private talkingCaller(
    { channel, uniqueid, queue, peer, member }: BridgedCaller,
    at: number,
    ledger: LedgerVisit | undefined,
  ): { visit: QueueVisit; caller: TalkingCaller } {
    let visit = this.visits.find(uniqueid, queue, ['talking', 'left', 'waiting']);
    const joinSeen = visit !== undefined && !visit.joinUnseen;
    const callerAge = durationSeconds(channel.get('Duration'));
    const peerAge = durationSeconds(peer?.get('Duration'));
    if (!visit) {
      const joinedAt = ledger?.joinedAt ?? at - (callerAge ?? 0) * 1000;
      visit = this.openVisit(channel, uniqueid, queue, joinedAt, ledger);
      // Its QueueCallerJoin and AgentConnect may still be among the events buffered while the
      // lists were read: they are this visit's (onJoin, onConnect), not a new one.
      visit.joinUnseen = true;
      visit.answerUnseen = true;
    }
    const agent =
      ledger?.answer?.agent ??
      visit.agent ??
      (member ? this.agentName(member.agent, member.iface) : undefined);
    visit.status = 'talking';
    if (agent !== undefined) visit.agent = agent;
    if (member && visit.memberInterface === undefined) visit.memberInterface = member.iface;
    const peerId = peer?.get('Uniqueid');
    if (peerId && visit.destUniqueid === undefined) visit.destUniqueid = peerId;

    const answer = ledger?.answer;
    const joinedAt = ledger && !joinSeen ? ledger.joinedAt : visit.joinedAt;
    const answeredAt = answer
      ? answer.at
      : Math.max(joinedAt, at - (peerAge ?? callerAge ?? 0) * 1000);
    const callerNumber = known(channel.get('CallerIDNum'));
    return {
      visit,
      caller: {
        callId: visit.callId,
        contactId: channel.get('Linkedid') || visit.contactId,
        queue,
        ...(visit.line !== undefined ? { line: visit.line } : {}),
        ...(callerNumber !== undefined ? { callerNumber } : {}),
        ...(agent !== undefined ? { agent } : {}),
        joinedAt,
        answeredAt,
        ...(answer ? { waitSeconds: answer.waitSeconds } : {}),
        times: answer ? 'ledger' : 'estimate',
      },
    };
  }

  private onJoin(message: AmiMessage, at: number): CallEvent[] {
    const uniqueid = message.get('Uniqueid');
    const queue = message.get('Queue');
    if (!uniqueid || !queue) return [];
    const events: CallEvent[] = [];
    // The channel is alive and joining again: a QueueCallerAbandon still waiting for its
    // evidence was not a hang-up.
    for (const earlier of [...this.visits.ofChannel(uniqueid)]) {
      if (earlier.status === 'abandon-pending') events.push(this.exited(earlier, 'other'));
    }
    this.enteringQueue.delete(uniqueid);
    // The Join of a caller the resync view already listed as waiting or talking: it arrived
    // after the connect and is mapped after the view (AsteriskCallSource buffers it), yet
    // QueueStatus / CoreShowChannels were answered after app_queue had queued the caller. A channel runs one Queue() at a time, so
    // it is the same visit: keep its id (a second id would count the call twice — its talk
    // would go to the first id and the second one abandon at the hang-up), take the Join's time.
    const fromView = this.visits
      .ofChannel(uniqueid)
      .find(
        (visit) =>
          visit.queue === queue &&
          visit.joinUnseen &&
          (visit.status === 'waiting' || visit.status === 'talking'),
      );
    if (fromView) {
      fromView.joinUnseen = false;
      fromView.joinedAt = at;
      return events;
    }
    const visit = this.openVisit(message, uniqueid, queue, at);
    const callerNumber = known(message.get('CallerIDNum'));
    const callerName = known(message.get('CallerIDName'));
    const position = Number(message.get('Position'));
    events.push({
      type: 'caller-joined-queue',
      at,
      callId: visit.callId,
      contactId: visit.contactId,
      queue,
      ...(visit.line !== undefined ? { line: visit.line } : {}),
      ...(callerNumber !== undefined ? { callerNumber } : {}),
      ...(callerName !== undefined ? { callerName } : {}),
      ...(Number.isInteger(position) && position > 0 ? { position } : {}),
    });
    return events;
  }

  /** A new open visit; one queue_log has (`ledger`) keeps queue_log's call id and line. */
  private openVisit(
    message: AmiMessage,
    uniqueid: string,
    queue: string,
    at: number,
    ledger?: LedgerVisit,
  ): QueueVisit {
    const line = this.lineOf(message, uniqueid) ?? ledger?.line;
    const joinContext = message.get('Context');
    if (ledger) this.noteVisitsSeenElsewhere([ledger.callId]);
    const visit: QueueVisit = {
      callId: ledger?.callId ?? this.visits.nextCallId(uniqueid, queue),
      uniqueid,
      contactId: message.get('Linkedid') || uniqueid,
      queue,
      ...(line !== undefined ? { line } : {}),
      joinedAt: at,
      ...(joinContext !== undefined ? { joinContext } : {}),
      status: 'waiting',
    };
    this.visits.open(visit);
    return visit;
  }

  private onAgentCalled(message: AmiMessage, at: number): CallEvent[] {
    const visit = this.callerVisit(message, ['waiting']);
    const agent = this.agentOf(message);
    if (!visit || !agent) return [];
    return [{ type: 'agent-ringing', at, callId: visit.callId, queue: visit.queue, agent }];
  }

  private onRingNoAnswer(message: AmiMessage, at: number): CallEvent[] {
    const visit = this.callerVisit(message, ['waiting', 'abandon-pending', 'left']);
    const agent = this.agentOf(message);
    if (!visit || !agent) return [];
    // RingTime is in milliseconds (queue_log RINGNOANSWER has the same number).
    const ringMs = Number(message.get('RingTime'));
    return [
      {
        type: 'agent-ring-no-answer',
        at,
        callId: visit.callId,
        queue: visit.queue,
        agent,
        ringSeconds: Number.isFinite(ringMs) ? ringMs / 1000 : 0,
      },
    ];
  }

  private onConnect(message: AmiMessage, at: number): CallEvent[] {
    const visit =
      this.callerVisit(message, ['left', 'waiting']) ??
      this.ofView(this.callerVisit(message, ['talking']));
    const agent = this.agentOf(message);
    if (!visit || !agent) return [];
    visit.answerUnseen = false;
    visit.status = 'talking';
    visit.agent = agent;
    const iface = message.get('Interface');
    if (iface) visit.memberInterface = iface;
    const dest = message.get('DestUniqueid');
    if (dest) visit.destUniqueid = dest;
    return [
      {
        type: 'agent-answered',
        at,
        callId: visit.callId,
        queue: visit.queue,
        agent,
        waitSeconds: wholeSeconds(message.get('HoldTime')) ?? pbxSecondsBetween(visit.joinedAt, at),
      },
    ];
  }

  private onComplete(message: AmiMessage, at: number): CallEvent[] {
    const visit = this.completedVisit(message);
    if (!visit) return [];
    this.visits.close(visit);
    this.visits.rememberAnswered(visit);
    const agent = this.agentOf(message) ?? visit.agent;
    if (!agent) return [];
    // A call a view listed talking whose AgentConnect never came: app_queue's HoldTime, sent
    // with the end, is its exact wait.
    const holdTime = visit.answerUnseen ? wholeSeconds(message.get('HoldTime')) : undefined;
    // app_queue's wrap-up starts as it ends the call (update_queue sets the member's lastcall).
    const wrapUpSeconds = this.agents.wrapUpSeconds(agent, visit.queue);
    return [
      {
        type: 'call-ended',
        at,
        callId: visit.callId,
        queue: visit.queue,
        agent,
        talkSeconds: wholeSeconds(message.get('TalkTime')) ?? 0,
        reason: END_REASONS[message.get('Reason') ?? ''] ?? 'other',
        ...(holdTime !== undefined ? { waitSeconds: holdTime } : {}),
        ...(wrapUpSeconds !== undefined ? { wrapUpSeconds } : {}),
      },
    ];
  }

  /** Caller's Uniqueid, else the member's DestUniqueid, else queue + member interface. */
  private completedVisit(message: AmiMessage): QueueVisit | undefined {
    const queue = message.get('Queue');
    const iface = message.get('Interface');
    const uniqueid = message.get('Uniqueid');
    if (uniqueid && queue) {
      const candidates = this.visits
        .ofChannel(uniqueid)
        .filter((visit) => visit.queue === queue && visit.status === 'talking');
      const visit = candidates.find((v) => v.memberInterface === iface) ?? candidates[0];
      if (visit) return visit;
    }
    const dest = message.get('DestUniqueid');
    const talking = [...this.visits.all()].filter((visit) => visit.status === 'talking');
    return (
      (dest ? talking.find((visit) => visit.destUniqueid === dest) : undefined) ??
      talking.find((visit) => visit.queue === queue && iface && visit.memberInterface === iface)
    );
  }

  private onAbandon(message: AmiMessage, at: number): CallEvent[] {
    const visit = this.callerVisit(message, ['waiting', 'left']);
    if (!visit) return [];
    visit.status = 'abandon-pending';
    visit.abandonedAt = at;
    visit.abandonWaitSeconds =
      wholeSeconds(message.get('HoldTime')) ?? pbxSecondsBetween(visit.joinedAt, at);
    return [];
  }

  private onLeave(message: AmiMessage, at: number): CallEvent[] {
    const visit = this.callerVisit(message, ['waiting']);
    if (!visit) return [];
    const context = message.get('Context');
    if (visit.joinContext !== undefined && context !== undefined && context !== visit.joinContext) {
      // EXITWITHKEY: app_queue jumped to the queue's exit context on the key before leaving.
      this.visits.close(visit);
      return [this.exitEvent(visit, at, 'exit-key', pbxSecondsBetween(visit.joinedAt, at))];
    }
    visit.status = 'left';
    return [];
  }

  private onVarSet(message: AmiMessage, at: number): CallEvent[] {
    const variable = message.get('Variable') ?? '';
    const uniqueid = message.get('Uniqueid');
    if (!uniqueid) return [];
    if (stripInheritance(variable).toUpperCase() === this.options.lineVariable.toUpperCase()) {
      const value = message.get('Value');
      if (value) this.lineOfChannel.set(uniqueid, value);
      else this.lineOfChannel.delete(uniqueid);
      return [];
    }
    if (variable !== 'QUEUESTATUS') return [];
    const status = (message.get('Value') ?? '').toUpperCase();
    const open = this.visits.ofChannel(uniqueid);
    const pending = open.find((visit) => visit.status === 'abandon-pending');
    if (pending) return [this.exited(pending, EXIT_REASONS[status] ?? 'other')];
    const exitReason = EXIT_REASONS[status];
    const leftUnanswered = open.find(
      (visit) => visit.status === 'left' || visit.status === 'waiting',
    );
    if (exitReason && leftUnanswered) {
      this.visits.close(leftUnanswered);
      return [
        this.exitEvent(
          leftUnanswered,
          at,
          exitReason,
          pbxSecondsBetween(leftUnanswered.joinedAt, at),
        ),
      ];
    }
    const refusal = REFUSAL_REASONS[status];
    if (refusal) return this.refused(message, uniqueid, refusal, at);
    return [];
  }

  private refused(
    message: AmiMessage,
    uniqueid: string,
    reason: RefusalReason,
    at: number,
  ): CallEvent[] {
    const queue = this.enteringQueue.get(uniqueid) ?? UNKNOWN_QUEUE;
    this.enteringQueue.delete(uniqueid);
    const line = this.lineOf(message, uniqueid);
    return [
      {
        type: 'caller-refused',
        at,
        callId: this.visits.nextCallId(uniqueid, queue),
        contactId: message.get('Linkedid') || uniqueid,
        queue,
        ...(line !== undefined ? { line } : {}),
        reason,
      },
    ];
  }

  private onNewexten(message: AmiMessage): CallEvent[] {
    const uniqueid = message.get('Uniqueid');
    if (message.get('Application') !== 'Queue' || !uniqueid) return [];
    const queue = queueOfAppData(message.get('AppData'));
    if (queue) this.enteringQueue.set(uniqueid, queue);
    return [];
  }

  private onHangup(message: AmiMessage, at: number): CallEvent[] {
    const uniqueid = message.get('Uniqueid');
    if (!uniqueid) return [];
    const events: CallEvent[] = [];
    for (const visit of [...this.visits.ofChannel(uniqueid)]) {
      if (visit.status === 'talking') continue; // its AgentComplete may still come, without the caller block
      this.visits.close(visit);
      events.push({
        type: 'caller-abandoned',
        at: visit.abandonedAt ?? at,
        callId: visit.callId,
        queue: visit.queue,
        // A caller gone with no QueueCallerAbandon seen (events lost): wait to the hang-up.
        waitSeconds: visit.abandonWaitSeconds ?? pbxSecondsBetween(visit.joinedAt, at),
      });
    }
    this.enteringQueue.delete(uniqueid);
    this.lineOfChannel.delete(uniqueid);
    this.visits.channelHungUp(uniqueid);
    return events;
  }

  private onUserEvent(message: AmiMessage, at: number): CallEvent[] {
    if (message.get('UserEvent') !== this.options.surveyUserEvent) return [];
    const score = Number(message.get('Score'));
    const queue = message.get('Queue');
    if (!queue || !Number.isFinite(score)) return [];
    const uniqueid = message.get('Uniqueid');
    const agent = known(message.get('Agent'));
    const contactId = known(message.get('Linkedid'));
    const callId = uniqueid ? this.visits.lastAnsweredCallId(uniqueid, queue) : undefined;
    return [
      {
        type: 'survey-rated',
        at,
        // Uniqueid + the µs Timestamp name one rating; a replay of it gives the same id.
        ratingId: `${uniqueid ?? contactId ?? queue}:${message.get('Timestamp') ?? at}:survey`,
        queue,
        ...(agent !== undefined ? { agent } : {}),
        ...(contactId !== undefined ? { contactId } : {}),
        ...(callId !== undefined ? { callId } : {}),
        score,
      },
    ];
  }

  private onMemberReport(message: AmiMessage, at: number): CallEvent[] {
    const report = this.membershipReport(
      message,
      message.get('MemberName'),
      message.get('Interface'),
    );
    const presence = report ? this.agents.report(report) : undefined;
    // app_queue's LastCall (whole epoch seconds, 0 before the first call): its wrap-up's start.
    const lastCall = wholeSeconds(message.get('LastCall'));
    return presence
      ? [agentStateChanged(presence, at, lastCall ? lastCall * 1000 : undefined)]
      : [];
  }

  private onMemberRemoved(message: AmiMessage, at: number): CallEvent[] {
    const agent = this.agentName(message.get('MemberName'), message.get('Interface'));
    const queue = message.get('Queue');
    if (!agent || !queue) return [];
    const presence = this.agents.removed(agent, queue);
    return presence ? [agentStateChanged(presence, at)] : [];
  }

  private membershipReport(
    message: AmiMessage,
    memberName: string | undefined,
    iface: string | undefined,
  ): MembershipReport | undefined {
    const agent = this.agentName(memberName, iface);
    const queue = message.get('Queue');
    if (!agent || !queue) return undefined;
    const pausedReason = known(message.get('PausedReason'));
    const wrapUpSeconds = wholeSeconds(message.get('Wrapuptime'));
    return {
      agent,
      queue,
      deviceStatus: Number(message.get('Status') ?? 0),
      paused: message.get('Paused') === '1',
      ...(pausedReason !== undefined ? { pausedReason } : {}),
      inCall: message.get('InCall') === '1',
      ...(wrapUpSeconds ? { wrapUpSeconds } : {}),
    };
  }

  private waitingEntry(
    entry: AmiMessage,
    channel: AmiMessage | undefined,
    at: number,
    ledger: LedgerVisit | undefined,
  ): { visit: QueueVisit; caller: WaitingCaller } | undefined {
    const uniqueid = entry.get('Uniqueid') ?? channel?.get('Uniqueid');
    const queue = entry.get('Queue');
    if (!uniqueid || !queue) return undefined;
    // QueueEntry Wait: whole seconds since app_queue queued the caller (app_queue.c
    // manager_queues_status: now − qe->start); queue_log's ENTERQUEUE has the second itself.
    const wait = wholeSeconds(entry.get('Wait')) ?? 0;
    let visit = this.visits.find(uniqueid, queue, ['waiting', 'left', 'abandon-pending']);
    if (!visit) {
      visit = this.openVisit(
        channel ?? entry,
        uniqueid,
        queue,
        ledger?.joinedAt ?? at - wait * 1000,
        ledger,
      );
      visit.joinUnseen = true;
    }
    visit.status = 'waiting';
    const callerNumber = known(entry.get('CallerIDNum'));
    return {
      visit,
      caller: {
        callId: visit.callId,
        contactId: channel?.get('Linkedid') || visit.contactId,
        queue,
        ...(visit.line !== undefined ? { line: visit.line } : {}),
        ...(callerNumber !== undefined ? { callerNumber } : {}),
        joinedAt: visit.joinedAt,
      },
    };
  }

  private exited(visit: QueueVisit, reason: ExitReason): CallEvent {
    this.visits.close(visit);
    return this.exitEvent(
      visit,
      visit.abandonedAt ?? visit.joinedAt,
      reason,
      visit.abandonWaitSeconds ?? 0,
    );
  }

  private exitEvent(
    visit: QueueVisit,
    at: number,
    reason: ExitReason,
    waitSeconds: number,
  ): CallEvent {
    return {
      type: 'caller-exited',
      at,
      callId: visit.callId,
      queue: visit.queue,
      waitSeconds,
      reason,
    };
  }

  /** A visit a resync view listed as talking whose AgentConnect has not been seen. */
  private ofView(visit: QueueVisit | undefined): QueueVisit | undefined {
    return visit?.answerUnseen ? visit : undefined;
  }

  /** The caller's open visit to the event's queue, in one of the given states. */
  private callerVisit(
    message: AmiMessage,
    statuses: readonly QueueVisit['status'][],
  ): QueueVisit | undefined {
    const uniqueid = message.get('Uniqueid');
    const queue = message.get('Queue');
    if (!uniqueid || !queue) return undefined;
    return this.visits.find(uniqueid, queue, statuses);
  }

  private agentOf(message: AmiMessage): string | undefined {
    return this.agentName(message.get('MemberName'), message.get('Interface'));
  }

  private agentName(memberName: string | undefined, iface: string | undefined): string | undefined {
    if (iface && this.options.agentNameFromInterface)
      return this.options.agentNameFromInterface(iface);
    return known(memberName) ?? known(iface);
  }

  private lineOf(message: AmiMessage, uniqueid: string): string | undefined {
    return (
      known(message.channelVariable(this.options.lineVariable)) ?? this.lineOfChannel.get(uniqueid)
    );
  }
}

function agentStateChanged(
  presence: AgentPresence,
  at: number,
  lastCallEndedAt?: number,
): CallEvent {
  return {
    type: 'agent-state-changed',
    at,
    agent: presence.agent,
    state: presence.state,
    ...(presence.pauseReason !== undefined ? { pauseReason: presence.pauseReason } : {}),
    queues: presence.queues,
    ...(lastCallEndedAt !== undefined ? { lastCallEndedAt } : {}),
  };
}

/** `Queue()`'s first argument: `12345-full,crt,12319,,,,queue-connected` → `12345-full`. */
function queueOfAppData(appData: string | undefined): string | undefined {
  const queue = appData?.split(',')[0]?.trim();
  return queue ? queue : undefined;
}

/** `__HOTLINE` and `_HOTLINE` are HOTLINE set to be inherited by the channels it creates. */
function stripInheritance(variable: string): string {
  return variable.replace(/^_{1,2}/, '');
}

/** AMI writes `<unknown>` or nothing for an absent value. */
function known(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === '<unknown>' ? undefined : value;
}

function wholeSeconds(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** A QueueMember row of the resync's QueueStatus, with its interface. */
interface SeenMember extends MembershipReport {
  readonly iface: string;
}

/** A caller channel bridged inside Queue(), with the member leg in its bridge. */
interface BridgedCaller {
  readonly channel: AmiMessage;
  readonly uniqueid: string;
  readonly queue: string;
  readonly peer: AmiMessage | undefined;
  member: SeenMember | undefined;
}

/**
 * The member of a bridged caller whose own leg named none (alone in its bridge during an
 * attended transfer, or the member was removed from the queue mid-call): QueueMember `InCall`
 * (app_queue: `mem->starttime ? 1 : 0`), but only when it is unambiguous — the queue's one
 * unnamed caller and its one member in a call that no other caller's leg names. In the real
 * captures InCall is 0 for many members who are talking, so it never decides alone.
 */
function nameByInCall(callers: BridgedCaller[], members: readonly SeenMember[]): void {
  const named = new Set(callers.flatMap((c) => (c.member ? [c.member.iface.toLowerCase()] : [])));
  for (const queue of new Set(callers.filter((c) => !c.member).map((c) => c.queue))) {
    const unnamed = callers.filter((c) => c.queue === queue && !c.member);
    const inCall = members.filter(
      (m) => m.queue === queue && m.inCall && !named.has(m.iface.toLowerCase()),
    );
    if (unnamed.length === 1 && inCall.length === 1) unnamed[0].member = inCall[0];
  }
}

/**
 * The member a channel is a call of: a channel is named `<interface>-<sequence>` (Local
 * channels add `;1`/`;2`, and their interface options such as `/n` are not in the name).
 */
function memberOfChannel(
  channelName: string | undefined,
  queue: string,
  members: readonly SeenMember[],
): SeenMember | undefined {
  if (!channelName) return undefined;
  const device = channelName
    .replace(/;\d+$/, '')
    .replace(/-[0-9a-f]+$/i, '')
    .toLowerCase();
  const inQueue = members.filter((m) => m.queue === queue);
  return (inQueue.length > 0 ? inQueue : members).find((m) => deviceOf(m.iface) === device);
}

/** `Local/agent101@agents/n` → `local/agent101@agents`; `PJSIP/1001` → `pjsip/1001`. */
function deviceOf(iface: string): string {
  const lower = iface.toLowerCase();
  if (!lower.startsWith('local/')) return lower;
  const options = lower.indexOf('/', 'local/'.length);
  return options < 0 ? lower : lower.slice(0, options);
}

/** CoreShowChannel `Duration` (HH:MM:SS since the channel was created) in seconds. */
function durationSeconds(value: string | undefined): number | undefined {
  const match = /^(\d+):(\d{2}):(\d{2})$/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/**
 * The latest visit of each caller channel to each queue in the ledger, keyed
 * `<uniqueid>|<queue>`: a channel runs one Queue() at a time, so it is the one the view shows.
 * Not cut at the view's time: the lists are answered a little after the Ping that dates the
 * view, and queue_log is read after them, so a caller that joined (or was answered) in between
 * is in both.
 */
function latestLedgerVisits(ledger: readonly LedgerVisit[]): Map<string, LedgerVisit> {
  const byKey = new Map<string, LedgerVisit>();
  for (const visit of ledger) {
    const key = `${visit.uniqueid}|${visit.queue}`;
    const earlier = byKey.get(key);
    if (!earlier || earlier.joinedAt <= visit.joinedAt) byKey.set(key, visit);
  }
  return byKey;
}
