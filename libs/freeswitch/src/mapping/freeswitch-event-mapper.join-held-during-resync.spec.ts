import { FreeswitchEventMapper } from './freeswitch-event-mapper';
import { cancelledVisit, MEMBER, QUEUE, SESSION } from '../testing/callcenter-event.factory';

/**
 * A caller who joins while the resync lists are read is in the view (mod_callcenter's whole
 * second, no line) and its member-queue-start arrives after the view: one join, the view's,
 * with the line the event says — never a second join at the event's own time, which a serve
 * that restored the finished call would count as a new call.
 */
describe(`${FreeswitchEventMapper.name}: a join held while the view was read`, () => {
  const joinedUs = 1795918902_820417;
  const leftUs = 1795918933_467583;

  it('gives the view’s join with the line, once, and the visit’s end', () => {
    const mapper = new FreeswitchEventMapper();
    mapper.seedMembers({
      at: 1795918903_000,
      waiting: [{ callId: MEMBER, contactId: SESSION, queue: QUEUE, joinedAt: 1795918902_000 }],
      talking: [],
      agents: [],
    });
    const events = cancelledVisit(joinedUs, leftUs, 'BREAK_OUT').flatMap((e) => mapper.map(e, 0));
    expect(events).toEqual([
      {
        type: 'caller-joined-queue',
        at: 1795918902_000,
        callId: MEMBER,
        contactId: SESSION,
        queue: QUEUE,
        line: '12345',
      },
      expect.objectContaining({ type: 'caller-abandoned', callId: MEMBER, waitSeconds: 31 }),
    ]);
  });

  it('still maps the join of a member the view did not list', () => {
    const mapper = new FreeswitchEventMapper();
    const [join] = cancelledVisit(joinedUs, leftUs, 'BREAK_OUT').flatMap((e) => mapper.map(e, 0));
    expect(join).toMatchObject({ type: 'caller-joined-queue', at: 1795918902_820, line: '12345' });
  });
});
