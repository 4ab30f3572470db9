import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../model/load-scenario';
import { runModel } from '../run-model';
import { readRotaPlan, scenarioWithRota, type PlannedRota } from './planned-rota';

type PlannedDay = PlannedRota['people'][number]['week'][number];

/** A week with `day` on Monday and nothing on the other six days. */
const mondayOnly = (day: PlannedDay): PlannedDay[] =>
  [0, 1, 2, 3, 4, 5, 6].map((d) => (d === 0 ? day : null));

/** Two people: Monday–Friday 08:00–16:00 with a meal at 12:00, and Monday 12:00–20:00. */
const plan: PlannedRota = {
  people: [
    {
      id: 'A001',
      week: [0, 1, 2, 3, 4, 5, 6].map((d) =>
        d < 5
          ? {
              start: '08:00',
              lengthMinutes: 480,
              breaks: [{ reason: 'meal', afterMinutes: 240, minutes: 30 }],
            }
          : null,
      ),
    },
    {
      id: 'A002',
      week: mondayOnly({ start: '12:00', lengthMinutes: 480, breaks: [] }),
    },
  ],
};

describe(scenarioWithRota.name, () => {
  it('puts the plan’s people on instead of the shift pools, each at their hours', () => {
    const scenario = scenarioWithRota(loadScenario('month-2021-01'), plan);
    const monday = Date.parse('2021-01-04T00:00:00+08:00');
    const events: { type: string; at: number; who: string; reason?: string }[] = [];
    runModel({
      scenario: { ...scenario, callsPerDay: 0 },
      seed: 1,
      startAt: monday,
      durationMs: 86_400_000,
      onEvent: (e) => {
        if (e.type === 'memberAdded' || e.type === 'memberRemoved')
          events.push({ type: e.type, at: e.at, who: e.agent.shift });
        if (e.type === 'memberPaused' && e.paused)
          events.push({ type: 'paused', at: e.at, who: e.agent.shift, reason: e.reason });
      },
    });
    const hour = (e: { at: number }) => (e.at - monday) / 3_600_000;
    const logins = events.filter((e) => e.type === 'memberAdded');
    expect(logins.map((e) => e.who)).toEqual(['A001', 'A002']);
    expect(hour(logins[0])).toBeCloseTo(8, 1); // ± 2 minutes of jitter, like the pools
    expect(hour(logins[1])).toBeCloseTo(12, 1);
    const meal = events.filter((e) => e.type === 'paused' && e.reason === 'meal');
    expect(meal).toHaveLength(1);
    // On the plan's time, or when a pause in progress ends (no calls: nobody is on one).
    expect(hour(meal[0])).toBeGreaterThanOrEqual(12);
    expect(hour(meal[0])).toBeLessThan(12.5);
  });

  it('drops the random pauses the plan schedules itself, and keeps the others', () => {
    const base = loadScenario('month-2021-01');
    const withBreak = {
      people: [
        {
          ...plan.people[1],
          week: mondayOnly({
            start: '12:00',
            lengthMinutes: 480,
            breaks: [{ reason: 'break', afterMinutes: 60, minutes: 15 }],
          }),
        },
      ],
    };
    expect(base.pauses.map((p) => p.reason)).toEqual(['break', 'training', 'meeting']);
    expect(scenarioWithRota(base, withBreak).pauses.map((p) => p.reason)).toEqual([
      'training',
      'meeting',
    ]);
  });
});

describe(readRotaPlan.name, () => {
  it('reads the planner’s file and says what is wrong with a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rota-'));
    const good = join(dir, 'plan.json');
    writeFileSync(good, JSON.stringify({ format: 'hotline-rota-plan/1', ...plan }));
    expect(readRotaPlan(good).people).toHaveLength(2);
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ format: 'hotline-rota-plan/1', people: [{ id: 'x', week: [] }] }),
    );
    expect(() => readRotaPlan(bad)).toThrow(/--rota .*bad\.json: people\.0\.week/);
  });
});
