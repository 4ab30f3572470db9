import type { ModelEvent, SimAgent, SimContact, SimVisit } from '../model/model-event';
import { amiTimestamp, type AmiFrame } from './ami-frame';
import { channelBlock, type ChannelSnapshot, type ChannelStateCode } from './channel-block';
import { memberPause, memberStatistics } from './member-fields';

type Headers = [string, string][];

const PRIVILEGE: Record<string, string> = {
  VarSet: 'dialplan,all',
  Newexten: 'dialplan,all',
  QueueCallerJoin: 'agent,all',
  QueueCallerLeave: 'agent,all',
  QueueCallerAbandon: 'agent,all',
  AgentCalled: 'agent,all',
  AgentConnect: 'agent,all',
  AgentComplete: 'agent,all',
  AgentRingNoAnswer: 'agent,all',
  QueueMemberStatus: 'agent,all',
  QueueMemberAdded: 'agent,all',
  QueueMemberRemoved: 'agent,all',
  QueueMemberPause: 'agent,all',
  UserEvent: 'user,all',
};

/** Per-queue running counters Asterisk prints in the QUEUE* channel variables. */
interface QueueCounters {
  waiting: number;
  completed: number;
  abandoned: number;
  holdtime: number;
  talktime: number;
  withinSl: number;
}

interface ContactState {
  hotlineSet: boolean;
  /** Dialplan priority of the …;2 leg (10 while in Queue()). */
  priority: number;
  /** QUEUESTATUS the last Queue() returned with; set when the caller leaves a queue alive. */
  status?: string;
  /** The caller hung up (abandon) or left with a key: no after-queue dialplan. */
  gone: boolean;
  /** Where the …;2 leg's dialplan is when not in [callers] s (key exit: queue-exit,9,…). */
  place?: { context: string; exten: string };
}

export interface RendererOptions {
  /** manager.conf channelvars=HOTLINE: put ChanVariable on channel events (default true). */
  readonly channelVars?: boolean;
  /** Emit the channel noise (Newchannel, VarSet, Newexten…) around queue events (default true). */
  readonly noise?: boolean;
}

/**
 * Turns model events into AMI events shaped field by field like Asterisk 22.10's (see the
 * run1/run2 captures): queue events with their caller/agent channel blocks, and the channel
 * noise a real dialplan makes around them, from templates of the captured lab dialplan.
 */
export class AmiEventRenderer {
  private readonly counters = new Map<string, QueueCounters>();
  private readonly contacts = new Map<SimContact, ContactState>();
  private readonly bridges = new Map<SimVisit, string>();
  private bridgeSeq = 0;
  private frames: AmiFrame[] = [];
  private cursor = 0;
  private burstSecondEnd = 0;
  private readonly channelVars: boolean;
  private readonly noise: boolean;

  constructor(options: RendererOptions = {}) {
    this.channelVars = options.channelVars ?? true;
    this.noise = options.noise ?? true;
  }

  render(event: ModelEvent): AmiFrame[] {
    this.frames = [];
    this.cursor = event.at;
    this.burstSecondEnd = Math.floor(event.at / 1000) * 1000 + 999.999;
    switch (event.type) {
      case 'memberAdded':
        this.memberEvents(event.agent, 'QueueMemberAdded');
        break;
      case 'memberRemoved':
        this.memberEvents(event.agent, 'QueueMemberRemoved');
        break;
      case 'memberPaused':
        this.memberEvents(event.agent, 'QueueMemberPause');
        break;
      case 'callerArrived':
        this.arrival(event.contact);
        break;
      case 'callerJoined':
        this.joined(event.visit, event.position, event.count, event.viaTransfer);
        break;
      case 'callerRefused':
        this.refused(event.visit, event.status);
        break;
      case 'agentCalled':
        this.agentCalled(event.visit, event.agent);
        break;
      case 'ringNoAnswer':
        this.ringEnded(event.visit, event.agent, event.ringMs, true);
        break;
      case 'ringCanceled':
        this.ringEnded(event.visit, event.agent, event.ringMs, false);
        break;
      case 'agentConnected':
        this.connected(event.visit, event.agent, event.holdTime, event.ringTime);
        break;
      case 'blindTransfer':
        this.blindTransfer(event.visit, event.agent, event.toQueue);
        break;
      case 'agentCompleted':
        this.completed(event);
        break;
      case 'callerLeft':
        this.left(event);
        break;
      case 'callerHungUp':
        this.hungUp(event.contact);
        break;
      case 'survey':
        this.survey(event.visit, event.agent, event.score);
        break;
    }
    return this.frames;
  }

  // ------------------------------------------------------------ helpers

  private emit(event: string, body: Headers, privilege = PRIVILEGE[event] ?? 'call,all'): void {
    // Events of one burst are microseconds apart, like the captures, but never cross into
    // the next second: whole-second waits from Timestamps must equal HoldTime.
    this.cursor = Math.min(this.cursor + 0.02, this.burstSecondEnd);
    this.frames.push({
      at: this.cursor,
      headers: [
        ['Event', event],
        ['Privilege', privilege],
        ['Timestamp', amiTimestamp(this.cursor)],
        ...body,
      ],
    });
  }

  private noisy(event: string, body: () => Headers): void {
    if (this.noise) this.emit(event, body());
  }

  private counter(queue: string): QueueCounters {
    let c = this.counters.get(queue);
    if (!c) {
      c = { waiting: 0, completed: 0, abandoned: 0, holdtime: 0, talktime: 0, withinSl: 0 };
      this.counters.set(queue, c);
    }
    return c;
  }

  private state(contact: SimContact): ContactState {
    let s = this.contacts.get(contact);
    if (!s) {
      s = { hotlineSet: false, priority: 1, gone: false };
      this.contacts.set(contact, s);
    }
    return s;
  }

  private hotline(value: string): string | undefined {
    return this.channelVars ? value : undefined;
  }

  private callerLeg(
    contact: SimContact,
    half: 1 | 2,
    state: ChannelStateCode = 6,
  ): ChannelSnapshot {
    const s = this.state(contact);
    const named = half === 2 || s.priority > 1;
    return {
      name: `${contact.channelBase};${half}`,
      state,
      callerNum: named ? contact.callerNumber : '<unknown>',
      callerName: named ? `Caller ${contact.callerNumber}` : '<unknown>',
      connectedNum: named ? contact.callerNumber : '<unknown>',
      connectedName: named ? `Caller ${contact.callerNumber}` : '<unknown>',
      context: half === 2 && s.place ? s.place.context : 'callers',
      exten: half === 2 && s.place ? s.place.exten : 's',
      priority: half === 1 ? 1 : s.priority,
      uniqueid: half === 1 ? contact.linkedid : contact.uniqueid,
      linkedid: contact.linkedid,
      hotline: this.hotline(half === 2 && s.hotlineSet ? contact.line : ''),
    };
  }

  private agentLeg(
    visit: SimVisit,
    agent: SimAgent,
    half: 1 | 2,
    state: ChannelStateCode = 6,
    priority = 1,
  ): ChannelSnapshot {
    const contact = visit.contact;
    const uid = visit.agentUniqueid ?? contact.uniqueid;
    const dot = uid.lastIndexOf('.');
    return {
      name: `${visit.agentChannelBase};${half}`,
      state,
      callerNum: contact.callerNumber,
      callerName: `Caller ${contact.callerNumber}`,
      connectedNum: contact.callerNumber,
      connectedName: `Caller ${contact.callerNumber}`,
      context: 'agents',
      exten: half === 1 ? 's' : agent.name,
      priority,
      uniqueid: half === 1 ? uid : `${uid.slice(0, dot)}.${Number(uid.slice(dot + 1)) + 1}`,
      linkedid: contact.linkedid,
      hotline: this.hotline(contact.line),
    };
  }

  private varSet(channel: ChannelSnapshot, variable: string, value: string): void {
    this.noisy('VarSet', () => [
      ...channelBlock('', channel),
      ['Variable', variable],
      ['Value', value],
    ]);
  }

  private newexten(
    channel: ChannelSnapshot,
    priority: number,
    app: string,
    data: string,
    context?: string,
    exten?: string,
    essential = false,
  ): void {
    if (!this.noise && !essential) return;
    this.emit('Newexten', [
      ...channelBlock('', {
        ...channel,
        priority,
        context: context ?? channel.context,
        exten: exten ?? channel.exten,
      }),
      ['Extension', exten ?? channel.exten],
      ['Application', app],
      ['AppData', data],
    ]);
  }

  private deviceState(device: string, state: string): void {
    this.noisy('DeviceStateChange', () => [
      ['Device', device],
      ['State', state],
    ]);
  }

  private queueVars(channel: ChannelSnapshot, queue: string): void {
    const c = this.counter(queue);
    const finished = c.completed + c.abandoned;
    const perf = finished === 0 ? 0 : (c.withinSl / Math.max(1, c.completed)) * 100;
    const vars: [string, string][] = [
      ['QUEUENAME', queue],
      ['QUEUEMAX', '0'],
      ['QUEUESTRATEGY', 'rrmemory'],
      ['QUEUECALLS', String(c.waiting)],
      ['QUEUEHOLDTIME', String(Math.round(c.holdtime))],
      ['QUEUETALKTIME', String(Math.round(c.talktime))],
      ['QUEUECOMPLETED', String(c.completed)],
      ['QUEUEABANDONED', String(c.abandoned)],
      ['QUEUESRVLEVEL', '10'],
      ['QUEUESRVLEVELPERF', perf.toFixed(1)],
    ];
    for (const [name, value] of vars) this.varSet(channel, name, value);
  }

  private hangupPair(first: ChannelSnapshot, second: ChannelSnapshot, cause = '16'): void {
    this.noisy('SoftHangupRequest', () => [...channelBlock('', first), ['Cause', cause]]);
    this.noisy('HangupRequest', () => [...channelBlock('', second), ['Cause', cause]]);
    // Hangups are kept without the noise: they are what tells an abandon from a timeout.
    this.emit('Hangup', [
      ...channelBlock('', first),
      ['Cause', cause],
      ['Cause-txt', 'Normal Clearing'],
    ]);
    this.emit('Hangup', [
      ...channelBlock('', second),
      ['Cause', cause],
      ['Cause-txt', 'Normal Clearing'],
    ]);
  }

  private bridgeHeaders(visit: SimVisit, channels: number): Headers {
    let id = this.bridges.get(visit);
    if (!id) {
      const n = (++this.bridgeSeq).toString(16).padStart(12, '0');
      id = `5e1a7c00-0000-4000-8000-${n}`;
      this.bridges.set(visit, id);
    }
    return [
      ['BridgeUniqueid', id],
      ['BridgeType', 'basic'],
      ['BridgeTechnology', 'simple_bridge'],
      ['BridgeCreator', '<unknown>'],
      ['BridgeName', '<unknown>'],
      ['BridgeNumChannels', String(channels)],
      ['BridgeVideoSourceMode', 'none'],
    ];
  }

  private memberBody(agent: SimAgent, queue: string, status: number): Headers {
    return [
      ['Queue', queue],
      ['MemberName', agent.name],
      ['Interface', agent.iface],
      ...memberStatistics(agent),
      ['InCall', '0'],
      ['Status', String(status)],
      ...memberPause(agent),
      ['Ringinuse', '0'],
      ['Wrapuptime', String(agent.wrapUpSeconds)],
    ];
  }

  private memberStatus(agent: SimAgent, status: number): void {
    for (const queue of agent.queues)
      this.emit('QueueMemberStatus', this.memberBody(agent, queue, status));
  }

  // ------------------------------------------------------------ members

  private memberEvents(
    agent: SimAgent,
    event: 'QueueMemberAdded' | 'QueueMemberRemoved' | 'QueueMemberPause',
  ): void {
    for (const queue of agent.queues) {
      if (event !== 'QueueMemberRemoved') {
        this.deviceState(
          `Queue:${queue}_pause_${agent.iface}`,
          agent.status === 'paused' ? 'INUSE' : 'NOT_INUSE',
        );
      }
      this.emit(event, this.memberBody(agent, queue, event === 'QueueMemberRemoved' ? 1 : 1));
      if (event === 'QueueMemberAdded') this.deviceState(`Queue:${queue}_avail`, 'NOT_INUSE');
    }
  }

  // ------------------------------------------------------------ caller

  /**
   * app_queue's QueueCallerLeave (the caller's position, the callers left waiting), then the
   * QUEUEPOSITION it sets on the channel as Queue() returns.
   */
  private callerLeaves(
    leg: ChannelSnapshot,
    queue: string,
    position: number,
    waiting: number,
  ): void {
    this.emit('QueueCallerLeave', [
      ...channelBlock('', leg),
      ['Queue', queue],
      ['Position', String(position)],
      ['Count', String(waiting)],
    ]);
    this.varSet(leg, 'QUEUEPOSITION', String(position));
  }

  /** A Local leg learns its caller id (its connected line still unknown), then its connected line. */
  private callerIdKnown(leg: ChannelSnapshot): void {
    this.noisy('NewCallerid', () => [
      ...channelBlock('', { ...leg, connectedNum: '<unknown>', connectedName: '<unknown>' }),
      ['CID-CallingPres', '0 (Presentation Allowed, Not Screened)'],
    ]);
    this.noisy('NewConnectedLine', () => channelBlock('', leg));
  }

  private arrival(contact: SimContact): void {
    const s = this.state(contact);
    const one = (state: ChannelStateCode): ChannelSnapshot => this.callerLeg(contact, 1, state);
    const two = (state: ChannelStateCode): ChannelSnapshot => this.callerLeg(contact, 2, state);
    const unknown = (c: ChannelSnapshot): ChannelSnapshot => ({
      ...c,
      callerNum: '<unknown>',
      callerName: '<unknown>',
      connectedNum: '<unknown>',
      connectedName: '<unknown>',
    });
    this.noisy('Newchannel', () => channelBlock('', unknown(one(0))));
    this.noisy('Newchannel', () => channelBlock('', unknown(two(4))));
    this.newexten(unknown(one(0)), 1, 'AppDial2', '(Outgoing Line)');
    // The originate's variables, set on ;1 and copied onto ;2 in reverse, then each leg's
    // caller id and connected line.
    const variables: [string, string][] = [
      ['HL', contact.line],
      ['__ENDER', contact.callerEnds ? 'caller' : 'agent'],
      ['__TALK', String(Math.round(contact.talkSeconds))],
      ['QNAME', ''],
    ];
    for (const [v, value] of variables) this.varSet(unknown(one(0)), v, value);
    this.callerIdKnown(one(0));
    for (const [v, value] of [...variables].reverse()) this.varSet(unknown(two(4)), v, value);
    this.callerIdKnown(two(4));
    this.noisy('LocalBridge', () => [
      ...channelBlock('LocalOne', one(0)),
      ...channelBlock('LocalTwo', two(4)),
      ['Context', 'callers'],
      ['Exten', 's'],
      ['LocalOptimization', 'No'],
    ]);
    this.noisy('DialBegin', () => [...channelBlock('Dest', one(0)), ['DialString', 's@callers/n']]);
    this.newexten(
      two(4),
      1,
      'NoOp',
      `LAB caller hl=${contact.line} talk=${Math.round(contact.talkSeconds)}`,
    );
    this.newexten(two(4), 2, 'Set', 'QNAME=');
    s.hotlineSet = false;
    this.newexten(two(4), 3, 'ExecIf', `1?Set(__HOTLINE=${contact.line})`);
    s.hotlineSet = true;
    this.varSet({ ...two(4), priority: 3 }, '__HOTLINE', contact.line);
    this.newexten(two(4), 4, 'ExecIf', `1?Set(CDR(userfield)=${contact.line})`);
    this.newexten(two(4), 5, 'Set', `__CALLERCHAN=${contact.channelBase};2`);
    this.varSet({ ...two(4), priority: 5 }, '__CALLERCHAN', `${contact.channelBase};2`);
    this.newexten(two(4), 6, 'Set', 'HOPS=0');
    this.varSet({ ...two(4), priority: 6 }, 'HOPS', '0');
    this.newexten(two(4), 7, 'Answer', '');
    s.priority = 7;
    this.noisy('Newstate', () => channelBlock('', two(6)));
    this.noisy('OriginateResponse', () => [
      ['ActionID', `sim-${contact.linkedid}`],
      ['Response', 'Success'],
      ['Channel', `${contact.channelBase};1`],
      ['Application', 'Wait'],
      ['Data', '7200'],
      ['Reason', '4'],
      ['Uniqueid', contact.linkedid],
      ['CallerIDNum', contact.callerNumber],
      ['CallerIDName', `Caller ${contact.callerNumber}`],
      ...(this.channelVars
        ? ([[`ChanVariable(${contact.channelBase};1)`, 'HOTLINE=']] as Headers)
        : []),
    ]);
    this.noisy('Newstate', () => channelBlock('', one(6)));
    this.deviceState('Local/s@callers', 'INUSE');
    this.noisy('DialEnd', () => [...channelBlock('Dest', one(6)), ['DialStatus', 'ANSWER']]);
    this.deviceState('Local/s@callers', 'INUSE');
  }

  private queueApp(visit: SimVisit): void {
    const contact = visit.contact;
    const s = this.state(contact);
    const leg = this.callerLeg(contact, 2);
    if (visit.index === 0) {
      this.newexten(leg, 8, 'GotoIf', '1?queue');
    } else if (s.status !== undefined) {
      this.newexten(leg, 22, 'Set', `HOPS=${visit.index}`);
      this.varSet({ ...leg, priority: 22 }, 'HOPS', String(visit.index));
      this.newexten(leg, 23, 'NoOp', `LAB hop ${visit.index}: (${s.status}) -> ${visit.queue}`);
      this.newexten(leg, 24, 'Set', `QNAME=${visit.queue}`);
      this.varSet({ ...leg, priority: 24 }, 'QNAME', visit.queue);
      this.newexten(leg, 27, 'Goto', 'queue');
    }
    s.priority = 10;
    s.status = undefined;
    const inQueue = this.callerLeg(contact, 2);
    // Kept without the noise too: a refusal's queue is known only from this Newexten.
    this.newexten(
      inQueue,
      10,
      'Queue',
      `${visit.queue},crt,${contact.line},,,,queue-connected`,
      undefined,
      undefined,
      true,
    );
    for (const v of [
      'ANSWEREDTIME',
      'ANSWEREDTIME_MS',
      'DIALEDTIME',
      'DIALEDTIME_MS',
      'QUEUEWAIT',
      'QUEUEWAIT_MS',
    ]) {
      this.varSet(inQueue, v, '');
    }
  }

  private joined(visit: SimVisit, position: number, count: number, viaTransfer: boolean): void {
    const contact = visit.contact;
    if (!viaTransfer) this.queueApp(visit);
    else {
      this.state(contact).priority = 10;
      this.state(contact).status = undefined;
    }
    const c = this.counter(visit.queue);
    c.waiting = count;
    this.deviceState(`Queue:${visit.queue}`, 'RINGING');
    this.emit('QueueCallerJoin', [
      ...channelBlock('', this.callerLeg(contact, 2)),
      ['Queue', visit.queue],
      ['Position', String(position)],
      ['Count', String(count)],
    ]);
  }

  /** A refusal shows on AMI only as VarSet QUEUESTATUS (app_queue returns before joining). */
  private refused(visit: SimVisit, status: 'FULL' | 'JOINEMPTY'): void {
    this.queueApp(visit);
    const s = this.state(visit.contact);
    // Refusals must stay visible even without the noise: emit this VarSet unconditionally.
    this.emit('VarSet', [
      ...channelBlock('', this.callerLeg(visit.contact, 2)),
      ['Variable', 'QUEUESTATUS'],
      ['Value', status],
    ]);
    s.status = status;
  }

  /** Dialplan after Queue() returns (the lab's priorities 11–21), ending in Hangup(). */
  private afterQueue(contact: SimContact, status: string, nextQueue: boolean): void {
    const leg = this.callerLeg(contact, 2);
    const refused = status === 'FULL' || status === 'JOINEMPTY' ? 1 : 0;
    this.newexten(leg, 11, 'NoOp', `LAB after queue: QUEUESTATUS=${status}`);
    this.newexten(leg, 12, 'Set', `REFUSED=${refused}`);
    this.varSet({ ...leg, priority: 12 }, 'REFUSED', String(refused));
    this.newexten(leg, 13, 'ExecIf', `${refused}?QueueLog(...)`);
    this.newexten(leg, 14, 'Set', 'NEXTQ=');
    this.varSet({ ...leg, priority: 14 }, 'NEXTQ', '');
    this.newexten(leg, 15, 'ExecIf', `${status === 'TIMEOUT' ? 1 : 0}?Set(NEXTQ=)`);
    this.newexten(leg, 16, 'ExecIf', `${refused}?Set(NEXTQ=)`);
    this.newexten(leg, 17, 'ExecIf', `${status === 'LEAVEEMPTY' ? 1 : 0}?Set(NEXTQ=)`);
    this.newexten(leg, 18, 'GotoIf', `${nextQueue ? 1 : 0}?hop`);
    if (nextQueue) return;
    this.newexten(leg, 19, 'GotoIf', '1?done');
    this.newexten(leg, 21, 'Hangup', '');
  }

  private hungUp(contact: SimContact): void {
    const s = this.state(contact);
    if (!s.gone) this.afterQueue(contact, s.status ?? 'CONTINUE', false);
    this.hangupPair(this.callerLeg(contact, 2), this.callerLeg(contact, 1));
    this.deviceState('Local/s@callers', 'INUSE');
    this.contacts.delete(contact);
  }

  private left(event: Extract<ModelEvent, { type: 'callerLeft' }>): void {
    const visit = event.visit;
    const contact = visit.contact;
    const s = this.state(contact);
    const leg = this.callerLeg(contact, 2);
    const c = this.counter(visit.queue);
    const waitVars = (): void => {
      const ms = event.at - visit.joinedAt;
      this.varSet(leg, 'QUEUEWAIT', String(event.holdTime));
      this.varSet(leg, 'QUEUEWAIT_MS', String(event.holdTime * 1000));
      this.varSet(leg, 'DIALEDTIME', String(Math.floor(ms / 1000)));
      this.varSet(leg, 'DIALEDTIME_MS', String(Math.round(ms + 500)));
      this.varSet(leg, 'ANSWEREDTIME', '0');
      this.varSet(leg, 'ANSWEREDTIME_MS', '0');
    };
    const abandonBody: Headers = [
      ...channelBlock('', leg),
      ['Queue', visit.queue],
      ['Position', String(event.position)],
      ['OriginalPosition', String(visit.originalPosition)],
      ['HoldTime', String(event.holdTime)],
    ];
    c.waiting = Math.max(0, c.waiting - 1);
    if (event.status === 'KEY') {
      // EXITWITHKEY: no QueueCallerAbandon, only QueueCallerLeave (run2 capture).
      this.noisy('DTMFBegin', () => [
        ...channelBlock('', leg),
        ['Digit', '9'],
        ['Direction', 'Received'],
      ]);
      this.noisy('DTMFEnd', () => [
        ...channelBlock('', leg),
        ['Digit', '9'],
        ['DurationMs', '120'],
        ['Direction', 'Received'],
      ]);
      waitVars();
      // app_queue jumps to the queue's exit context on the key (queues.conf context=queue-exit):
      // from here on the caller's channel is at queue-exit,9 (run2 capture).
      s.place = { context: 'queue-exit', exten: '9' };
      s.priority = 0;
      const exitLeg = this.callerLeg(contact, 2);
      this.newexten(exitLeg, 0, 'Queue', `${visit.queue},crt,${contact.line},,,,queue-connected`);
      this.queueVars(exitLeg, visit.queue);
      this.callerLeaves(exitLeg, visit.queue, event.position, c.waiting);
      this.newexten(exitLeg, 1, 'NoOp', `LAB ${contact.channelBase};2 pressed 9 in ${visit.queue}`);
      this.newexten(exitLeg, 2, 'Hangup', '');
      s.priority = 2;
      s.gone = true;
      return;
    }
    if (event.status === 'ABANDON') {
      waitVars();
      this.varSet(leg, 'ABANDONED', 'TRUE');
      this.queueVars(leg, visit.queue);
      this.emit('QueueCallerAbandon', abandonBody);
      c.abandoned++;
      this.queueVars(leg, visit.queue);
      s.gone = true;
    } else {
      // Asterisk sends QueueCallerAbandon for timeouts and leave-empty too (app_queue.c
      // record_abandoned); only VarSet QUEUESTATUS tells them apart (run2 capture).
      this.varSet(leg, 'ABANDONED', 'TRUE');
      this.queueVars(leg, visit.queue);
      this.emit('QueueCallerAbandon', abandonBody);
      c.abandoned++;
      waitVars();
      this.queueVars(leg, visit.queue);
    }
    this.callerLeaves(leg, visit.queue, event.position, c.waiting);
    if (event.status !== 'ABANDON') {
      // Keep this VarSet even without noise: it is how timeouts and leave-empty are told apart.
      this.emit('VarSet', [
        ...channelBlock('', leg),
        ['Variable', 'QUEUESTATUS'],
        ['Value', event.status],
      ]);
      s.status = event.status;
      if (event.nextQueue) this.afterQueue(contact, event.status, true);
    }
  }

  // ------------------------------------------------------------ agent legs

  private agentCalled(visit: SimVisit, agent: SimAgent): void {
    const contact = visit.contact;
    const caller = this.callerLeg(contact, 2);
    const a1 = (state: ChannelStateCode): ChannelSnapshot => this.agentLeg(visit, agent, 1, state);
    const a2 = (state: ChannelStateCode, priority = 1): ChannelSnapshot =>
      this.agentLeg(visit, agent, 2, state, priority);
    this.noisy('Newchannel', () => channelBlock('', a1(0)));
    this.noisy('Newchannel', () => channelBlock('', a2(4)));
    this.newexten(a1(0), 1, 'AppQueue', '(Outgoing Line)', 'agents', agent.name);
    this.noisy('NewCallerid', () => [
      ...channelBlock('', a1(0)),
      ['CID-CallingPres', '0 (Presentation Allowed, Not Screened)'],
    ]);
    this.noisy('NewConnectedLine', () => channelBlock('', a1(0)));
    const inherited: [string, string][] = [
      ['__CALLERCHAN', `${contact.channelBase};2`],
      ['__HOTLINE', contact.line],
      ['__TALK', String(Math.round(contact.talkSeconds))],
      ['__ENDER', contact.callerEnds ? 'caller' : 'agent'],
    ];
    for (const [v, value] of inherited) this.varSet(a1(0), v, value);
    this.newexten(a1(0), 1, 'AppQueue', '(Outgoing Line)');
    this.varSet(a1(0), 'DIALEDPEERNUMBER', `${agent.name}@agents/n`);
    this.varSet(a2(4), 'DIALEDPEERNUMBER', `${agent.name}@agents/n`);
    for (const [v, value] of inherited) this.varSet(a2(4), v, value);
    this.noisy('NewCallerid', () => [
      ...channelBlock('', a2(4)),
      ['CID-CallingPres', '0 (Presentation Allowed, Not Screened)'],
    ]);
    this.noisy('NewConnectedLine', () => channelBlock('', a2(4)));
    this.noisy('LocalBridge', () => [
      ...channelBlock('LocalOne', a1(0)),
      ...channelBlock('LocalTwo', a2(4)),
      ['Context', 'agents'],
      ['Exten', agent.name],
      ['LocalOptimization', 'No'],
    ]);
    this.emit('AgentCalled', callerAndMember(caller, a1(0), visit.queue, agent));
    this.noisy('DialBegin', () => [
      ...channelBlock('', caller),
      ...channelBlock('Dest', a1(0)),
      ['DialString', `${agent.name}@agents/n`],
    ]);
    this.newexten(a2(4, 1), 1, 'NoOp', `LAB ${agent.name} rung for ${contact.channelBase};2`);
    this.newexten(a2(4, 2), 2, 'Set', 'RD=3');
    this.varSet(a2(4, 2), 'RD', '3');
    this.newexten(a2(4, 3), 3, 'GotoIf', '1?ring');
    this.newexten(a2(4, 5), 5, 'Ringing', '');
    this.noisy('Newstate', () => channelBlock('', a1(5)));
    this.newexten(a2(4, 6), 6, 'Wait', '3');
    this.deviceState(`Local/${agent.name}@agents`, 'INUSE');
    this.memberStatus(agent, 2);
    this.noisy('DialState', () => [
      ...channelBlock('', caller),
      ...channelBlock('Dest', a1(5)),
      ['DialStatus', 'RINGING'],
    ]);
  }

  private ringEnded(visit: SimVisit, agent: SimAgent, ringMs: number, noAnswer: boolean): void {
    const caller = this.callerLeg(visit.contact, 2);
    const a1 = this.agentLeg(visit, agent, 1, 5);
    const a2 = this.agentLeg(visit, agent, 2, 4, 6);
    if (noAnswer) {
      this.emit('AgentRingNoAnswer', [
        ...callerAndMember(caller, a1, visit.queue, agent),
        ['RingTime', String(Math.round(ringMs))],
      ]);
    }
    this.noisy('DialEnd', () => [
      ...channelBlock('', caller),
      ...channelBlock('Dest', a1),
      ['DialStatus', noAnswer ? 'NOANSWER' : 'CANCEL'],
    ]);
    this.hangupPair(a2, a1);
    this.deviceState(`Local/${agent.name}@agents`, 'NOT_INUSE');
    this.memberStatus(agent, 1);
  }

  private connected(visit: SimVisit, agent: SimAgent, holdTime: number, ringTime: number): void {
    const contact = visit.contact;
    const caller = this.callerLeg(contact, 2);
    const a1 = this.agentLeg(visit, agent, 1, 6);
    const a2 = (priority: number): ChannelSnapshot => this.agentLeg(visit, agent, 2, 6, priority);
    const c = this.counter(visit.queue);
    this.newexten(a2(7), 7, 'Answer', '');
    this.noisy('Newstate', () => channelBlock('', a2(7)));
    this.deviceState(`Local/${agent.name}@agents`, 'INUSE');
    this.noisy('Newstate', () => channelBlock('', a1));
    this.noisy('DialEnd', () => [
      ...channelBlock('', caller),
      ...channelBlock('Dest', a1),
      ['DialStatus', 'ANSWER'],
    ]);
    const member: [string, string][] = [
      ['MEMBERINTERFACE', agent.iface],
      ['MEMBERNAME', agent.name],
      ['MEMBERCALLS', String(agent.callsTaken)],
      ['MEMBERLASTCALL', String(agent.lastCall)],
      ['MEMBERPENALTY', '0'],
      ['MEMBERDYNAMIC', '1'],
      ['MEMBERREALTIME', '0'],
    ];
    for (const [v, value] of member) this.varSet(caller, v, value);
    for (const [v, value] of member) this.varSet(a1, v, value);
    for (const leg of [caller, a1]) {
      this.varSet(leg, 'QEHOLDTIME', String(holdTime));
      this.varSet(leg, 'QEORIGINALPOS', String(visit.originalPosition));
    }
    c.waiting = Math.max(0, c.waiting - 1);
    c.holdtime = (c.holdtime * 3 + holdTime) / 4;
    this.queueVars(caller, visit.queue);
    this.queueVars(a1, visit.queue);
    this.deviceState(`Local/${agent.name}@agents`, 'INUSE');
    this.deviceState(`Queue:${visit.queue}`, 'NOT_INUSE');
    this.callerLeaves(caller, visit.queue, 1, c.waiting);
    this.newexten(a1, 0, 'AppQueue', '(Outgoing Line)', 'queue-connected', 's');
    this.varSet(a1, 'LOCAL(ARGC)', '0');
    this.newexten(a2(8), 8, 'Set', `T=${Math.round(contact.talkSeconds)}`);
    this.varSet(a2(8), 'T', String(Math.round(contact.talkSeconds)));
    this.newexten(a2(9), 9, 'GotoIf', '1?talk');
    this.newexten(
      a1,
      1,
      'NoOp',
      `LAB connected ${a1.name} <-> ${caller.name}`,
      'queue-connected',
      's',
    );
    this.newexten(a2(11), 11, 'Wait', String(Math.round(contact.talkSeconds)));
    this.newexten(a1, 2, 'GotoIf', '0?callerend', 'queue-connected', 's');
    this.newexten(
      a1,
      3,
      'Set',
      `EXPORT(${caller.name},TIMEOUT(absolute))=0`,
      'queue-connected',
      's',
    );
    this.newexten(a1, 4, 'Return', '', 'queue-connected', 's');
    this.newexten(a1, 1, 'Return', '');
    this.varSet(a1, 'ARGC', '');
    this.varSet(a1, 'GOSUB_RETVAL', '');
    this.varSet(caller, 'QUEUEWAIT', String(holdTime));
    this.varSet(caller, 'QUEUEWAIT_MS', String(holdTime * 1000));
    this.emit('AgentConnect', [
      ...callerAndMember(caller, a1, visit.queue, agent),
      ['HoldTime', String(holdTime)],
      ['RingTime', String(ringTime)],
    ]);
    this.noisy('BridgeCreate', () => this.bridgeHeaders(visit, 0));
    this.noisy('BridgeEnter', () => [...this.bridgeHeaders(visit, 1), ...channelBlock('', a1)]);
    this.noisy('BridgeEnter', () => [...this.bridgeHeaders(visit, 2), ...channelBlock('', caller)]);
    this.varSet(a1, 'BRIDGEPEER', caller.name);
    this.varSet(caller, 'BRIDGEPEER', a1.name);
  }

  private blindTransfer(visit: SimVisit, agent: SimAgent, toQueue: string): void {
    const caller = this.callerLeg(visit.contact, 2);
    const a1 = this.agentLeg(visit, agent, 1, 6);
    this.noisy('BlindTransfer', () => [
      ['Result', 'Success'],
      ...channelBlock('Transferer', a1),
      ...channelBlock('Transferee', caller),
      ...this.bridgeHeaders(visit, 2),
      ['IsExternal', 'Yes'],
      ['Context', 'xfer'],
      ['Extension', toQueue],
    ]);
    this.noisy('BridgeLeave', () => [...this.bridgeHeaders(visit, 1), ...channelBlock('', a1)]);
    this.noisy('BridgeLeave', () => [...this.bridgeHeaders(visit, 0), ...channelBlock('', caller)]);
    this.newexten(caller, 1, 'Set', `QNAME=${toQueue}`, 'xfer', toQueue);
    this.newexten(caller, 2, 'Goto', 'callers,s,xfer', 'xfer', toQueue);
    this.newexten(caller, 10, 'Queue', `${toQueue},crt,${visit.contact.line},,,,queue-connected`);
  }

  private completed(event: Extract<ModelEvent, { type: 'agentCompleted' }>): void {
    const { visit, agent } = event;
    const contact = visit.contact;
    const caller = this.callerLeg(contact, 2);
    const a1 = this.agentLeg(visit, agent, 1, 6);
    const a2 = this.agentLeg(visit, agent, 2, 6, 12);
    const c = this.counter(visit.queue);
    c.completed++;
    c.talktime = (c.talktime * 3 + event.talkTime) / 4;
    if (event.holdTime <= 10) c.withinSl++;
    if (event.reason !== 'transfer') {
      if (event.reason === 'agent') this.newexten(a2, 12, 'Hangup', '');
      this.noisy('SoftHangupRequest', () => [
        ...channelBlock('', event.reason === 'agent' ? a2 : caller),
        ['Cause', '16'],
      ]);
      this.noisy('HangupRequest', () => [...channelBlock('', a1), ['Cause', '16']]);
      this.varSet(a1, 'BRIDGEPEER', '');
      this.varSet(caller, 'BRIDGEPEER', '');
      this.noisy('BridgeLeave', () => [...this.bridgeHeaders(visit, 1), ...channelBlock('', a1)]);
    }
    this.noisy('Hangup', () => [
      ...channelBlock('', a1),
      ['Cause', '16'],
      ['Cause-txt', 'Normal Clearing'],
    ]);
    // AgentComplete sometimes lacks the caller's or the agent's channel block (run1/run2).
    this.emit('AgentComplete', [
      ...callerAndMember(
        event.omitCallerBlock ? undefined : caller,
        event.omitAgentBlock ? undefined : a1,
        visit.queue,
        agent,
      ),
      ['HoldTime', String(event.holdTime)],
      ['TalkTime', String(event.talkTime)],
      ['Reason', event.reason],
    ]);
    this.noisy('Hangup', () => [
      ...channelBlock('', a2),
      ['Cause', '16'],
      ['Cause-txt', 'Normal Clearing'],
    ]);
    if (event.reason !== 'transfer') {
      this.noisy('BridgeLeave', () => [
        ...this.bridgeHeaders(visit, 0),
        ...channelBlock('', caller),
      ]);
      this.queueVars(caller, visit.queue);
      const ms = event.at - visit.joinedAt;
      this.varSet(caller, 'ANSWEREDTIME', String(event.talkTime));
      this.varSet(caller, 'ANSWEREDTIME_MS', String(event.talkTime * 1000));
      this.varSet(caller, 'DIALEDTIME', String(Math.floor(ms / 1000)));
      this.varSet(caller, 'DIALEDTIME_MS', String(Math.round(ms)));
      this.queueVars(caller, visit.queue);
      if (event.reason === 'agent') {
        this.emit('VarSet', [
          ...channelBlock('', caller),
          ['Variable', 'QUEUESTATUS'],
          ['Value', 'CONTINUE'],
        ]);
        this.state(contact).status = 'CONTINUE';
      } else {
        this.state(contact).gone = true;
      }
    }
    this.noisy('BridgeDestroy', () => this.bridgeHeaders(visit, 0));
    this.bridges.delete(visit);
    this.memberStatus(agent, 1);
    this.deviceState(`Local/${agent.name}@agents`, 'NOT_INUSE');
  }

  private survey(visit: SimVisit, agent: SimAgent, score: number): void {
    const contact = visit.contact;
    const leg = this.callerLeg(contact, 2);
    this.afterQueueUntilSurvey(contact);
    this.emit('UserEvent', [
      ...channelBlock('', { ...leg, priority: 20 }),
      ['UserEvent', 'SurveyResult'],
      ['Queue', visit.queue],
      ['Score', String(score)],
      ['Agent', agent.name],
    ]);
    this.newexten(leg, 21, 'Hangup', '');
    this.state(contact).gone = true;
  }

  private afterQueueUntilSurvey(contact: SimContact): void {
    const leg = this.callerLeg(contact, 2);
    this.newexten(leg, 11, 'NoOp', 'LAB after queue: QUEUESTATUS=CONTINUE');
    this.newexten(leg, 12, 'Set', 'REFUSED=0');
    this.varSet({ ...leg, priority: 12 }, 'REFUSED', '0');
    this.newexten(leg, 19, 'GotoIf', '0?done');
    this.newexten(leg, 20, 'UserEvent', 'SurveyResult,...');
  }
}

/**
 * The head of an app_queue event about a caller and a member (AgentCalled, AgentRingNoAnswer,
 * AgentConnect, AgentComplete): the caller's channel block, the member's `Dest` block, then
 * the queue and the member; a block left out (as some captured AgentCompletes lack) is skipped.
 */
function callerAndMember(
  caller: ChannelSnapshot | undefined,
  memberLeg: ChannelSnapshot | undefined,
  queue: string,
  agent: SimAgent,
): Headers {
  return [
    ...(caller ? channelBlock('', caller) : []),
    ...(memberLeg ? channelBlock('Dest', memberLeg) : []),
    ['Queue', queue],
    ['Interface', agent.iface],
    ['MemberName', agent.name],
  ];
}
