import { FreeswitchEventMapper } from './freeswitch-event-mapper';
import { agentEvent } from '../testing/callcenter-event.factory';

describe(FreeswitchEventMapper.name, () => {
  const agent = '1004@default';

  it('combines status and state: On Break during a call stays on-call, then paused once the call ends', () => {
    const mapper = new FreeswitchEventMapper();
    const sequence = [
      agentEvent('agent-status-change', 1_000_000, agent, 'Available'),
      agentEvent('agent-state-change', 2_000_000, agent, 'Receiving'),
      agentEvent('agent-state-change', 3_000_000, agent, 'In a queue call'),
      agentEvent('agent-status-change', 4_000_000, agent, 'On Break'),
      agentEvent('agent-state-change', 5_000_000, agent, 'Waiting'),
      agentEvent('agent-status-change', 6_000_000, agent, 'Available (On Demand)'),
      agentEvent('agent-state-change', 7_000_000, agent, 'Idle'),
      agentEvent('agent-status-change', 8_000_000, agent, 'Logged Out'),
    ];
    const states = sequence.flatMap((e) => mapper.map(e, 0));
    expect(
      states.map((e) => (e.type === 'agent-state-changed' ? [e.at, e.state, e.pauseReason] : [])),
    ).toEqual([
      [1000, 'available', undefined],
      [2000, 'ringing', undefined],
      [3000, 'on-call', undefined],
      [5000, 'paused', 'On Break'],
      [6000, 'available', undefined],
      [7000, 'paused', 'Idle'],
      [8000, 'logged-out', undefined],
    ]);
  });

  it('uses the status seeded from agent list after a reconnect', () => {
    const mapper = new FreeswitchEventMapper();
    mapper.seedAgents([{ agent, status: 'On Break', state: 'In a queue call' }]);
    expect(mapper.map(agentEvent('agent-state-change', 1_000_000, agent, 'Waiting'), 0)).toEqual([
      { type: 'agent-state-changed', at: 1000, agent, state: 'paused', pauseReason: 'On Break' },
    ]);
  });
});
