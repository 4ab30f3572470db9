import { AmiEventMapper } from './ami-event-mapper';
import { memberEvent } from './ami-event.factory';

const T0 = 1_795_918_750;

describe(AmiEventMapper.name, () => {
  describe('queue member events → agent states', () => {
    it('reads a pause with its reason, once for the pause of all the agent’s queues', () => {
      const mapper = new AmiEventMapper();
      mapper.map(memberEvent('QueueMemberAdded', T0 - 20, '12345', 'agent101'), 0);
      mapper.map(memberEvent('QueueMemberAdded', T0 - 20, '12345-en', 'agent101'), 0);
      const pauseFirst = mapper.map(
        memberEvent('QueueMemberPause', T0, '12345-en', 'agent101', {
          paused: true,
          reason: 'break',
        }),
        0,
      );
      // Still available in 12345: it can still be offered calls.
      expect(pauseFirst).toEqual([]);
      expect(
        mapper.map(
          memberEvent('QueueMemberPause', T0, '12345', 'agent101', {
            paused: true,
            reason: 'break',
          }),
          0,
        ),
      ).toEqual([
        {
          type: 'agent-state-changed',
          at: T0 * 1000,
          agent: 'agent101',
          state: 'paused',
          pauseReason: 'break',
          queues: ['12345', '12345-en'],
        },
      ]);
    });

    it.each([
      [{ status: 1 }, 'available'],
      [{ status: 2 }, 'on-call'],
      [{ status: 1, inCall: true }, 'on-call'],
      [{ status: 6 }, 'ringing'],
      [{ status: 5 }, 'logged-out'],
      [{ status: 2, paused: true, reason: 'training' }, 'on-call'],
    ])('maps device state %j to %s', (state, expected) => {
      const mapper = new AmiEventMapper();
      expect(
        mapper.map(memberEvent('QueueMemberStatus', T0, '12345', 'agent102', state), 0),
      ).toMatchObject([{ type: 'agent-state-changed', agent: 'agent102', state: expected }]);
    });

    it('reports logged-out when the agent is removed from its last queue', () => {
      const mapper = new AmiEventMapper();
      mapper.map(memberEvent('QueueMemberAdded', T0, '12345', 'agent104'), 0);
      expect(
        mapper.map(memberEvent('QueueMemberRemoved', T0 + 25, '12345', 'agent104'), 0),
      ).toEqual([
        {
          type: 'agent-state-changed',
          at: (T0 + 25) * 1000,
          agent: 'agent104',
          state: 'logged-out',
          queues: [],
        },
      ]);
    });

    it('names the agent by agentNameFromInterface when configured', () => {
      const mapper = new AmiEventMapper({
        agentNameFromInterface: (iface) => iface.replace(/^Local\/(\w+)@.*$/, 'seat-$1'),
      });
      expect(
        mapper.map(memberEvent('QueueMemberStatus', T0, '12345', 'agent105'), 0),
      ).toMatchObject([{ agent: 'seat-agent105', state: 'available' }]);
    });
  });
});
