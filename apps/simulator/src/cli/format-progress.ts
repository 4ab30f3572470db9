import { localDateTimeText, utcOffsetText } from '@hotline/calendar';
import { SCENARIO_TIME_ZONE, type SimulatorProgress } from '@hotline/simulator';

/** "[sim 2021-01-04 10:23:11 +08:00] calls 1234 …" — the simulated clock in the centre's zone. */
export function formatProgress(p: SimulatorProgress): string {
  const local = localDateTimeText(p.simTime, SCENARIO_TIME_ZONE);
  const offset = utcOffsetText(p.simTime, SCENARIO_TIME_ZONE);
  return `[sim ${local} ${offset}] arrivals ${p.arrivals} finished calls ${p.finishedCalls} AMI events ${p.events} clients ${p.clients}`;
}
