import { FreeswitchEventMapper } from './freeswitch-event-mapper';
import { cancelledVisit, MEMBER } from '../testing/callcenter-event.factory';

describe(FreeswitchEventMapper.name, () => {
  const joined = 1795918902_100000;
  const left = 1795918933_467583;

  it('maps Cancel/BREAK_OUT (caller hung up while waiting) to an abandon with whole-second wait', () => {
    const mapper = new FreeswitchEventMapper();
    const events = cancelledVisit(joined, left, 'BREAK_OUT').flatMap((e) => mapper.map(e, 0));
    expect(events[1]).toEqual({
      type: 'caller-abandoned',
      at: 1795918933467,
      callId: MEMBER,
      queue: '12345@default',
      waitSeconds: 31,
    });
  });

  it.each([
    ['TIMEOUT', 'timeout'],
    ['NO_AGENT_TIMEOUT', 'leave-empty'],
    ['EXIT_WITH_KEY', 'exit-key'],
    ['SOMETHING_NEW', 'other'],
  ])('maps Cancel/%s to an exit with reason %s', (cancelReason, reason) => {
    const mapper = new FreeswitchEventMapper();
    const events = cancelledVisit(joined, left, cancelReason).flatMap((e) => mapper.map(e, 0));
    expect(events[1]).toMatchObject({ type: 'caller-exited', reason, waitSeconds: 31 });
    expect(mapper.openQueueCalls).toBe(0);
  });

  it('falls back to the receive time when Event-Date-Timestamp is missing', () => {
    const mapper = new FreeswitchEventMapper();
    const [start] = cancelledVisit(joined, left, 'BREAK_OUT');
    const bare = new (start.constructor as typeof import('../protocol/esl-event').EslEvent)(
      start.headers.filter(([name]) => name !== 'Event-Date-Timestamp'),
    );
    expect(mapper.map(bare, 42)[0]).toMatchObject({ at: 42 });
  });
});
