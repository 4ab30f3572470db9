import type { SimulatorProgress } from '@hotline/simulator';
import { SHANGHAI_OFFSET_MS } from '@hotline/simulator/model/shanghai-time';

/** "[sim 2021-01-04 10:23:11 +08:00] calls 1234 …" — the simulated clock in Shanghai time. */
export function formatProgress(p: SimulatorProgress): string {
  const local = new Date(p.simTime + SHANGHAI_OFFSET_MS)
    .toISOString()
    .replace('T', ' ')
    .slice(0, 19);
  return `[sim ${local} +08:00] arrivals ${p.arrivals} finished calls ${p.finishedCalls} AMI events ${p.events} clients ${p.clients}`;
}
