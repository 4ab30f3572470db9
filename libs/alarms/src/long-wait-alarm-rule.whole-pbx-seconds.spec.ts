import { LongWaitAlarmRule } from './long-wait-alarm-rule';

describe(LongWaitAlarmRule.name, () => {
  it('dates a long wait from the PBX second in which the counted wait reached the threshold', () => {
    const joinedAt = 1_767_000_000_700; // 0.7 s into a PBX second
    // Counted in whole PBX seconds, the wait is 60 from the start of the 60th second after.
    const [condition] = new LongWaitAlarmRule(60).conditions([
      { callId: 'c', queue: 'q', line: null, joinedAt, waitSeconds: 60 },
    ]);
    expect(condition?.since).toBe(1_767_000_060_000);
    expect(
      new LongWaitAlarmRule(60).conditions([
        { callId: 'c', queue: 'q', line: null, joinedAt, waitSeconds: 59 },
      ]),
    ).toEqual([]);
  });
});
