import type { KpiCounters } from './kpi-counters';
import { kpiRates } from './kpi-rates';
import type { IntervalPoint, PeriodFigures } from './kpi-snapshot';
import type { TimeSpan } from '@hotline/calendar';

/** The KPIs of one scope over one period, from its additive counters (undefined: nothing yet). */
export function periodFigures(span: TimeSpan, c: KpiCounters | undefined): PeriodFigures {
  if (!c) return emptyFigures(span);
  const unanswered = c.abandoned + c.exited + c.blocked;
  const rates = kpiRates(c);
  return {
    from: span.from,
    to: span.to,
    offered: c.offered,
    answered: c.answered,
    answerRate: rates.answerRate,
    answeredWithin10s: c.answeredWithin10s,
    answeredIn10sRate: rates.answeredIn10sRate,
    serviceLevel: rates.serviceLevel,
    overFiveMinutes: c.overFiveMinutes,
    overFiveMinuteRate: rates.overFiveMinuteRate,
    unanswered,
    abandoned: c.abandoned,
    shortAbandons: c.shortAbandons,
    exited: c.exited,
    exitedByReason: { ...c.exitedByReason },
    blocked: c.blocked,
    unknown: c.unknown,
    inProgress: c.inProgress,
    abandonRate: rates.abandonRate,
    asaSeconds: rates.asaSeconds,
    ahtSeconds: rates.ahtSeconds,
    longestWaitSeconds: c.longestWaitSeconds,
    ratings: { count: c.ratings, satisfied: c.satisfied, rate: rates.satisfactionRate },
  };
}

export function emptyFigures(span: TimeSpan): PeriodFigures {
  return {
    from: span.from,
    to: span.to,
    offered: 0,
    answered: 0,
    answerRate: null,
    answeredWithin10s: 0,
    answeredIn10sRate: null,
    serviceLevel: null,
    overFiveMinutes: 0,
    overFiveMinuteRate: null,
    unanswered: 0,
    abandoned: 0,
    shortAbandons: 0,
    exited: 0,
    exitedByReason: {},
    blocked: 0,
    unknown: 0,
    inProgress: 0,
    abandonRate: null,
    asaSeconds: null,
    ahtSeconds: null,
    longestWaitSeconds: 0,
    ratings: { count: 0, satisfied: 0, rate: null },
  };
}

export function intervalPoint(
  span: TimeSpan,
  c: KpiCounters | undefined,
  agentsOnDutyMax: number | null,
): IntervalPoint {
  return {
    from: span.from,
    to: span.to,
    offered: c?.offered ?? 0,
    inProgress: c?.inProgress ?? 0,
    answered: c?.answered ?? 0,
    answeredWithin10s: c?.answeredWithin10s ?? 0,
    overFiveMinutes: c?.overFiveMinutes ?? 0,
    abandoned: c?.abandoned ?? 0,
    exited: c?.exited ?? 0,
    blocked: c?.blocked ?? 0,
    unknown: c?.unknown ?? 0,
    agentsOnDutyMax,
  };
}
