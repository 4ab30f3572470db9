import { AlarmBook } from './alarm-book';
import { alarmEvent } from './alarm-event';
import { LongWaitAlarmRule } from './long-wait-alarm-rule';

const T = 1_700_000_000_000;
const waiting = (waitSeconds: number, at: number) => [
  { callId: 'c1', queue: 'q1', line: null, joinedAt: at - waitSeconds * 1000, waitSeconds },
];

describe(alarmEvent.name, () => {
  it('dates each line when it happened: the crossing, the escalation, the acknowledgement, the clearing', () => {
    const book = new AlarmBook();
    const rule = new LongWaitAlarmRule(60);
    const transitions = [
      ...book.evaluate('long-wait', rule.conditions(waiting(65, T)), T),
      book.acknowledge(`long-wait:c1@${T - 5_000}`, { by: 'leader', at: T + 1_000 }),
      ...book.evaluate('long-wait', rule.conditions(waiting(125, T + 60_000)), T + 60_000),
      ...book.evaluate('long-wait', [], T + 70_000),
    ];
    expect(
      transitions.map((t) => {
        const e = alarmEvent(t!);
        return [e.event, e.at - T, e.severity, e.value, e.acknowledgedBy];
      }),
    ).toEqual([
      ['raised', -5_000, 'warning', 65, null],
      ['acknowledged', 1_000, 'warning', 65, 'leader'],
      // An escalation asks the leaders again.
      ['escalated', 60_000, 'critical', 125, null],
      ['cleared', 70_000, 'critical', 125, null],
    ]);
  });
});
