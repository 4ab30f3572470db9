import type { ExitReason } from '@hotline/call-events';
import { contribution, NO_CONTRIBUTION, type Contribution } from './kpi-counters';
import type { QueueCallOutcome } from './queue-call-record';

/**
 * THE counting rulebook (docs/kpi-spec.md): what one queue call adds to its queue, line and
 * agent scopes, and what one contact adds to the centre. The engine counts live calls with it
 * and storage counts its 15-minute aggregates with it, so a report and the wallboard cannot
 * disagree on any call. Rates over the counts are in kpi-rates.ts.
 */

/** The thresholds the rules count with (the engine's config; storage's aggregation rules). */
export interface CountingRules {
  readonly answerThresholdSeconds: number;
  readonly longTalkSeconds: number;
  readonly shortAbandonSeconds: number;
}

/**
 * What the rules read of one queue call: a call the engine holds, or a finished record
 * (QueueCallRecord, as stored: absent fields may be null). Times are epoch ms (PBX clock);
 * waits and talks whole PBX seconds.
 */
export interface CountedCall {
  readonly joinedAt: number;
  /** Undefined while the call is in progress. */
  readonly outcome?: QueueCallOutcome | undefined;
  /** A record of an answered call may lack it: its wait then dates the answer. */
  readonly answeredAt?: number | null | undefined;
  readonly waitSeconds?: number | null | undefined;
  /** Undefined or null while talking, or when its end was not seen (talk unknown). */
  readonly talkSeconds?: number | null | undefined;
  /** Talk unknown: the talk known when the call was last seen (a minimum). */
  readonly talkAtLeastSeconds?: number | null | undefined;
  /** Still talking and already over longTalkSeconds (the engine's live flag). */
  readonly liveOverFiveMinutes?: boolean | undefined;
  /** Exit reason of an exited call. */
  readonly reason?: string | null | undefined;
}

/** The PBX's whole second of an instant (queue_log and CC-* times are whole epoch seconds). */
export function wholeSecond(at: number): number {
  return Math.floor(at / 1000);
}

/**
 * The one rounding rule for waits (and talks): whole PBX seconds between two instants, each
 * truncated to its second first, as app_queue computes HoldTime (`time(NULL) - qe->start`) and
 * mod_callcenter its CC-* epochs. Never the rounded ms difference: at the 10-second edge that
 * differs from the PBX's ledger by a second.
 */
export function pbxSecondsBetween(from: number, to: number): number {
  return Math.max(0, wholeSecond(to) - wholeSecond(from));
}

/** The instant from which pbxSecondsBetween(from, ·) counts `seconds`: a PBX second's start. */
export function pbxInstantAfter(from: number, seconds: number): number {
  return (wholeSecond(from) + seconds) * 1000;
}

/** What a queue call adds to its queue, line and agent scopes. */
export function queueCallContribution(call: CountedCall, rules: CountingRules): Contribution {
  switch (call.outcome) {
    case undefined:
      if (call.answeredAt != null && call.waitSeconds != null) {
        return answered(call.waitSeconds, undefined, call.liveOverFiveMinutes === true, rules);
      }
      return IN_PROGRESS;
    case 'answered':
      return answered(
        call.waitSeconds ?? 0,
        call.talkSeconds ?? undefined,
        call.liveOverFiveMinutes === true || (call.talkAtLeastSeconds ?? 0) > rules.longTalkSeconds,
        rules,
      );
    case 'abandoned':
    case 'exited':
    case 'blocked':
    case 'unknown':
      return unanswered(call.outcome, call.waitSeconds ?? 0, call.reason ?? undefined, rules);
  }
}

/** The agent whose scope a queue call counts in: the one who answered it, when named. */
export function answeringAgent(
  call: CountedCall & { readonly agent?: string | null | undefined },
): string | undefined {
  return call.agent && answerInstant(call) !== undefined ? call.agent : undefined;
}

/** What the rating rule reads of a queue call. */
export interface RatedVisit {
  readonly joinedAt: number;
  readonly answeredAt?: number | null | undefined;
  readonly line?: string | null | undefined;
  readonly agent?: string | null | undefined;
}

/**
 * The line and agent a caller's rating counts in (besides the centre and its queue): the
 * agent it names, else the rated call's; the rated call's line; else, for either, the first
 * visit of its contact (in join order) that had one before the rating — joined, answered
 * before it (so the order of events of the same instant does not matter).
 */
export function ratingScopes(
  rating: { readonly at: number; readonly agent?: string | null | undefined },
  call: RatedVisit | undefined,
  contactVisits: readonly RatedVisit[],
): { readonly line: string | undefined; readonly agent: string | undefined } {
  const line =
    call?.line ?? contactVisits.find((v) => v.line != null && v.joinedAt < rating.at)?.line;
  const agent =
    rating.agent ??
    call?.agent ??
    contactVisits.find((v) => v.agent != null && v.answeredAt != null && v.answeredAt < rating.at)
      ?.agent;
  return { line: line ?? undefined, agent: agent ?? undefined };
}

/**
 * What a contact adds to the centre scope, from its visits ordered by join time: answered if
 * any visit was, wait from the first entry to the first answer; otherwise the outcome of the
 * last visit, wait from the first entry to leaving it. Seconds are counted on whole PBX
 * seconds, as queue_log has them. `liveOverFiveMinutes`: the contact's talks so far (the visits
 * still talking included) are already over longTalkSeconds.
 */
export function contactContribution(
  visits: readonly CountedCall[],
  rules: CountingRules,
  liveOverFiveMinutes = false,
): Contribution {
  const first = visits[0];
  if (!first) return NO_CONTRIBUTION;
  const sinceFirst = (visit: CountedCall): number =>
    wholeSecond(visit.joinedAt) - wholeSecond(first.joinedAt);
  let firstAnswer: CountedCall | undefined;
  let firstAnswerAt = Infinity;
  let talk = 0;
  let talkAtLeast = 0;
  let talkFinal = true;
  for (const visit of visits) {
    const answerAt = answerInstant(visit);
    if (answerAt === undefined) {
      if (visit.outcome === undefined) talkFinal = false;
      continue;
    }
    if (answerAt < firstAnswerAt) {
      firstAnswer = visit;
      firstAnswerAt = answerAt;
    }
    const known = visit.outcome === 'answered' ? visit.talkSeconds : undefined;
    if (known != null) talk += known;
    else talkFinal = false;
    if (visit.outcome === 'answered' && known == null) talkAtLeast += visit.talkAtLeastSeconds ?? 0;
  }
  if (firstAnswer) {
    const wait = sinceFirst(firstAnswer) + (firstAnswer.waitSeconds ?? 0);
    return answered(
      wait,
      talkFinal ? talk : undefined,
      liveOverFiveMinutes || talk + talkAtLeast > rules.longTalkSeconds,
      rules,
    );
  }
  const last = visits[visits.length - 1] ?? first;
  if (last.outcome === undefined || last.outcome === 'answered') return IN_PROGRESS;
  return unanswered(
    last.outcome,
    sinceFirst(last) + (last.waitSeconds ?? 0),
    last.reason ?? undefined,
    rules,
  );
}

/** When the call was answered; undefined if it was not (yet). */
function answerInstant(call: CountedCall): number | undefined {
  if (call.answeredAt != null) return call.answeredAt;
  if (call.outcome === 'answered') return call.joinedAt + (call.waitSeconds ?? 0) * 1000;
  return undefined;
}

const IN_PROGRESS = contribution({ offered: 1, inProgress: 1 });

/**
 * `overWhileUnknown`: over 5 minutes while the talk is not final (talking, or its end unseen):
 * the talk known so far already was. Once final, the PBX's whole-second talk decides.
 */
function answered(
  wait: number,
  talk: number | undefined,
  overWhileUnknown: boolean,
  rules: CountingRules,
): Contribution {
  const final = talk !== undefined;
  return contribution({
    offered: 1,
    answered: 1,
    answeredWithin10s: wait <= rules.answerThresholdSeconds ? 1 : 0,
    answerWaitSeconds: wait,
    waitSeconds: wait,
    handled: final ? 1 : 0,
    talkSeconds: talk ?? 0,
    // Exactly 300 is not over.
    overFiveMinutes: (final ? talk > rules.longTalkSeconds : overWhileUnknown) ? 1 : 0,
  });
}

function unanswered(
  outcome: 'abandoned' | 'exited' | 'blocked' | 'unknown',
  wait: number,
  reason: string | undefined,
  rules: CountingRules,
): Contribution {
  switch (outcome) {
    case 'abandoned':
      return contribution({
        offered: 1,
        abandoned: 1,
        shortAbandons: wait < rules.shortAbandonSeconds ? 1 : 0,
        waitSeconds: wait,
      });
    case 'exited':
      return contribution({
        offered: 1,
        exited: 1,
        exitReason: (reason ?? 'other') as ExitReason,
        waitSeconds: wait,
      });
    case 'blocked':
      // A refused queue call waited 0 s; a contact refused by its last queue has waited since
      // its first entry, and that may be the longest wait.
      return contribution({ offered: 1, blocked: 1, waitSeconds: wait });
    case 'unknown':
      // Its own bucket: offered, neither answered nor lost. The wait known so far is a
      // minimum the caller certainly waited, so it may raise the longest wait.
      return contribution({ offered: 1, unknown: 1, waitSeconds: wait });
  }
}
