import { MINUTES_PER_DAY, clockTimeMinutes } from '@hotline/calendar';
import { parseScenario, type ScenarioConfig } from './scenario-config';

/** Arrivals per hour of a scenario's busiest hour on its busiest weekday (the model's own rate). */
export function peakHourCalls(scenario: ScenarioConfig): number {
  const hourSum = scenario.hourProfile.reduce((s, w) => s + w, 0);
  const daySum = scenario.weekdayProfile.reduce((s, w) => s + w, 0);
  if (hourSum === 0 || daySum === 0) return 0;
  const hourShare = Math.max(...scenario.hourProfile) / hourSum;
  const dayWeight = (Math.max(...scenario.weekdayProfile) / daySum) * 7;
  return scenario.callsPerDay * hourShare * dayWeight;
}

/**
 * A centre held at `multiple` times `base`'s peak hour around the clock: arrivals at the busiest
 * hour's rate × multiple every hour of every day, seats × multiple, and the agents the rota puts
 * on duty at that hour × multiple in one 24-hour shift (each works 5 days of 7, as the pools
 * do). The rest of the centre (queues, lines, talk, patience, wrap-up, pauses) stays `base`'s.
 * For benchmarks that must meet the peak whenever they run and at any simulator speed.
 */
export function peakHourScenario(base: ScenarioConfig, multiple: number): ScenarioConfig {
  if (!(multiple > 0)) throw new RangeError(`peak multiple must be positive, got ${multiple}`);
  if (base.roster) throw new RangeError('peakHourScenario needs a scenario with shift pools');
  const peakHour = base.hourProfile.indexOf(Math.max(...base.hourProfile));
  const onDutyAtPeak = base.shifts
    .filter((shift) => covers(shift.start, shift.end, peakHour))
    .reduce((sum, shift) => sum + shift.agents, 0);
  return parseScenario({
    ...base,
    name: `${base.name}-peak-hour-x${multiple}`,
    description: `${base.name}: its peak hour × ${multiple}, all day`,
    callsPerDay: peakHourCalls(base) * 24 * multiple,
    hourProfile: Array.from({ length: 24 }, () => 1),
    weekdayProfile: Array.from({ length: 7 }, () => 1),
    seats: Math.round(base.seats * multiple),
    shifts: [
      {
        name: 'peak',
        start: '00:00',
        end: '24:00',
        agents: Math.round(onDutyAtPeak * multiple),
      },
    ],
  });
}

/** Whether a shift 'HH:mm'–'HH:mm' (possibly over midnight) is on duty for the whole `hour`. */
function covers(start: string, end: string, hour: number): boolean {
  const from = clockTimeMinutes(start) ?? 0;
  let to = clockTimeMinutes(end, { endOfDay: true }) ?? 0;
  if (to <= from) to += MINUTES_PER_DAY;
  return [hour * 60, hour * 60 + MINUTES_PER_DAY].some(
    (begin) => from <= begin && begin + 60 <= to,
  );
}
