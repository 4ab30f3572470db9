import { runModel } from './run-model';
import { DAY_MS, startOfDay } from '@hotline/calendar';
import { SCENARIO_TIME_ZONE } from './model/scenario-time-zone';

describe('runModel (every day of a run is rostered)', () => {
  it('logs agents in and answers calls on each of five days, the second one too', () => {
    const startAt = Date.parse('2021-01-01T00:00:00+08:00');
    const loginsByDay = new Array<number>(5).fill(0);
    const { calls } = runModel({
      scenario: 'month-2021-01',
      seed: 3,
      startAt,
      durationMs: 5 * DAY_MS,
      onEvent: (event) => {
        if (event.type !== 'memberAdded') return;
        loginsByDay[Math.floor((startOfDay(event.at, SCENARIO_TIME_ZONE) - startAt) / DAY_MS)]++;
      },
    });
    // The rota puts ~57 of 80 agents (5 days in 7) on each day.
    for (const logins of loginsByDay) expect(logins).toBeGreaterThan(45);
    for (let day = 0; day < 5; day++) {
      const dayCalls = calls.filter(
        (c) => c.joinedAt >= startAt + day * DAY_MS && c.joinedAt < startAt + (day + 1) * DAY_MS,
      );
      const answered = dayCalls.filter((c) => c.outcome === 'answered').length;
      expect(answered / dayCalls.length).toBeGreaterThan(0.9);
    }
  });
});
