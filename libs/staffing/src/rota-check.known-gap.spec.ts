import { checkRota, RotaIntervalHistory } from './rota-check';

const HOUR = 3_600_000;
const SLOT = 15 * 60_000;
const MONDAY = Date.parse('2024-05-13T00:00:00Z') - 8 * HOUR; // local midnight, Asia/Shanghai

/**
 * A synthetic week: 60 calls per 15 min from 08:00 to 20:00, 8 at night, AHT 240 s — except
 * Wednesday 20:00–22:00, when a surge brings 60 calls per 15 min into the thin night shift.
 */
function week(): RotaIntervalHistory[] {
  const intervals: RotaIntervalHistory[] = [];
  for (let day = 0; day < 7; day++) {
    for (let slot = 0; slot < 96; slot++) {
      const daytime = slot >= 32 && slot < 80;
      const surge = day === 2 && slot >= 80 && slot < 88;
      intervals.push({
        startMs: MONDAY + day * 24 * HOUR + slot * SLOT,
        offered: daytime || surge ? 60 : 8,
        ahtSeconds: 240,
      });
    }
  }
  return intervals;
}

const shifts = [
  { name: '白班', start: '08:00', end: '20:00', agents: 20 },
  { name: '夜班', start: '20:00', end: '08:00', agents: 6 },
];

describe(checkRota.name, () => {
  const result = checkRota({ intervals: week(), shifts, meanPatienceSeconds: 120 });

  it('finds exactly the Wednesday evening gap, with its shortfall', () => {
    const wednesdayEvening = (ms: number): boolean =>
      ms >= MONDAY + 2 * 24 * HOUR + 20 * HOUR && ms < MONDAY + 2 * 24 * HOUR + 22 * HOUR;
    expect(result.shortIntervals).toHaveLength(8);
    for (const interval of result.shortIntervals) {
      expect(wednesdayEvening(interval.startMs)).toBe(true);
      expect(interval.scheduled).toBe(6);
      expect(interval.shortfall).toBe(interval.required - 6);
      expect(interval.key.weekday).toBe(3);
    }
    const daytime = result.intervals.find((i) => i.key.slot === 40)!;
    expect(daytime.scheduled).toBe(20);
    expect(daytime.required).toBeLessThanOrEqual(20);
  });

  it('compares the peak with the seats', () => {
    const peak = result.intervals.reduce((m, i) => Math.max(m, i.required), 0);
    expect(result.peak.required).toBe(peak);
    expect(result.peak.seatsShortAtRequiredPeak).toBe(0);
    expect(result.peak.scheduled).toBe(20);
    const tight = checkRota({ intervals: week(), shifts, meanPatienceSeconds: 120, seats: 12 });
    expect(tight.peak.seatsShortAtRequiredPeak).toBe(peak - 12);
    expect(tight.peak.seatsShortAtScheduledPeak).toBe(8);
  });

  it('suggests agents per shift that close every gap', () => {
    const [day, night] = result.suggestedShifts;
    expect(night.suggestedAgents).toBe(result.peak.required); // the surge falls in the night shift
    expect(day.suggestedAgents).toBe(Math.max(...result.requiredBySlot.slice(32, 80)));
    const fixed = checkRota({
      intervals: week(),
      shifts: result.suggestedShifts.map((s) => ({ ...s, agents: s.suggestedAgents })),
      meanPatienceSeconds: 120,
    });
    expect(fixed.shortIntervals).toHaveLength(0);
    expect(result.uncoveredMinutesOfDay).toHaveLength(0);
  });

  it('estimates patience from the whole week when none is given', () => {
    const withAbandons = week().map((i) => ({ ...i, abandoned: 1, totalWaitSeconds: 100 }));
    expect(checkRota({ intervals: withAbandons, shifts }).meanPatienceSeconds).toBeCloseTo(100, 9);
  });
});
