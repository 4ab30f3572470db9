import type { CallEvent } from '@hotline/call-events';
import { FreeswitchEventMapper } from './freeswitch-event-mapper';
import { answeredVisit, MEMBER, QUEUE, SESSION } from '../testing/callcenter-event.factory';
import type { EslEvent } from '../protocol/esl-event';

function mapAll(mapper: FreeswitchEventMapper, events: readonly EslEvent[]): CallEvent[] {
  return events.flatMap((event) => mapper.map(event, 0));
}

describe(FreeswitchEventMapper.name, () => {
  it('maps an answered visit: join with line and contact, ringing, answer with whole-second wait, end with talk', () => {
    const joined = 1795918918_827579;
    const events = mapAll(
      new FreeswitchEventMapper(),
      answeredVisit(joined, 1795918925_887534, 1795918985_907589),
    );
    expect(events.map((e) => e.type)).toEqual([
      'caller-joined-queue',
      'agent-ringing',
      'agent-answered',
      'call-ended',
    ]);
    expect(events[0]).toMatchObject({
      callId: MEMBER,
      contactId: SESSION,
      queue: QUEUE,
      line: '12345',
      at: 1795918918827,
    });
    expect(events[2]).toMatchObject({
      agent: '1003@default',
      waitSeconds: 1795918925 - 1795918918,
    });
    expect(events[3]).toMatchObject({ talkSeconds: 1795918985 - 1795918925 });
  });

  it('does not count a 300 s talk that measures 300.06 s on the µs clock as over 5 minutes', () => {
    // Whole-second CC-* stamps 300 s apart; the µs Event-Date-Timestamps are 300.06 s apart.
    const answeredUs = 1795918859_200000;
    const endedUs = answeredUs + 300_060_000;
    const events = mapAll(
      new FreeswitchEventMapper(),
      answeredVisit(1795918857_100000, answeredUs, endedUs),
    );
    const ended = events.find((e) => e.type === 'call-ended');
    expect((endedUs - answeredUs) / 1e6).toBeGreaterThan(300);
    expect(ended).toMatchObject({ talkSeconds: 300 });
  });

  it('takes the wait from CC-Agent-Answered-Time − CC-Member-Joined-Time, not from the µs clock', () => {
    // Joined at …57.9 s, answered at …67.1 s: 9.2 s measured, 10 s in the CDR (67 − 57).
    const events = mapAll(
      new FreeswitchEventMapper(),
      answeredVisit(1795918857_900000, 1795918867_100000, 1795918900_000000),
    );
    expect(events.find((e) => e.type === 'agent-answered')).toMatchObject({ waitSeconds: 10 });
  });

  it('ignores events that are not callcenter::info', () => {
    const mapper = new FreeswitchEventMapper();
    const [join] = answeredVisit(1795918857_000000, 1795918860_000000, 1795918870_000000);
    const heartbeat = new (
      Object.getPrototypeOf(join).constructor as typeof import('../protocol/esl-event').EslEvent
    )([['Event-Name', 'HEARTBEAT']]);
    expect(mapper.map(heartbeat, 5)).toEqual([]);
  });

  it('closes the talk from member-queue-end Terminated when bridge-agent-end was missed, once', () => {
    const visit = answeredVisit(1795918857_000000, 1795918860_000000, 1795918870_000000);
    const withoutBridgeEnd = visit.filter((e) => e.get('CC-Action') !== 'bridge-agent-end');
    const events = mapAll(new FreeswitchEventMapper(), withoutBridgeEnd);
    expect(events.filter((e) => e.type === 'call-ended')).toEqual([
      expect.objectContaining({ talkSeconds: 10 }),
    ]);
  });
});
