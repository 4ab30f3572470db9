import { type AmiHeader, AmiMessage } from '../protocol/ami-message';

/** A caller channel as AMI describes it in the channel block of its events. */
export interface CallerChannel {
  readonly uniqueid: string;
  readonly linkedid: string;
  readonly context?: string;
  readonly exten?: string;
  readonly hotline?: string;
  readonly number?: string;
}

export const CALLER: CallerChannel = {
  uniqueid: '1795918822.77',
  linkedid: '1795918822.76',
  context: 'callers',
  hotline: '12345',
  number: '0733755721',
};

/** A caller channel with its own ids (and any other field), otherwise CALLER's. */
export function callerChannel(
  uniqueid: string,
  linkedid: string,
  other: Partial<CallerChannel> = {},
): CallerChannel {
  return { ...CALLER, uniqueid, linkedid, ...other };
}

/** An AMI message with headers in the given order; array values repeat the header. */
export function amiMessage(
  event: string,
  headers: Readonly<Record<string, string | readonly string[]>> = {},
): AmiMessage {
  const list: AmiHeader[] = [['Event', event]];
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') list.push([name, value]);
    else for (const item of value) list.push([name, item]);
  }
  return new AmiMessage(list);
}

/** Epoch seconds with µs, as `Timestamp:` carries them. */
export function stamp(seconds: number): string {
  return seconds.toFixed(6);
}

function channelBlock(caller: CallerChannel): Record<string, string | string[]> {
  return {
    Channel: `Local/s@callers-${caller.uniqueid};2`,
    CallerIDNum: caller.number ?? '0700000000',
    CallerIDName: `Caller ${caller.number ?? '0700000000'}`,
    Context: caller.context ?? 'callers',
    Exten: caller.exten ?? 's',
    Uniqueid: caller.uniqueid,
    Linkedid: caller.linkedid,
    ChanVariable: [`HOTLINE=${caller.hotline ?? ''}`],
  };
}

/** An event about a caller channel: the channel block, then the event's own headers. */
export function callerEvent(
  event: string,
  at: number,
  caller: CallerChannel,
  headers: Readonly<Record<string, string>> = {},
): AmiMessage {
  return amiMessage(event, { Timestamp: stamp(at), ...channelBlock(caller), ...headers });
}

export function member(agent: string): Record<string, string> {
  return { Interface: `Local/${agent}@agents/n`, MemberName: agent };
}

/** An event about a caller and the member app_queue rings or bridges it to (its agent leg). */
function callerAndMemberEvent(
  event: string,
  at: number,
  caller: CallerChannel,
  queue: string,
  agent: string,
  headers: Readonly<Record<string, string>> = {},
): AmiMessage {
  return callerEvent(event, at, caller, {
    DestUniqueid: `${caller.uniqueid}-${agent}`,
    Queue: queue,
    ...member(agent),
    ...headers,
  });
}

export const join = (at: number, caller: CallerChannel, queue: string, position = 1): AmiMessage =>
  callerEvent('QueueCallerJoin', at, caller, {
    Queue: queue,
    Position: String(position),
    Count: String(position),
  });

export const agentCalled = (
  at: number,
  caller: CallerChannel,
  queue: string,
  agent: string,
): AmiMessage => callerAndMemberEvent('AgentCalled', at, caller, queue, agent);

export const leave = (at: number, caller: CallerChannel, queue: string): AmiMessage =>
  callerEvent('QueueCallerLeave', at, caller, { Queue: queue, Position: '1', Count: '0' });

export const connect = (
  at: number,
  caller: CallerChannel,
  queue: string,
  agent: string,
  holdTime: number,
): AmiMessage =>
  callerAndMemberEvent('AgentConnect', at, caller, queue, agent, {
    HoldTime: String(holdTime),
    RingTime: '2',
  });

export const complete = (
  at: number,
  caller: CallerChannel,
  queue: string,
  agent: string,
  talkTime: number,
  reason: string,
): AmiMessage =>
  callerAndMemberEvent('AgentComplete', at, caller, queue, agent, {
    HoldTime: '2',
    TalkTime: String(talkTime),
    Reason: reason,
  });

export const abandon = (
  at: number,
  caller: CallerChannel,
  queue: string,
  holdTime: number,
): AmiMessage =>
  callerEvent('QueueCallerAbandon', at, caller, {
    Queue: queue,
    Position: '1',
    OriginalPosition: '1',
    HoldTime: String(holdTime),
  });

export const varSet = (
  at: number,
  caller: CallerChannel,
  variable: string,
  value: string,
): AmiMessage => callerEvent('VarSet', at, caller, { Variable: variable, Value: value });

/**
 * A caller leaving at the queue's timeout: app_queue's QueueCallerLeave, then the dialplan's
 * QUEUESTATUS=TIMEOUT (no HoldTime anywhere).
 */
export const timedOut = (at: number, caller: CallerChannel, queue: string): AmiMessage[] => [
  leave(at, caller, queue),
  varSet(at, caller, 'QUEUESTATUS', 'TIMEOUT'),
];

export const hangup = (at: number, caller: CallerChannel): AmiMessage =>
  callerEvent('Hangup', at, caller, { Cause: '16', 'Cause-txt': 'Normal Clearing' });

export const enterQueueApp = (at: number, caller: CallerChannel, queue: string): AmiMessage =>
  callerEvent('Newexten', at, caller, {
    Extension: 's',
    Application: 'Queue',
    AppData: `${queue},crt,${caller.hotline ?? ''},,,,queue-connected`,
  });

export function memberEvent(
  event: 'QueueMemberStatus' | 'QueueMemberPause' | 'QueueMemberAdded' | 'QueueMemberRemoved',
  at: number,
  queue: string,
  agent: string,
  state: {
    status?: number;
    paused?: boolean;
    reason?: string;
    inCall?: boolean;
    wrapUpSeconds?: number;
  } = {},
): AmiMessage {
  return amiMessage(event, {
    Timestamp: stamp(at),
    Queue: queue,
    MemberName: agent,
    Interface: `Local/${agent}@agents/n`,
    StateInterface: `Local/${agent}@agents/n`,
    Membership: 'dynamic',
    InCall: state.inCall ? '1' : '0',
    Status: String(state.status ?? 1),
    Paused: state.paused ? '1' : '0',
    PausedReason: state.reason ?? '',
    Wrapuptime: String(state.wrapUpSeconds ?? 0),
  });
}

/** A waiting caller in a QueueStatus list (app_queue.c manager_queues_status), without ActionID. */
export function queueEntry(
  caller: CallerChannel,
  queue: string,
  wait: number,
  callerName?: string,
): AmiMessage {
  return amiMessage('QueueEntry', {
    Queue: queue,
    Position: '1',
    Channel: `Local/s@callers-${caller.uniqueid};2`,
    Uniqueid: caller.uniqueid,
    CallerIDNum: caller.number ?? '',
    ...(callerName === undefined ? {} : { CallerIDName: callerName }),
    Wait: String(wait),
  });
}
