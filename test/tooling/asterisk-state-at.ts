/**
 * What a real Asterisk 22 would answer `QueueStatus` and `CoreShowChannels` with at one instant
 * of a recorded AMI capture (test/fixtures/asterisk/runN), rebuilt from the capture's own events
 * before that instant — so an attach test can present the monitor with the PBX as it was then
 * and stream it the rest.
 *
 * Rebuilt as app_queue and manager.c print them (Asterisk source: apps/app_queue.c
 * manager_queues_status, main/manager.c action_coreshowchannels):
 *  - QueueParams per configured queue (its own moving counters are not rebuilt: the monitor
 *    does not read them, kpi-spec.md);
 *  - QueueMember per member, from the last QueueMemberAdded/Status/Pause (InCall, Status,
 *    Paused, PausedReason…), gone after QueueMemberRemoved;
 *  - QueueEntry per caller queued (QueueCallerJoin not yet followed by Leave/Abandon), in join
 *    order, Wait = now − the join's whole second (`now - qe->start`, both time(NULL));
 *  - CoreShowChannel per channel created (Newchannel) and not hung up: its channel block as its
 *    last event gave it (ChanVariable HOTLINE included), Application/ApplicationData of its last
 *    Newexten ('AppDial' '(Outgoing Line)' for a leg dialled by app_queue, which runs no
 *    dialplan), Duration since Newchannel (HH:MM:SS, whole seconds), BridgeId from
 *    BridgeEnter/BridgeLeave.
 */
import type { AmiMessage } from '@hotline/asterisk/protocol';

type Headers = [string, string][];

export interface AmiStateAt {
  /** PBX time of the instant, epoch ms (what the Ping reply's Timestamp says). */
  readonly at: number;
  readonly queueStatus: Headers[];
  readonly coreShowChannels: Headers[];
}

interface Channel {
  block: Headers;
  createdAt: number;
  app: string;
  appData: string;
  bridge: string;
}

interface Entry {
  readonly uniqueid: string;
  readonly channel: string;
  readonly callerNum: string;
  readonly callerName: string;
  readonly connectedNum: string;
  readonly connectedName: string;
  readonly joinedAt: number;
}

const BLOCK_FIELDS = [
  'Channel',
  'ChannelState',
  'ChannelStateDesc',
  'CallerIDNum',
  'CallerIDName',
  'ConnectedLineNum',
  'ConnectedLineName',
  'Language',
  'AccountCode',
  'Context',
  'Exten',
  'Priority',
  'Uniqueid',
  'Linkedid',
];

/** The PBX time of an event (`Timestamp`, epoch seconds with µs), in ms. */
export function amiEventAt(message: AmiMessage): number | undefined {
  const stamp = Number(message.get('Timestamp'));
  return Number.isFinite(stamp) && stamp > 0 ? stamp * 1000 : undefined;
}

/** The channel block with a prefix ('' or 'Dest', 'LocalOne'…) of an event, if it has one. */
function blockOf(message: AmiMessage, prefix: string): Headers | undefined {
  if (!message.get(`${prefix}Uniqueid`) || !message.get(`${prefix}Channel`)) return undefined;
  const block: Headers = BLOCK_FIELDS.map((field) => [
    field,
    message.get(`${prefix}${field}`) ?? '',
  ]);
  for (const variable of message.getAll(`${prefix}ChanVariable`))
    block.push(['ChanVariable', variable]);
  return block;
}

function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/**
 * The state at `at` from the events before it (`before`, in capture order). `queues`: the
 * queues configured (queues.conf), each listed with QueueParams even when empty.
 */
export function amiStateAt(
  before: readonly AmiMessage[],
  at: number,
  queues: readonly string[],
): AmiStateAt {
  const channels = new Map<string, Channel>();
  const members = new Map<string, Map<string, Headers>>();
  const entries = new Map<string, Entry[]>();
  for (const queue of queues) {
    members.set(queue, new Map());
    entries.set(queue, []);
  }
  for (const message of before) {
    const name = message.event ?? '';
    const eventAt = amiEventAt(message) ?? at;
    for (const prefix of ['', 'Dest', 'LocalOne', 'LocalTwo']) {
      const block = blockOf(message, prefix);
      if (!block) continue;
      const uniqueid = message.get(`${prefix}Uniqueid`) ?? '';
      const known = channels.get(uniqueid);
      if (known) known.block = block;
      else if (name === 'Newchannel' && prefix === '')
        channels.set(uniqueid, {
          block,
          createdAt: eventAt,
          app: 'AppDial',
          appData: '(Outgoing Line)',
          bridge: '',
        });
    }
    const uniqueid = message.get('Uniqueid') ?? '';
    const channel = channels.get(uniqueid);
    switch (name) {
      case 'Hangup':
        channels.delete(uniqueid);
        break;
      case 'Newexten':
        if (channel) {
          channel.app = message.get('Application') ?? '';
          channel.appData = message.get('AppData') ?? '';
        }
        break;
      case 'BridgeEnter':
        if (channel) channel.bridge = message.get('BridgeUniqueid') ?? '';
        break;
      case 'BridgeLeave':
        if (channel) channel.bridge = '';
        break;
      case 'QueueMemberAdded':
      case 'QueueMemberStatus':
      case 'QueueMemberPause': {
        const queue = message.get('Queue') ?? '';
        const iface = message.get('Interface') ?? '';
        if (!members.has(queue)) members.set(queue, new Map());
        members.get(queue)?.set(iface, [
          ['Queue', queue],
          ['Name', message.get('MemberName') ?? ''],
          ['Location', iface],
          ['StateInterface', message.get('StateInterface') ?? iface],
          ['Membership', message.get('Membership') ?? 'dynamic'],
          ['Penalty', message.get('Penalty') ?? '0'],
          ['CallsTaken', message.get('CallsTaken') ?? '0'],
          ['LastCall', message.get('LastCall') ?? '0'],
          ['LastPause', message.get('LastPause') ?? '0'],
          ['LoginTime', message.get('LoginTime') ?? '0'],
          ['InCall', message.get('InCall') ?? '0'],
          ['Status', message.get('Status') ?? '0'],
          ['Paused', message.get('Paused') ?? '0'],
          ['PausedReason', message.get('PausedReason') ?? ''],
          ['Wrapuptime', message.get('Wrapuptime') ?? '0'],
        ]);
        break;
      }
      case 'QueueMemberRemoved':
        members.get(message.get('Queue') ?? '')?.delete(message.get('Interface') ?? '');
        break;
      case 'QueueCallerJoin': {
        const queue = message.get('Queue') ?? '';
        if (!entries.has(queue)) entries.set(queue, []);
        entries.get(queue)?.push({
          uniqueid,
          channel: message.get('Channel') ?? '',
          callerNum: message.get('CallerIDNum') ?? '',
          callerName: message.get('CallerIDName') ?? '',
          connectedNum: message.get('ConnectedLineNum') ?? '',
          connectedName: message.get('ConnectedLineName') ?? '',
          joinedAt: eventAt,
        });
        break;
      }
      case 'QueueCallerLeave':
      case 'QueueCallerAbandon': {
        const list = entries.get(message.get('Queue') ?? '') ?? [];
        const index = list.findIndex((e) => e.uniqueid === uniqueid);
        if (index >= 0) list.splice(index, 1);
        break;
      }
      default:
        break;
    }
  }

  const nowSecond = Math.floor(at / 1000);
  const queueStatus: Headers[] = [];
  for (const [queue, list] of entries) {
    queueStatus.push([
      ['Event', 'QueueParams'],
      ['Queue', queue],
      ['Max', '0'],
      ['Strategy', 'rrmemory'],
      ['Calls', String(list.length)],
      ['Holdtime', '0'],
      ['TalkTime', '0'],
      ['Completed', '0'],
      ['Abandoned', '0'],
      ['ServiceLevel', '0'],
      ['ServicelevelPerf', '0.0'],
      ['ServicelevelPerf2', '0.0'],
      ['Weight', '0'],
    ]);
    for (const member of members.get(queue)?.values() ?? [])
      queueStatus.push([['Event', 'QueueMember'], ...member]);
    list.forEach((entry, index) =>
      queueStatus.push([
        ['Event', 'QueueEntry'],
        ['Queue', queue],
        ['Position', String(index + 1)],
        ['Channel', entry.channel],
        ['Uniqueid', entry.uniqueid],
        ['CallerIDNum', entry.callerNum],
        ['CallerIDName', entry.callerName],
        ['ConnectedLineNum', entry.connectedNum],
        ['ConnectedLineName', entry.connectedName],
        ['Wait', String(nowSecond - Math.floor(entry.joinedAt / 1000))],
        ['Priority', '0'],
      ]),
    );
  }
  const coreShowChannels: Headers[] = [...channels.values()].map((channel) => [
    ['Event', 'CoreShowChannel'],
    ...channel.block,
    ['Application', channel.app],
    ['ApplicationData', channel.appData],
    ['Duration', duration(at - channel.createdAt)],
    ['BridgeId', channel.bridge],
  ]);
  return { at, queueStatus, coreShowChannels };
}
