import type { AgentState } from '@hotline/call-events';
import { DEFAULT_AGENT_WORK_CONFIG } from '@hotline/kpi';
import { floorCapacity, floorOf } from './floor-capacity';

const agents = (state: AgentState, n: number, pauseReason: string | null = null) =>
  Array.from({ length: n }, () => ({ state, pauseReason }));

describe('floor capacity: where the agents on duty are', () => {
  const work = {
    ...DEFAULT_AGENT_WORK_CONFIG,
    pauseReasons: {
      话后: 'after-call-work',
      小休: 'break',
      培训: 'training',
      会议: 'meeting',
    } as const,
  };

  it('splits 在岗 21 into 可接 8 + 话后 9 + paused 4 by kind; logged-out agents are not on duty', () => {
    const floor = floorOf(
      [
        ...agents('available', 3),
        ...agents('ringing', 1),
        ...agents('on-call', 4),
        ...agents('wrap-up', 8),
        // A 话后 pause is after-call work even where the snapshot still shows it paused.
        ...agents('paused', 1, '话后'),
        ...agents('paused', 2, '小休'),
        ...agents('paused', 1, '培训'),
        ...agents('paused', 1, 'lunch'),
        ...agents('logged-out', 5),
      ],
      work,
    );
    expect(floor).toEqual({
      onDuty: 21,
      ableToAnswer: 8,
      afterCallWork: 9,
      paused: 4,
      pausedByKind: { break: 2, training: 1, meeting: 0, other: 1 },
      answering: 17,
    });
    expect(floor.ableToAnswer + floor.afterCallWork + floor.paused).toBe(floor.onDuty);
  });

  it('reads a pause with no reason, or one the config does not name, as other', () => {
    const floor = floorOf([...agents('paused', 2), ...agents('paused', 1, '小休')], {
      ...DEFAULT_AGENT_WORK_CONFIG,
      pauseReasons: {},
    });
    expect(floor.pausedByKind).toEqual({ break: 0, training: 0, meeting: 0, other: 3 });
    expect(floor.answering).toBe(0);
  });

  it('is all zeros for an empty floor', () => {
    expect(floorCapacity([])).toEqual({
      onDuty: 0,
      ableToAnswer: 0,
      afterCallWork: 0,
      paused: 0,
      pausedByKind: { break: 0, training: 0, meeting: 0, other: 0 },
      answering: 0,
    });
  });
});
