import type { Contribution, RateInputs } from '@hotline/kpi';
import type { StoredCounters } from './stored-records';

/**
 * The one mapping between the rulebook's counts (libs/kpi counting-rules) and storage's
 * columns. Storage never counts a call itself: it adds what the rulebook says the call (or,
 * for the centre, the contact) contributes, and reads rates back through libs/kpi kpi-rates.
 */
export function addContribution(c: StoredCounters, k: Contribution): void {
  c.offered += k.offered;
  c.answered += k.answered;
  c.answered10s += k.answeredWithin10s;
  c.over5min += k.overFiveMinutes;
  c.abandoned += k.abandoned;
  c.shortAbandoned += k.shortAbandons;
  c.exited += k.exited;
  c.blocked += k.blocked;
  c.unknown += k.unknown;
  c.sumWait += k.answerWaitSeconds;
  c.sumTalk += k.talkSeconds;
  // Answered with its end unseen: no talk to add, out of the handle time.
  c.talkUnknown += k.answered - k.handled;
  if (k.waitSeconds !== null && k.waitSeconds > c.maxWait) c.maxWait = k.waitSeconds;
}

/** Stored counters as the inputs of the rates (libs/kpi kpiRates). */
export function rateInputsOf(c: StoredCounters): RateInputs {
  return {
    offered: c.offered,
    // Storage holds finished calls only. (Not offered − outcomes: a reference month's stored
    // totals carry offered and answered alone, and would count every other call in progress.)
    inProgress: 0,
    answered: c.answered,
    answeredWithin10s: c.answered10s,
    overFiveMinutes: c.over5min,
    abandoned: c.abandoned,
    sumAnswerWaitSeconds: c.sumWait,
    handled: c.answered - c.talkUnknown,
    sumTalkSeconds: c.sumTalk,
    ratings: c.ratings,
    satisfied: c.satisfied,
  };
}
