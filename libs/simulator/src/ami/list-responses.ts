import type { SimAgent, SimVisit } from '../model/model-event';
import { channelBlock } from './channel-block';
import { memberPause, memberStatistics } from './member-fields';
import type { PbxStateView } from './pbx-state-view';

type Headers = [string, string][];

/** app_queue member Status (ast_device_state): 1 not in use, 2 in use, 6 ringing. */
function memberStatus(agent: SimAgent): number {
  switch (agent.status) {
    case 'ringing':
      return 6;
    case 'onCall':
      return 2;
    case 'loggedOut':
      return 5;
    case 'available':
    case 'wrapUp':
    case 'paused':
      return 1;
  }
}

const withId = (headers: Headers, actionId: string | undefined): Headers =>
  actionId === undefined ? headers : [...headers, ['ActionID', actionId]];

function start(actionId: string | undefined, message: string): Headers {
  return [
    ['Response', 'Success'],
    ...(actionId === undefined ? [] : ([['ActionID', actionId]] as Headers)),
    ['EventList', 'start'],
    ['Message', message],
  ];
}

function complete(event: string, actionId: string | undefined, items: number): Headers {
  return [
    ['Event', event],
    ...(actionId === undefined ? [] : ([['ActionID', actionId]] as Headers)),
    ['EventList', 'Complete'],
    ['ListItems', String(items)],
  ];
}

/** QueueStatus as Asterisk 22 answers it: QueueParams, QueueMember…, QueueEntry…, Complete. */
export function queueStatusResponse(
  view: PbxStateView,
  actionId: string | undefined,
  queueFilter?: string,
): Headers[] {
  const out: Headers[] = [start(actionId, 'Queue status will follow')];
  const nowS = Math.floor(view.now() / 1000);
  const waiting = view.waiting();
  let items = 0;
  for (const queue of view.queues()) {
    if (queueFilter && queue.name !== queueFilter) continue;
    const callers = waiting.get(queue.name) ?? [];
    out.push(
      withId(
        [
          ['Event', 'QueueParams'],
          ['Queue', queue.name],
          ['Max', String(queue.maxLen)],
          ['Strategy', 'rrmemory'],
          ['Calls', String(callers.length)],
          ['Holdtime', '0'],
          ['TalkTime', '0'],
          ['Completed', '0'],
          ['Abandoned', '0'],
          ['ServiceLevel', '10'],
          ['ServicelevelPerf', '0.0'],
          ['ServicelevelPerf2', '0.0'],
          ['Weight', '0'],
        ],
        actionId,
      ),
    );
    items++;
    for (const agent of view.agents()) {
      if (agent.status === 'loggedOut' || !agent.queues.includes(queue.name)) continue;
      out.push(
        withId(
          [
            ['Event', 'QueueMember'],
            ['Queue', queue.name],
            ['Name', agent.name],
            ['Location', agent.iface],
            ...memberStatistics(agent),
            ['InCall', agent.status === 'onCall' ? '1' : '0'],
            ['Status', String(memberStatus(agent))],
            ...memberPause(agent),
            ['Wrapuptime', String(agent.wrapUpSeconds)],
          ],
          actionId,
        ),
      );
      items++;
    }
    callers.forEach((visit, index) => {
      const c = visit.contact;
      out.push(
        withId(
          [
            ['Event', 'QueueEntry'],
            ['Queue', queue.name],
            ['Position', String(index + 1)],
            ['Channel', `${c.channelBase};2`],
            ['Uniqueid', c.uniqueid],
            ['CallerIDNum', c.callerNumber],
            ['CallerIDName', `Caller ${c.callerNumber}`],
            ['ConnectedLineNum', c.callerNumber],
            ['ConnectedLineName', `Caller ${c.callerNumber}`],
            ['Wait', String(nowS - Math.floor(visit.joinedAt / 1000))],
            ['Priority', '0'],
          ],
          actionId,
        ),
      );
      items++;
    });
  }
  out.push(complete('QueueStatusComplete', actionId, items));
  return out;
}

/** QueueSummary: one QueueSummary event per queue, then QueueSummaryComplete. */
export function queueSummaryResponse(
  view: PbxStateView,
  actionId: string | undefined,
  queueFilter?: string,
): Headers[] {
  const out: Headers[] = [start(actionId, 'Queue summary will follow')];
  const now = view.now();
  let items = 0;
  for (const queue of view.queues()) {
    if (queueFilter && queue.name !== queueFilter) continue;
    const members = view
      .agents()
      .filter((a) => a.status !== 'loggedOut' && a.queues.includes(queue.name));
    const callers = view.waiting().get(queue.name) ?? [];
    const longest = callers.reduce((m, v) => Math.max(m, Math.floor((now - v.joinedAt) / 1000)), 0);
    out.push(
      withId(
        [
          ['Event', 'QueueSummary'],
          ['Queue', queue.name],
          ['LoggedIn', String(members.length)],
          ['Available', String(members.filter((a) => a.status === 'available').length)],
          ['Callers', String(callers.length)],
          ['HoldTime', '0'],
          ['TalkTime', '0'],
          ['LongestHoldTime', String(longest)],
        ],
        actionId,
      ),
    );
    items++;
  }
  out.push(complete('QueueSummaryComplete', actionId, items));
  return out;
}

/** A stable UUID-shaped bridge id for a bridged caller (Asterisk shows the bridge's UUID). */
function bridgeIdOf(uniqueid: string): string {
  const hex = Buffer.from(uniqueid).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function duration(seconds: number): string {
  const s = Math.max(0, seconds);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/**
 * CoreShowChannels as manager.c action_coreshowchannels prints each channel: its channel block,
 * then Application, ApplicationData, Duration (whole seconds since the channel was created) and
 * BridgeId. Per caller in a queue: the Local pair's …;1 half (the lab's caller, in Wait()) and
 * the …;2 half running Queue(); per talking caller also the member's leg app_queue dialled
 * (created when the ring began), in the same bridge as the caller.
 */
export function coreShowChannelsResponse(
  view: PbxStateView,
  actionId: string | undefined,
  channelVars: boolean,
): Headers[] {
  const out: Headers[] = [start(actionId, 'Channels will follow')];
  const now = view.now();
  const age = (since: number) => duration(Math.floor((now - since) / 1000));
  const legs: { visit: SimVisit; talking: boolean }[] = [
    ...[...view.waiting().values()].flat().map((visit) => ({ visit, talking: false })),
    ...view.talking().map((visit) => ({ visit, talking: true })),
  ];
  let items = 0;
  const channel = (block: Headers, app: string, data: string, since: number, bridge = '') => {
    out.push([
      ['Event', 'CoreShowChannel'],
      ...(actionId === undefined ? [] : ([['ActionID', actionId]] as Headers)),
      ...block,
      ['Application', app],
      ['ApplicationData', data],
      ['Duration', age(since)],
      ['BridgeId', bridge],
    ]);
    items++;
  };
  for (const { visit, talking } of legs) {
    const c = visit.contact;
    const caller = {
      state: 6 as const,
      callerNum: c.callerNumber,
      callerName: `Caller ${c.callerNumber}`,
      connectedNum: c.callerNumber,
      connectedName: `Caller ${c.callerNumber}`,
      context: 'callers',
      exten: 's',
      linkedid: c.linkedid,
      hotline: channelVars ? c.line : undefined,
    };
    const bridge = talking ? bridgeIdOf(c.uniqueid) : '';
    channel(
      channelBlock('', {
        ...caller,
        name: `${c.channelBase};1`,
        priority: 1,
        uniqueid: c.linkedid,
      }),
      'Wait',
      '7200',
      c.arrivedAt,
    );
    channel(
      channelBlock('', {
        ...caller,
        name: `${c.channelBase};2`,
        priority: 10,
        uniqueid: c.uniqueid,
      }),
      'Queue',
      `${visit.queue},crt,${c.line},,,,queue-connected`,
      c.arrivedAt,
      bridge,
    );
    if (!talking || !visit.agentChannelBase || !visit.agentUniqueid) continue;
    channel(
      channelBlock('', {
        ...caller,
        name: `${visit.agentChannelBase};1`,
        context: 'agents',
        exten: visit.agent?.name ?? 's',
        priority: 1,
        uniqueid: visit.agentUniqueid,
      }),
      'AppDial',
      '(Outgoing Line)',
      visit.agentChannelAt ?? visit.answeredAt ?? now,
      bridge,
    );
  }
  out.push(complete('CoreShowChannelsComplete', actionId, items));
  return out;
}
