import type { TruthCall, TruthOutcome } from './truth-call';

export interface KpiThresholds {
  /** Answered within this many seconds of wait counts for the 10-second rate. */
  readonly answerWithinSeconds: number;
  /** Talk strictly above this counts as over 5 minutes (300 s itself does not). */
  readonly longTalkSeconds: number;
  /** Abandons with wait below this are short abandons. */
  readonly shortAbandonSeconds: number;
  /** Survey scores at or above this are satisfied. */
  readonly satisfiedFromScore: number;
}

export const DEFAULT_THRESHOLDS: KpiThresholds = {
  answerWithinSeconds: 10,
  longTalkSeconds: 300,
  shortAbandonSeconds: 5,
  satisfiedFromScore: 3,
};

/** The spec's KPIs for one scope. Rates are percentages (0–100), null when undefined. */
export interface KpiFigures {
  readonly offered: number;
  readonly answered: number;
  readonly answerRate: number | null;
  readonly answeredWithin10s: number;
  /** answered within 10 s ÷ answered (the hotline's own formula). */
  readonly tenSecondRate: number | null;
  /** answered within 10 s ÷ offered (industry service level). */
  readonly serviceLevel: number | null;
  readonly over5Min: number;
  readonly over5MinRate: number | null;
  readonly unanswered: number;
  readonly abandoned: number;
  readonly exited: number;
  readonly blocked: number;
  readonly abandonRate: number | null;
  readonly shortAbandons: number;
  readonly asaSeconds: number | null;
  readonly ahtSeconds: number | null;
  readonly longestWaitSeconds: number;
  readonly ratings: number;
  readonly satisfied: number;
  readonly satisfactionRate: number | null;
}

/** One unit counted by a scope: a queue call, or (centre scope) a whole contact. */
export interface KpiUnit {
  readonly outcome: TruthOutcome;
  readonly waitSeconds: number;
  readonly talkSeconds?: number;
  readonly survey?: number;
}

const pct = (num: number, den: number): number | null =>
  den === 0 ? null : Math.round((num / den) * 10000) / 100;

/** KPIs of a set of units (pure). */
export function kpiFigures(
  units: Iterable<KpiUnit>,
  t: KpiThresholds = DEFAULT_THRESHOLDS,
): KpiFigures {
  let offered = 0;
  let answered = 0;
  let within = 0;
  let over = 0;
  let abandoned = 0;
  let exited = 0;
  let blocked = 0;
  let shortAbandons = 0;
  let waitAnswered = 0;
  let talkTotal = 0;
  let longest = 0;
  let ratings = 0;
  let satisfied = 0;
  for (const u of units) {
    offered++;
    longest = Math.max(longest, u.waitSeconds);
    switch (u.outcome) {
      case 'answered':
        answered++;
        waitAnswered += u.waitSeconds;
        talkTotal += u.talkSeconds ?? 0;
        if (u.waitSeconds <= t.answerWithinSeconds) within++;
        if ((u.talkSeconds ?? 0) > t.longTalkSeconds) over++;
        break;
      case 'abandoned':
        abandoned++;
        if (u.waitSeconds < t.shortAbandonSeconds) shortAbandons++;
        break;
      case 'exited':
        exited++;
        break;
      case 'blocked':
        blocked++;
        break;
    }
    if (u.survey !== undefined) {
      ratings++;
      if (u.survey >= t.satisfiedFromScore) satisfied++;
    }
  }
  return {
    offered,
    answered,
    answerRate: pct(answered, offered),
    answeredWithin10s: within,
    tenSecondRate: pct(within, answered),
    serviceLevel: pct(within, offered),
    over5Min: over,
    over5MinRate: pct(over, answered),
    unanswered: offered - answered,
    abandoned,
    exited,
    blocked,
    abandonRate: pct(abandoned, offered),
    shortAbandons,
    asaSeconds: answered === 0 ? null : Math.round((waitAnswered / answered) * 100) / 100,
    ahtSeconds: answered === 0 ? null : Math.round((talkTotal / answered) * 100) / 100,
    longestWaitSeconds: longest,
    ratings,
    satisfied,
    satisfactionRate: pct(satisfied, ratings),
  };
}

/**
 * Folds the queue calls of each contact (Linkedid) into one centre unit, as the spec says:
 * answered if any visit was; wait from the first entry to the first answer (whole seconds
 * on the PBX clock, like HoldTime); unanswered outcome and wait from the last visit;
 * talk and survey of the first answered visit.
 */
export function contactUnits(calls: readonly TruthCall[]): KpiUnit[] {
  const byContact = new Map<string, TruthCall[]>();
  for (const call of calls) {
    const list = byContact.get(call.linkedid);
    if (list) list.push(call);
    else byContact.set(call.linkedid, [call]);
  }
  const units: KpiUnit[] = [];
  for (const visits of byContact.values()) {
    visits.sort((a, b) => a.joinedAt - b.joinedAt || a.visit - b.visit);
    const first = visits[0];
    const answered = visits.find((v) => v.outcome === 'answered');
    if (answered) {
      units.push({
        outcome: 'answered',
        waitSeconds: Math.floor(answered.answeredAt! / 1000) - Math.floor(first.joinedAt / 1000),
        // The caller's conversation: every answered visit (a transfer continues the talk),
        // as docs/adr/0002 and the queue_log ledger count it.
        talkSeconds: visits.reduce(
          (sum, v) => sum + (v.outcome === 'answered' ? (v.talkSeconds ?? 0) : 0),
          0,
        ),
        survey: visits.find((v) => v.survey !== undefined)?.survey,
      });
    } else {
      const last = visits[visits.length - 1];
      units.push({
        outcome: last.outcome,
        waitSeconds: Math.floor(last.endedAt / 1000) - Math.floor(first.joinedAt / 1000),
      });
    }
  }
  return units;
}

export interface TruthSummary {
  readonly from: number | null;
  readonly to: number | null;
  readonly thresholds: KpiThresholds;
  /** Contacts (Linkedid), the centre scope. */
  readonly centre: KpiFigures;
  readonly queues: Record<string, KpiFigures>;
  readonly lines: Record<string, KpiFigures>;
  /** Answered queue calls per agent (offered = answered there). */
  readonly agents: Record<string, KpiFigures>;
}

function groupBy(
  calls: readonly TruthCall[],
  key: (c: TruthCall) => string | undefined,
): Record<string, KpiUnit[]> {
  const groups: Record<string, KpiUnit[]> = {};
  for (const call of calls) {
    const k = key(call);
    if (k === undefined) continue;
    (groups[k] ??= []).push(call);
  }
  return groups;
}

/** The spec's KPIs per queue, per line, per agent and for the centre (by contact). Pure. */
export function summarizeCalls(
  calls: readonly TruthCall[],
  thresholds: KpiThresholds = DEFAULT_THRESHOLDS,
): TruthSummary {
  const figures = (groups: Record<string, KpiUnit[]>): Record<string, KpiFigures> =>
    Object.fromEntries(
      Object.entries(groups)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, units]) => [k, kpiFigures(units, thresholds)]),
    );
  const joins = calls.map((c) => c.joinedAt);
  return {
    from: joins.length ? joins.reduce((a, b) => Math.min(a, b)) : null,
    to: joins.length ? joins.reduce((a, b) => Math.max(a, b)) : null,
    thresholds,
    centre: kpiFigures(contactUnits(calls), thresholds),
    queues: figures(groupBy(calls, (c) => c.queue)),
    lines: figures(groupBy(calls, (c) => c.line)),
    agents: figures(groupBy(calls, (c) => (c.outcome === 'answered' ? c.agent : undefined))),
  };
}
