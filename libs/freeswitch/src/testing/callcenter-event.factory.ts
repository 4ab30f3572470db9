import { EslEvent } from '../protocol/esl-event';

export const QUEUE = '12345@default';
export const MEMBER = 'dcd0c711-8055-40db-9545-9cab091e752b';
export const SESSION = 'b27fdd47-6281-42d7-bac4-c5af4820c2c5';

/** A CUSTOM callcenter::info event; `epochUs` becomes Event-Date-Timestamp (µs, as FreeSWITCH stamps it). */
export function callcenterEvent(
  action: string,
  epochUs: number,
  headers: Record<string, string> = {},
): EslEvent {
  return new EslEvent([
    ['Event-Name', 'CUSTOM'],
    ['Event-Subclass', 'callcenter::info'],
    ['Event-Date-Timestamp', String(epochUs)],
    ['CC-Action', action],
    ...Object.entries(headers),
  ]);
}

/** Headers every member event of one visit carries. */
export function member(memberUuid = MEMBER, sessionUuid = SESSION): Record<string, string> {
  return {
    'CC-Queue': QUEUE,
    'CC-Member-UUID': memberUuid,
    'CC-Member-Session-UUID': sessionUuid,
    'CC-Member-CID-Name': 'caller',
    'CC-Member-CID-Number': '79377840126',
  };
}

const US = 1_000_000;

/** The events of one visit answered by `agent`: join at `joined`, answer at `answered`, talk end at `ended` (µs). */
export function answeredVisit(
  joinedUs: number,
  answeredUs: number,
  endedUs: number,
  agent = '1003@default',
  ids = member(),
): EslEvent[] {
  const joined = String(Math.floor(joinedUs / US));
  const answered = String(Math.floor(answeredUs / US));
  const ended = String(Math.floor(endedUs / US));
  return [
    callcenterEvent('member-queue-start', joinedUs, {
      ...ids,
      variable_hotline: '12345',
      variable_cc_queue_joined_epoch: joined,
    }),
    callcenterEvent('agent-offering', answeredUs - 500_000, { ...ids, 'CC-Agent': agent }),
    callcenterEvent('bridge-agent-start', answeredUs, {
      ...ids,
      'CC-Agent': agent,
      'CC-Agent-Called-Time': answered,
      'CC-Agent-Answered-Time': answered,
      'CC-Member-Joined-Time': joined,
    }),
    callcenterEvent('bridge-agent-end', endedUs, {
      ...ids,
      'CC-Agent': agent,
      'CC-Hangup-Cause': 'SUCCESS',
      'CC-Agent-Answered-Time': answered,
      'CC-Member-Joined-Time': joined,
      'CC-Bridge-Terminated-Time': ended,
    }),
    callcenterEvent('member-queue-end', endedUs, {
      ...ids,
      'CC-Cause': 'Terminated',
      'CC-Agent': agent,
      'CC-Agent-Answered-Time': answered,
      'CC-Member-Leaving-Time': ended,
      'CC-Member-Joined-Time': joined,
    }),
  ];
}

export function cancelledVisit(
  joinedUs: number,
  leftUs: number,
  reason: string,
  ids = member(),
): EslEvent[] {
  const joined = String(Math.floor(joinedUs / US));
  return [
    callcenterEvent('member-queue-start', joinedUs, { ...ids, variable_hotline: '12345' }),
    callcenterEvent('member-queue-end', leftUs, {
      ...ids,
      'CC-Cause': 'Cancel',
      'CC-Cancel-Reason': reason,
      'CC-Member-Joined-Time': joined,
      'CC-Member-Leaving-Time': String(Math.floor(leftUs / US)),
    }),
  ];
}

export function agentEvent(
  action: 'agent-status-change' | 'agent-state-change',
  epochUs: number,
  agent: string,
  value: string,
): EslEvent {
  return callcenterEvent(action, epochUs, {
    'CC-Agent': agent,
    [action === 'agent-status-change' ? 'CC-Agent-Status' : 'CC-Agent-State']: value,
  });
}
