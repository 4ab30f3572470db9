import { HOUR_MS } from '@hotline/calendar';
import { contactUnits, scenarioZone, type ModelEvent, type TruthCall } from '@hotline/simulator';

/** Contacts of one hour of the day (over every day of a run), by the hour of their first join. */
export interface HourFigures {
  offered: number;
  answered: number;
  answeredWithin10s: number;
}

export function figuresByHour(
  calls: readonly TruthCall[],
  from: number,
  to: number,
): HourFigures[] {
  const firstJoin = new Map<string, number>();
  for (const call of calls) {
    firstJoin.set(call.linkedid, Math.min(firstJoin.get(call.linkedid) ?? Infinity, call.joinedAt));
  }
  const byHour: TruthCall[][] = Array.from({ length: 24 }, () => []);
  for (const call of calls) {
    const joined = firstJoin.get(call.linkedid)!;
    if (joined < from || joined >= to) continue;
    byHour[scenarioZone.local(joined).hour].push(call);
  }
  return byHour.map((group) => {
    const units = contactUnits(group);
    const answered = units.filter((u) => u.outcome === 'answered');
    return {
      offered: units.length,
      answered: answered.length,
      answeredWithin10s: answered.filter((u) => u.waitSeconds <= 10).length,
    };
  });
}

/**
 * Agents logged in over a run, from the model's login and logout events: the time-weighted mean
 * per hour of the day and the most at once (the seats used).
 */
export class LoginTracker {
  private loggedIn = 0;
  private last: number;
  private readonly agentMs = new Array<number>(24).fill(0);
  private readonly hourMs = new Array<number>(24).fill(0);
  most = 0;

  constructor(
    private readonly from: number,
    private readonly to: number,
  ) {
    this.last = from;
  }

  readonly onEvent = (event: ModelEvent): void => {
    if (event.type !== 'memberAdded' && event.type !== 'memberRemoved') return;
    this.advance(event.at);
    this.loggedIn += event.type === 'memberAdded' ? 1 : -1;
    if (event.at >= this.from && event.at < this.to) this.most = Math.max(this.most, this.loggedIn);
  };

  /** Mean agents logged in per hour of the day (call after the run). */
  meanByHour(): number[] {
    this.advance(this.to);
    return this.agentMs.map((ms, h) => (this.hourMs[h] > 0 ? ms / this.hourMs[h] : 0));
  }

  private advance(until: number): void {
    let t = Math.max(this.last, this.from);
    const end = Math.min(until, this.to);
    while (t < end) {
      const next = Math.min(end, (Math.floor(t / HOUR_MS) + 1) * HOUR_MS);
      const hour = scenarioZone.local(t).hour;
      this.agentMs[hour] += (next - t) * this.loggedIn;
      this.hourMs[hour] += next - t;
      t = next;
    }
    this.last = Math.max(this.last, until);
  }
}
