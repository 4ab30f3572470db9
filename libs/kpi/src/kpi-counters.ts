import type { ExitReason } from '@hotline/call-events';
import { WaitTally } from './wait-tally';

/**
 * What one queue call (or, for the centre scope, one contact) adds to the counters of every
 * period and scope it belongs to. It is replaced whole whenever the call changes (answered,
 * ended, live over 5 minutes, a later visit of the contact…): the old one is subtracted and the
 * new one added, so nothing is ever counted twice (docs/adr/0002-kpi-denominators.md).
 */
export interface Contribution {
  readonly offered: number;
  /** Still waiting, or set aside by a stale-call check (no outcome yet). Part of `offered`. */
  readonly inProgress: number;
  readonly answered: number;
  readonly answeredWithin10s: number;
  /** Wait of an answered call, for ASA. */
  readonly answerWaitSeconds: number;
  /** Answered and its talk is final (AHT denominator). */
  readonly handled: number;
  readonly talkSeconds: number;
  readonly overFiveMinutes: number;
  readonly abandoned: number;
  readonly shortAbandons: number;
  readonly exited: number;
  readonly exitReason: ExitReason | null;
  readonly blocked: number;
  /** Gone while the monitor was away, outcome not known (docs/adr/0004-unknown-outcome.md). */
  readonly unknown: number;
  /** Wait of a call whose wait is known (answered or left), for the longest wait. */
  readonly waitSeconds: number | null;
}

/**
 * Builds a contribution with every field present in one fixed order: one object shape for all
 * contributions keeps `KpiCounters.add`, the engine's hottest function, monomorphic.
 */
export function contribution(o: Partial<Contribution>): Contribution {
  return {
    offered: o.offered ?? 0,
    inProgress: o.inProgress ?? 0,
    answered: o.answered ?? 0,
    answeredWithin10s: o.answeredWithin10s ?? 0,
    answerWaitSeconds: o.answerWaitSeconds ?? 0,
    handled: o.handled ?? 0,
    talkSeconds: o.talkSeconds ?? 0,
    overFiveMinutes: o.overFiveMinutes ?? 0,
    abandoned: o.abandoned ?? 0,
    shortAbandons: o.shortAbandons ?? 0,
    exited: o.exited ?? 0,
    exitReason: o.exitReason ?? null,
    blocked: o.blocked ?? 0,
    unknown: o.unknown ?? 0,
    waitSeconds: o.waitSeconds ?? null,
  };
}

export const NO_CONTRIBUTION: Contribution = contribution({});

/** One contribution replaced by another: their difference, worked out once per recount. */
export interface ContributionChange {
  readonly previous: Contribution;
  readonly next: Contribution;
  /** next − previous in every count (exitReason and waitSeconds are read from the two). */
  readonly by: Contribution;
  readonly exitReasonChanged: boolean;
}

export function contributionChange(previous: Contribution, next: Contribution): ContributionChange {
  return {
    previous,
    next,
    by: contribution({
      offered: next.offered - previous.offered,
      inProgress: next.inProgress - previous.inProgress,
      answered: next.answered - previous.answered,
      answeredWithin10s: next.answeredWithin10s - previous.answeredWithin10s,
      answerWaitSeconds: next.answerWaitSeconds - previous.answerWaitSeconds,
      handled: next.handled - previous.handled,
      talkSeconds: next.talkSeconds - previous.talkSeconds,
      overFiveMinutes: next.overFiveMinutes - previous.overFiveMinutes,
      abandoned: next.abandoned - previous.abandoned,
      shortAbandons: next.shortAbandons - previous.shortAbandons,
      exited: next.exited - previous.exited,
      blocked: next.blocked - previous.blocked,
      unknown: next.unknown - previous.unknown,
    }),
    exitReasonChanged: previous.exitReason !== next.exitReason || previous.exited !== next.exited,
  };
}

/** Additive counters of one scope in one period. */
export class KpiCounters {
  offered = 0;
  inProgress = 0;
  answered = 0;
  answeredWithin10s = 0;
  sumAnswerWaitSeconds = 0;
  handled = 0;
  sumTalkSeconds = 0;
  overFiveMinutes = 0;
  abandoned = 0;
  shortAbandons = 0;
  exited = 0;
  readonly exitedByReason: Partial<Record<ExitReason, number>> = {};
  blocked = 0;
  unknown = 0;
  /** The known waits counted now, for the longest (a retracted contribution's wait leaves it). */
  private readonly waits: WaitTally | null;
  ratings = 0;
  satisfied = 0;

  /**
   * @param keepsLongestWait false where no figure shows a longest wait (the 15-minute trend
   * points): the count of waits is the engine's costliest bookkeeping, kept only where it is read.
   */
  constructor(keepsLongestWait = true) {
    this.waits = keepsLongestWait ? new WaitTally() : null;
  }

  add(c: Contribution, sign: 1 | -1): void {
    this.addCounts(c, sign);
    if (c.waitSeconds !== null) this.waits?.count(c.waitSeconds, sign);
  }

  /**
   * Replaces one contribution by another in these counters (`change` from `contributionChange`,
   * worked out once for all the counters a call counts in). A wait that stays the same is not
   * recounted: the engine's hottest path is a call whose figures change (answered, ended) while
   * its wait does not.
   */
  move(change: ContributionChange): void {
    const { by, previous, next } = change;
    this.offered += by.offered;
    this.inProgress += by.inProgress;
    this.answered += by.answered;
    this.answeredWithin10s += by.answeredWithin10s;
    this.sumAnswerWaitSeconds += by.answerWaitSeconds;
    this.handled += by.handled;
    this.sumTalkSeconds += by.talkSeconds;
    this.overFiveMinutes += by.overFiveMinutes;
    this.abandoned += by.abandoned;
    this.shortAbandons += by.shortAbandons;
    this.exited += by.exited;
    this.blocked += by.blocked;
    this.unknown += by.unknown;
    if (change.exitReasonChanged) {
      this.countExit(previous, -1);
      this.countExit(next, 1);
    }
    if (previous.waitSeconds === next.waitSeconds || this.waits === null) return;
    if (previous.waitSeconds !== null) this.waits.count(previous.waitSeconds, -1);
    if (next.waitSeconds !== null) this.waits.count(next.waitSeconds, 1);
  }

  private addCounts(c: Contribution, sign: 1 | -1): void {
    this.offered += sign * c.offered;
    this.inProgress += sign * c.inProgress;
    this.answered += sign * c.answered;
    this.answeredWithin10s += sign * c.answeredWithin10s;
    this.sumAnswerWaitSeconds += sign * c.answerWaitSeconds;
    this.handled += sign * c.handled;
    this.sumTalkSeconds += sign * c.talkSeconds;
    this.overFiveMinutes += sign * c.overFiveMinutes;
    this.abandoned += sign * c.abandoned;
    this.shortAbandons += sign * c.shortAbandons;
    this.exited += sign * c.exited;
    this.countExit(c, sign);
    this.blocked += sign * c.blocked;
    this.unknown += sign * c.unknown;
  }

  private countExit(c: Contribution, sign: 1 | -1): void {
    if (c.exitReason === null || c.exited === 0) return;
    const next = (this.exitedByReason[c.exitReason] ?? 0) + sign * c.exited;
    if (next === 0) delete this.exitedByReason[c.exitReason];
    else this.exitedByReason[c.exitReason] = next;
  }

  /** Max of the known waits counted now. */
  get longestWaitSeconds(): number {
    return this.waits?.longest ?? 0;
  }

  addRating(satisfied: boolean): void {
    this.ratings += 1;
    if (satisfied) this.satisfied += 1;
  }

  merge(other: KpiCounters): void {
    this.offered += other.offered;
    this.inProgress += other.inProgress;
    this.answered += other.answered;
    this.answeredWithin10s += other.answeredWithin10s;
    this.sumAnswerWaitSeconds += other.sumAnswerWaitSeconds;
    this.handled += other.handled;
    this.sumTalkSeconds += other.sumTalkSeconds;
    this.overFiveMinutes += other.overFiveMinutes;
    this.abandoned += other.abandoned;
    this.shortAbandons += other.shortAbandons;
    this.exited += other.exited;
    for (const [reason, n] of Object.entries(other.exitedByReason) as [ExitReason, number][]) {
      this.exitedByReason[reason] = (this.exitedByReason[reason] ?? 0) + n;
    }
    this.blocked += other.blocked;
    this.unknown += other.unknown;
    if (other.waits !== null) this.waits?.addAll(other.waits);
    this.ratings += other.ratings;
    this.satisfied += other.satisfied;
  }
}
