import { resolveScenario } from './load-scenario';
import { peakHourCalls, peakHourScenario } from './peak-hour-scenario';

describe('peakHourScenario', () => {
  const january = resolveScenario();

  it("takes the busiest hour of the busiest weekday at the model's own rate", () => {
    // 1,443 calls a day, 10:00 weighs 4.8 of 54.35, Monday 1.12 of 7.0.
    expect(peakHourCalls(january)).toBeCloseTo(1443 * (4.8 / 54.35) * 1.12, 6);
  });

  it('holds that rate × multiple all day, with seats and on-duty agents × multiple', () => {
    const peak = peakHourScenario(january, 10);
    expect(peakHourCalls(peak)).toBeCloseTo(peakHourCalls(january) * 10, 6);
    expect(new Set(peak.hourProfile).size).toBe(1);
    expect(new Set(peak.weekdayProfile).size).toBe(1);
    expect(peak.callsPerDay).toBeCloseTo(peakHourCalls(january) * 10 * 24, 6);
    expect(peak.seats).toBe(580);
    // At 10:00 the morning (07:00–15:00, 21) and day (09:00–17:00, 21) shifts are on duty.
    expect(peak.shifts).toEqual([{ name: 'peak', start: '00:00', end: '24:00', agents: 420 }]);
    expect(peak.queues).toEqual(january.queues);
    expect(peak.talk).toEqual(january.talk);
  });

  it('counts a shift over midnight when it covers the peak hour', () => {
    const night = resolveScenario({
      hourProfile: [5, ...Array.from({ length: 23 }, () => 1)],
      shifts: [
        { name: 'night', start: '21:45', end: '07:10', agents: 8 },
        { name: 'late', start: '00:30', end: '08:00', agents: 5 },
      ],
    });
    expect(peakHourScenario(night, 2).shifts[0].agents).toBe(16);
  });

  it('refuses a multiple that is not positive', () => {
    expect(() => peakHourScenario(january, 0)).toThrow(RangeError);
  });
});
