import type { CallEvent } from '@hotline/call-events';
import { FreeswitchEventMapper } from './freeswitch-event-mapper';
import {
  answeredVisit,
  callcenterEvent,
  member,
  MEMBER,
  QUEUE,
  SESSION,
} from '../testing/callcenter-event.factory';

/**
 * fs-run1 call 0015: max-wait-time (60 s) expired as agent 1003 answered. FreeSWITCH sent
 * bridge-agent-start, 20 ms later member-queue-end Cancel/TIMEOUT (with the member's
 * cc_agent_bridged and cc_queue_answered_epoch variables), and 7 s later bridge-agent-end and
 * member-queue-end Terminated.
 */
describe(FreeswitchEventMapper.name, () => {
  const [join, offering, bridgeStart, bridgeEnd, terminated] = answeredVisit(
    1795918918_827579,
    1795918978_887534,
    1795918985_907589,
  );
  const cancelTimeout = (withVariables: boolean) =>
    callcenterEvent('member-queue-end', 1795918978_907537, {
      ...member(),
      'CC-Cause': 'Cancel',
      'CC-Cancel-Reason': 'TIMEOUT',
      'CC-Member-Joined-Time': '1795918918',
      'CC-Member-Leaving-Time': '1795918978',
      ...(withVariables
        ? { variable_cc_agent_bridged: 'true', variable_cc_queue_answered_epoch: '1795918978' }
        : {}),
    });

  function outcomes(events: CallEvent[]): string[] {
    return events
      .filter((e) => ['agent-answered', 'caller-exited', 'caller-abandoned'].includes(e.type))
      .map((e) => e.type);
  }

  it('counts the call as answered, never as a timeout, even without channel variables', () => {
    const mapper = new FreeswitchEventMapper();
    const events = [
      join,
      offering,
      bridgeStart,
      cancelTimeout(false),
      bridgeEnd,
      terminated,
    ].flatMap((e) => mapper.map(e, 0));
    expect(outcomes(events)).toEqual(['agent-answered']);
    expect(events.find((e) => e.type === 'agent-answered')).toMatchObject({ waitSeconds: 60 });
    expect(events.find((e) => e.type === 'call-ended')).toMatchObject({ talkSeconds: 7 });
    expect(mapper.openQueueCalls).toBe(0);
  });

  it('trusts the Cancel event’s own cc_agent_bridged when the bridge-agent-start was not seen (connected mid-call)', () => {
    const mapper = new FreeswitchEventMapper();
    mapper.seedMembers({
      at: 1795918978_000,
      waiting: [
        {
          callId: MEMBER,
          contactId: SESSION,
          queue: QUEUE,
          joinedAt: 1795918918_000,
        },
      ],
      talking: [],
      agents: [],
    });
    expect(mapper.map(cancelTimeout(true), 0)).toEqual([]);
    const closing = [bridgeEnd, terminated].flatMap((e) => mapper.map(e, 0));
    expect(closing.map((e) => e.type)).toEqual(['agent-answered', 'call-ended']);
    expect(closing[0]).toMatchObject({ waitSeconds: 60, at: 1795918978_000 });
  });

  it('still produces nothing for a Cancel resent after the call finished', () => {
    const mapper = new FreeswitchEventMapper();
    [join, offering, bridgeStart, cancelTimeout(false), bridgeEnd, terminated].forEach((e) =>
      mapper.map(e, 0),
    );
    expect(mapper.map(cancelTimeout(false), 0)).toEqual([]);
  });
});
