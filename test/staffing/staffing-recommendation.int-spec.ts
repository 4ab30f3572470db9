import { DEFAULT_AGENT_WORK_CONFIG } from '@hotline/kpi';
import { loadScenario } from '@hotline/simulator/model/load-scenario';
import type { ScenarioConfig } from '@hotline/simulator/model/scenario-config';
import { advisorHandleTime } from '@hotline/simulator/staffing-check/advisor-handle-time';
import {
  runWithFixedAgents,
  type FixedStaffRun,
} from '@hotline/simulator/staffing-check/fixed-staff-run';
import { peakDemandOf } from '@hotline/simulator/staffing-check/peak-demand';
import {
  CENTRE_TARGETS,
  erlangAPerformance,
  recommendStaffing,
  requiredAgentsErlangC,
} from '@hotline/staffing';

/**
 * The Done-when: the simulator, run with the RECOMMENDED staffing for its peak, meets the
 * centre's targets (answer rate ≥ 95 %, answered within 10 s ÷ answered ≥ 80 %), and with
 * fewer agents misses at least one. Each scenario holds the peak stationary and puts exactly N
 * agents on duty (config/scenarios/peak-staffing-*.yaml):
 * - stationary: Erlang A's own assumptions (exponential talk, no wrap-up); N − 2 misses;
 * - after-call work: every call is followed by a 话后 pause the PBX shows; the handle time is
 *   the advisor's — talk + the after-call work the monitor MEASURED from the PBX's events —
 *   and already N − 1 misses (the rate was chosen so that both margins are about a point).
 * 40 seeds × 22.5 measured hours per staffing level: the standard error of a pooled answer
 * rate is ~0.15–0.25 points, far below the margins the assertions rely on.
 */
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
const HOUR_MS = 3_600_000;

interface PooledRun {
  readonly agents: number;
  readonly offered: number;
  readonly answerRate: number;
  readonly answeredWithin10sRate: number;
  readonly runs: readonly FixedStaffRun[];
}

interface Check {
  readonly title: string;
  readonly scenario: string;
  /** Agents below the recommendation that must miss a target. */
  readonly fewer: number;
  /** Contacts pooled per staffing level at least (40 seeds × 22.5 h × the peak rate). */
  readonly minOffered: number;
  /** The handle time the recommendation uses, seconds. */
  readonly handleTime: (scenario: ScenarioConfig, startAt: number) => number;
  /** How far the measured rates may be from Erlang A's prediction (answer, 10-second). */
  readonly agreement: readonly [number, number];
}

const CHECKS: readonly Check[] = [
  {
    title: 'stationary peak',
    scenario: 'peak-staffing-stationary',
    fewer: 2,
    minOffered: 150_000,
    handleTime: (scenario, startAt) => peakDemandOf(scenario, startAt).ahtSeconds,
    agreement: [0.01, 0.02],
  },
  {
    title: 'stationary peak with after-call work (话后 pause code)',
    scenario: 'peak-staffing-acw',
    fewer: 1,
    minOffered: 80_000,
    // A separate seed: the handle time is measured on a run the pooled figures do not use.
    handleTime: (scenario, startAt) =>
      advisorHandleTime({
        scenario,
        seed: 1001,
        startAt,
        durationMs: 23 * HOUR_MS,
        agentWork: { ...DEFAULT_AGENT_WORK_CONFIG, pauseReasons: { 话后: 'after-call-work' } },
        defaultTalkSeconds: 240,
      }).seconds,
    // Talk + after-call work is not exponential (Erlang A assumes it is): the same 1 point on
    // the answer rate, 2 on the 10-second rate.
    agreement: [0.01, 0.02],
  },
];

describe.each(CHECKS)('staffing recommendation against the simulator ($title)', (check) => {
  const scenario = loadScenario(check.scenario);
  const startAt = Date.parse(scenario.start ?? '');
  const peak = peakDemandOf(scenario, startAt);
  let ahtSeconds: number;
  let recommended: number;
  let offeredLoad: number;
  let withRecommended: PooledRun;
  let fewer: PooledRun;

  const pooled = (agents: number): PooledRun => {
    const runs = SEEDS.map((seed) =>
      runWithFixedAgents({
        scenario,
        agents,
        seed,
        startAt,
        durationMs: 23 * HOUR_MS,
        warmupMs: HOUR_MS / 2,
      }),
    );
    const offered = runs.reduce((s, r) => s + r.figures.offered, 0);
    const answered = runs.reduce((s, r) => s + r.figures.answered, 0);
    const within = runs.reduce((s, r) => s + r.figures.answeredWithin10s, 0);
    return {
      agents,
      offered,
      answerRate: answered / offered,
      answeredWithin10sRate: within / answered,
      runs,
    };
  };
  const recommend = (aht: number) =>
    recommendStaffing({
      intervals: [
        { startMs: startAt, expectedCalls: peak.arrivalRatePerSecond * 900, ahtSeconds: aht },
      ],
      meanPatienceSeconds: peak.meanPatienceSeconds,
    })[0];
  const predicted = (agents: number) =>
    erlangAPerformance({
      agents,
      arrivalRatePerSecond: peak.arrivalRatePerSecond,
      ahtSeconds,
      meanPatienceSeconds: peak.meanPatienceSeconds,
      answeredWithinSeconds: CENTRE_TARGETS.answeredWithinSeconds,
    });

  beforeAll(() => {
    ahtSeconds = check.handleTime(scenario, startAt);
    const recommendation = recommend(ahtSeconds);
    recommended = recommendation.agents;
    offeredLoad = recommendation.offeredLoadErlangs;
    withRecommended = pooled(recommended);
    fewer = pooled(recommended - check.fewer);
    const erlangC = requiredAgentsErlangC({
      arrivalRatePerSecond: peak.arrivalRatePerSecond,
      ahtSeconds,
      targetSeconds: CENTRE_TARGETS.answeredWithinSeconds,
      targetServiceLevel: CENTRE_TARGETS.answeredWithinRate,
    });
    const line = (p: PooledRun): string =>
      `N=${p.agents}: ${p.offered} calls, answer rate ${(p.answerRate * 100).toFixed(2)} % ` +
      `(Erlang A ${(predicted(p.agents).answerRate * 100).toFixed(2)} %), 10-second rate ` +
      `${(p.answeredWithin10sRate * 100).toFixed(2)} % (Erlang A ${(predicted(p.agents).answeredWithinRate * 100).toFixed(2)} %)`;
    process.stdout.write(
      `staffing check (${check.scenario}): handle time ${ahtSeconds.toFixed(2)} s, load ` +
        `${offeredLoad.toFixed(2)} Erlangs, Erlang A recommends ${recommended}, Erlang C ` +
        `${erlangC.agents}\n  ${line(withRecommended)}\n  ${line(fewer)}\n`,
    );
  });

  it('derives the recommendation from the scenario (Erlang A above the load, within the seats)', () => {
    expect(peak.arrivalRatePerSecond).toBeCloseTo(scenario.callsPerDay / 86_400, 12);
    expect(recommended).toBeGreaterThan(offeredLoad);
    expect(recommend(ahtSeconds).seatsShort).toBe(0);
  });

  it("uses the handle time the scenario's agents spend per call", () => {
    // Measured from the PBX's events where the scenario has after-call work: the model's mean
    // within 10 % (the day's ~2 000 calls put the standard error near 2 %), and the same
    // recommendation the model's true mean gives.
    expect(Math.abs(ahtSeconds - peak.ahtSeconds)).toBeLessThan(0.1 * peak.ahtSeconds);
    expect(recommended).toBe(recommend(peak.ahtSeconds).agents);
  });

  it('puts exactly the requested agents on duty for the whole measured window, every seed', () => {
    for (const [pool, agents] of [
      [withRecommended, recommended],
      [fewer, recommended - check.fewer],
    ] as const) {
      expect(pool.runs.map((r) => [r.onDutyMin, r.onDutyMax])).toEqual(
        SEEDS.map(() => [agents, agents]),
      );
    }
  });

  it('meets both centre targets with the recommended agents', () => {
    expect(withRecommended.offered).toBeGreaterThan(check.minOffered);
    expect(withRecommended.answerRate).toBeGreaterThanOrEqual(CENTRE_TARGETS.answerRate);
    expect(withRecommended.answeredWithin10sRate).toBeGreaterThanOrEqual(
      CENTRE_TARGETS.answeredWithinRate,
    );
  });

  it(`misses at least one target with ${check.fewer} agent(s) fewer`, () => {
    const missesAnswerRate = fewer.answerRate < CENTRE_TARGETS.answerRate;
    const missesTenSecondRate = fewer.answeredWithin10sRate < CENTRE_TARGETS.answeredWithinRate;
    expect(missesAnswerRate || missesTenSecondRate).toBe(true);
  });

  it('measures what Erlang A predicts, within the agreement given', () => {
    const [answer, tenSecond] = check.agreement;
    for (const pool of [withRecommended, fewer]) {
      const model = predicted(pool.agents);
      expect(Math.abs(pool.answerRate - model.answerRate)).toBeLessThan(answer);
      expect(Math.abs(pool.answeredWithin10sRate - model.answeredWithinRate)).toBeLessThan(
        tenSecond,
      );
    }
  });
});
