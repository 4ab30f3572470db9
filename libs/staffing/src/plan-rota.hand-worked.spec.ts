import { HighsWorkerSolver } from '@hotline/milp';
import { CENTRE_TARGETS } from './centre-targets';
import { erlangAPerformance, requiredAgentsErlangA } from './erlang-a';
import { type RotaPlanQuery, planRota } from './plan-rota';
import type { RotaPlan } from './rota-plan';
import { SLOTS_PER_DAY, SLOTS_PER_WEEK, type ShiftRules, type ShiftType } from './rota-rules';

// Real solves in a worker thread: slow when the machine is busy, whatever the instance.
jest.setTimeout(60_000);

/*
 * Instances small enough to solve by hand.
 *
 * Day instance: one shift, 08:00–16:00, no breaks; 2 calls in each quarter hour from 08:00 to
 * 16:00 every day, handle 60 s, patience 300 s — one agent meets both targets (asserted below
 * from Erlang A). Seven day-shifts are needed; a person works 5 days in a row, so:
 *   - the fewest people is ⌈7/5⌉ = 2 (two blocks of five that together touch all seven days);
 *   - with 2 people there are 10 shifts for 7 days, at most 2 a day (one per person): 3 days get
 *     two agents and 4 get one, so the least expected lost calls are
 *     32 slots × (4 × lost(1) + 3 × lost(2)) a week;
 *   - with 1 person, two days have nobody: 2 days × 8 h = 16 agent-hours short, and that is
 *     the least possible;
 *   - the fewest seats, people unlimited, is 2: blocks of five cannot tile seven days, so some
 *     day has two people on the one shift.
 */
const dayShift: ShiftType = {
  name: 'day',
  lengthMinutes: 480,
  firstStart: '08:00',
  lastStart: '08:00',
  breaks: [],
  night: false,
};
const dayRules: ShiftRules = {
  shiftTypes: [dayShift],
  startEveryMinutes: 30,
  labour: { workDaysPerWeek: 5, maxConsecutiveNights: 3, minRestHours: 11 },
};
const CALLS = 2;
const demand = {
  calls: Array.from({ length: SLOTS_PER_WEEK }, (_, t) => {
    const slot = t % SLOTS_PER_DAY;
    return slot >= 32 && slot < 64 ? CALLS : 0;
  }),
  handleSeconds: 60,
  meanPatienceSeconds: 300,
};

function query(overrides: Partial<RotaPlanQuery>): RotaPlanQuery {
  return {
    rules: dayRules,
    demand,
    inputs: {
      demandBasis: { kind: 'given' },
      talkSeconds: 60,
      afterCallWorkSeconds: 0,
      afterCallWorkSource: 'config',
      patienceSource: 'given',
      patienceAbandons: null,
    },
    targets: CENTRE_TARGETS,
    headcount: 2,
    seats: 10,
    shrinkage: 0,
    minAnswering: 0,
    weekStart: null,
    month: '2021-02',
    currentRota: [],
    timeLimitSeconds: 20,
    now: () => Date.now(),
    ...overrides,
  };
}

const lostWith = (agents: number): number =>
  CALLS *
  erlangAPerformance({
    agents,
    arrivalRatePerSecond: CALLS / 900,
    ahtSeconds: 60,
    meanPatienceSeconds: 300,
    answeredWithinSeconds: 10,
  }).probabilityOfAbandonment;

describe(planRota.name, () => {
  const solver = new HighsWorkerSolver();
  afterAll(() => solver.close());

  it('needs exactly one agent per busy quarter hour in the day instance (the premise)', () => {
    const staffing = requiredAgentsErlangA({
      arrivalRatePerSecond: CALLS / 900,
      ahtSeconds: 60,
      meanPatienceSeconds: 300,
      targetAnswerRate: 0.95,
      targetAnsweredWithinSeconds: 10,
      targetAnsweredWithinRate: 0.8,
    });
    expect(staffing.agents).toBe(1);
  });

  describe('with two people', () => {
    let plan: RotaPlan;
    beforeAll(async () => {
      plan = await planRota(query({}), solver);
    });

    it('finds the hand-worked optimum: 2 people, 3 days doubled, the lost calls of that', () => {
      expect(plan.requirement).toBe('met');
      expect(plan.infeasibility).toBeNull();
      expect(plan.smallestHeadcount).toEqual({ value: 2, provedAtLeast: 2, optimal: true });
      expect(plan.summary.headcountUsed).toBe(2);
      const [row] = plan.shiftTable;
      expect(plan.shiftTable).toHaveLength(1);
      expect(row).toMatchObject({ type: 'day', start: '08:00', end: '16:00' });
      expect([...row.people].sort()).toEqual([1, 1, 1, 1, 2, 2, 2]);
      const handWorked = 32 * (4 * lostWith(1) + 3 * lostWith(2));
      expect(plan.summary.expectedLostCallsPerWeek).toBeCloseTo(handWorked, 2);
    });

    it('reports every solver phase with its status, and the lost-call phase as proved', () => {
      const stages = new Map(plan.solver.stages.map((s) => [s.stage, s]));
      expect(stages.get('least lost calls')?.status).toBe('optimal');
      expect(stages.get('fewest people')?.status).toBe('optimal');
      expect(stages.get('break placement')?.status).toBe('optimal');
      for (const stage of plan.solver.stages) {
        expect(stage.seconds).toBeGreaterThanOrEqual(0);
        expect(stage.columns).toBeGreaterThan(0);
      }
    });

    it('gives two people five days in a row each, with their two days off together', () => {
      for (const person of plan.people) {
        expect(person.week.filter((d) => d !== null)).toHaveLength(5);
        const [a, b] = person.daysOff;
        expect(b - a === 1 || (a === 1 && b === 7)).toBe(true);
      }
    });
  });

  it('reports an infeasible headcount instead of throwing: the bound, the slots, the fewest people', async () => {
    const plan = await planRota(query({ headcount: 1 }), solver);

    expect(plan.requirement).toBe('short');
    expect(plan.infeasibility).toMatchObject({
      proved: true,
      shortAgentHours: 16,
      shortAgentHoursAtLeast: 16,
      smallestSeats: { value: 2, optimal: true },
    });
    expect(plan.infeasibility?.shortSlots).toHaveLength(64);
    expect(plan.smallestHeadcount).toEqual({ value: 2, provedAtLeast: 2, optimal: true });
    expect(plan.summary.headcountUsed).toBe(1);
  });

  it('reports no seats as infeasible, and the two seats that would do', async () => {
    const plan = await planRota(query({ seats: 0 }), solver);

    expect(plan.requirement).toBe('short');
    expect(plan.infeasibility?.proved).toBe(true);
    expect(plan.infeasibility?.smallestSeats.value).toBe(2);
    expect(plan.smallestHeadcount.value).toBeNull();
    expect(plan.summary.headcountUsed).toBe(0);
  });

  it('keeps nights to the last K days of a block: one agent a night with at most 2 in a row needs 4 people', async () => {
    // Nights 22:00–06:00 need one agent; a person may work at most 2 nights in a row, so night
    // work is the last 2 of their 5 days (after 3 day shifts): 7 nights ÷ 2 → 4 people.
    const nightShift: ShiftType = {
      ...dayShift,
      name: 'night',
      firstStart: '22:00',
      lastStart: '22:00',
      night: true,
    };
    const rules: ShiftRules = {
      ...dayRules,
      shiftTypes: [dayShift, nightShift],
      labour: { ...dayRules.labour, maxConsecutiveNights: 2 },
    };
    const nights = {
      ...demand,
      calls: Array.from({ length: SLOTS_PER_WEEK }, (_, t) => {
        const slot = t % SLOTS_PER_DAY;
        return slot >= 88 || slot < 24 ? CALLS : 0;
      }),
    };
    const plan = await planRota(query({ rules, demand: nights, headcount: 10 }), solver);

    expect(plan.requirement).toBe('met');
    expect(plan.smallestHeadcount).toEqual({ value: 4, provedAtLeast: 4, optimal: true });
    for (const person of plan.people) {
      let run = 0;
      for (let d = 0; d < 14; d++) {
        run = person.week[d % 7]?.night ? run + 1 : 0;
        expect(run).toBeLessThanOrEqual(2);
      }
    }
  });
});
