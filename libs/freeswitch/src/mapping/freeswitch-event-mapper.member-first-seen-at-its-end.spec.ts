import type { CallEvent } from '@hotline/call-events';
import { FreeswitchEventMapper } from './freeswitch-event-mapper';
import {
  answeredVisit,
  cancelledVisit,
  MEMBER,
  QUEUE,
  SESSION,
} from '../testing/callcenter-event.factory';

/**
 * After a gap the lists are read a little after the view's instant: a caller who joined while
 * the link was away and left in between is in no list, and the link's first word of it is its
 * end. The event carries the member's join (CC-Member-Joined-Time, its session, its caller),
 * so the visit is said whole — join, answer, end at mod_callcenter's epochs, as the CDR keeps
 * them — instead of an end of a call the listener never heard of.
 */
describe(`${FreeswitchEventMapper.name}: a member first seen at its end`, () => {
  const joinedUs = 1795918902_820417;
  const answeredUs = 1795918911_402000;
  const endedUs = 1795918990_118000;
  const view = { at: 1795918950_000, waiting: [], talking: [], agents: [] };

  function mapped(events: ReturnType<typeof answeredVisit>): CallEvent[] {
    const mapper = new FreeswitchEventMapper();
    mapper.seedMembers(view);
    return events.flatMap((e) => mapper.map(e, 0));
  }

  it('gives an abandoned caller’s join from its member-queue-end, then the abandon', () => {
    const [, end] = cancelledVisit(joinedUs, endedUs, 'BREAK_OUT');
    expect(mapped([end])).toEqual([
      {
        type: 'caller-joined-queue',
        at: 1795918902_000,
        callId: MEMBER,
        contactId: SESSION,
        queue: QUEUE,
        line: undefined,
        callerNumber: '79377840126',
        callerName: 'caller',
      },
      expect.objectContaining({ type: 'caller-abandoned', callId: MEMBER, waitSeconds: 88 }),
    ]);
  });

  it('gives a talk that ended unseen its join, its answer at the PBX’s epoch, and its end, once each', () => {
    const [, , , bridgeEnd, terminated] = answeredVisit(joinedUs, answeredUs, endedUs);
    const events = mapped([bridgeEnd, terminated]);
    expect(events.map((e) => e.type)).toEqual([
      'caller-joined-queue',
      'agent-answered',
      'call-ended',
    ]);
    expect(events[1]).toMatchObject({ at: 1795918911_000, waitSeconds: 9, agent: '1003@default' });
    expect(events[2]).toMatchObject({ talkSeconds: 79 });
  });

  it('says nothing new for a member it follows, from a view or its own join', () => {
    const seen = mapped(answeredVisit(joinedUs, answeredUs, endedUs));
    expect(seen.filter((e) => e.type === 'caller-joined-queue')).toHaveLength(1);
    expect(seen.filter((e) => e.type === 'agent-answered')).toHaveLength(1);

    const mapper = new FreeswitchEventMapper();
    mapper.seedMembers({
      ...view,
      talking: [
        {
          callId: MEMBER,
          contactId: SESSION,
          queue: QUEUE,
          joinedAt: 1795918902_000,
          answeredAt: 1795918911_000,
          agent: '1003@default',
          waitSeconds: 9,
          times: 'ledger',
        },
      ],
    });
    const [, , , bridgeEnd, terminated] = answeredVisit(joinedUs, answeredUs, endedUs);
    expect([bridgeEnd, terminated].flatMap((e) => mapper.map(e, 0)).map((e) => e.type)).toEqual([
      'call-ended',
    ]);
  });

  it('gives no second join for an end resent after the visit finished', () => {
    const mapper = new FreeswitchEventMapper();
    mapper.seedMembers(view);
    const [, end] = cancelledVisit(joinedUs, endedUs, 'BREAK_OUT');
    mapper.map(end, 0);
    expect(mapper.map(end, 0).map((e) => e.type)).toEqual(['caller-abandoned']);
  });
});
