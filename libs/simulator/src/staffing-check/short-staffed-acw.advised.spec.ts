import { DEFAULT_AGENT_WORK_CONFIG, type KpiSnapshot } from '@hotline/kpi';
import {
  CENTRE_TARGETS,
  type StaffingNow,
  advisorIntervalStart,
  floorOf,
  liveHandleTime,
  staffingNow,
} from '@hotline/staffing';
import { loadScenario } from '../model/load-scenario';
import { watchOverAmi } from './watch-over-ami';

const START = Date.parse('2021-01-04T09:00:00+08:00');
const MINUTE = 60_000;
const TZ = 'Asia/Shanghai';

/**
 * The floor: the short-staffed scenario whose agents write a ticket under the 话后
 * pause code after every call, watched over AMI by the engine with the pause reasons mapped,
 * and advised every 15 minutes (7 minutes into each interval) for two hours.
 */
function advise(): StaffingNow[] {
  const agentWork = {
    ...DEFAULT_AGENT_WORK_CONFIG,
    pauseReasons: { 话后: 'after-call-work', 小休: 'break' } as const,
  };
  const instants = Array.from({ length: 8 }, (_, i) => START + (7 + 15 * i) * MINUTE);
  const advice: StaffingNow[] = [];
  watchOverAmi(
    {
      scenario: loadScenario('short-staffed-acw'),
      seed: 42,
      startAt: START,
      durationMs: 2 * 60 * MINUTE,
      agentWork,
    },
    instants,
    (snapshot: KpiSnapshot) => {
      advice.push(
        staffingNow({
          figures: snapshot,
          floor: floorOf(snapshot.agents, agentWork),
          forecasts: { current: null, last: null },
          intervalStart: advisorIntervalStart(snapshot.at, TZ),
          handleTime: liveHandleTime(snapshot, { defaultTalkSeconds: 240 }),
          patience: { meanPatienceSeconds: 60, source: 'default', abandoned: 0 },
          targets: CENTRE_TARGETS,
          scheduled: 8,
        }),
      );
    },
  );
  return advice;
}

describe('the advisor on the short-staffed floor with after-call work (short-staffed-acw)', () => {
  const advice = advise();

  it('measures the 话后 pauses as after-call work and sees agents in it', () => {
    expect(advice).toHaveLength(8);
    for (const now of advice.slice(1)) {
      expect(now.handleTime.afterCallWorkSource).toBe('measured');
      // The scenario's ticket: lognormal, median 120 s.
      expect(now.handleTime.afterCallWorkSeconds).toBeGreaterThan(100);
      expect(now.floor.ableToAnswer + now.floor.afterCallWork + now.floor.paused).toBe(now.onDuty);
    }
    expect(advice.some((now) => now.floor.afterCallWork > 0)).toBe(true);
    expect(advice.some((now) => now.floor.pausedByKind.break > 0)).toBe(true);
  });

  it('is red with the cause every time the last interval missed, and never spare', () => {
    const judged = advice.filter((now) => now.lastInterval !== null);
    // Every interval but the first is whole and judged.
    expect(judged).toHaveLength(7);
    for (const now of judged) {
      expect(now.lastInterval?.missed.length).toBeGreaterThan(0);
      expect(now.status).toBe('missed');
      expect(now.causes[0]).toBe('too-few-answering');
    }
    expect(advice.map((now) => now.status)).not.toContain('spare');
    // The after-call work is named where talk alone would have been covered.
    expect(judged.some((now) => now.causes.includes('after-call-work'))).toBe(true);
  });

  it('asks for more agents than the talk alone would need, and more than are answering', () => {
    for (const now of advice.slice(1)) {
      expect(now.handleTime.seconds).toBeGreaterThan(2 * now.handleTime.talkSeconds);
      expect(now.gap).toBeGreaterThan(0);
    }
  });
});
