import { contributionChange, KpiCounters } from './kpi-counters';
import type { AppliedContribution, TrackedCall } from './tracked-call';
import type { TimeSpan, ZonedCalendar } from '@hotline/calendar';

/** Kinds of calendar periods kept as buckets (rolling windows are computed from rows instead). */
export type BucketKind = 'day' | 'week' | 'month' | 'interval' | `shift:${string}`;

interface Bucket {
  readonly kind: BucketKind;
  readonly span: TimeSpan;
  readonly scopes: Map<string, KpiCounters>;
}

/** Scope keys: the centre, a queue, a line, an agent. */
export const CENTRE_SCOPE = 'c';
export const queueScope = (queue: string): string => `q:${queue}`;
export const lineScope = (line: string): string => `l:${line}`;
export const agentScope = (agent: string): string => `a:${agent}`;

/** Bound on the shared scope arrays kept (a centre has a few queues and lines, some 100 agents). */
const MAX_SHARED_SCOPE_ARRAYS = 100_000;

/**
 * Counters per calendar period and scope. A period is created by the first call that joins in
 * it and dropped at roll-over; a dropped period is never re-created by a late update (that
 * would leave it with only half a call), so late updates to it are simply ignored.
 */
export class PeriodBuckets {
  private readonly buckets = new Map<string, Bucket>();
  /** Per kind: periods ending at or before this were dropped. */
  private readonly droppedUpTo = new Map<BucketKind, number>();

  /**
   * One array of scope keys per (queue, line, agent), shared by every call counted there: the
   * arrays live as long as the calls, and one per call was much of what the engine's garbage
   * collector had to copy.
   */
  private readonly scopeArrays = new Map<string, readonly string[]>();

  /**
   * The last answer of periodsOf and the span it holds for: calls join in the same periods for
   * minutes on end, and share one array of keys instead of building it per call. Forgotten at
   * roll-over, which may drop some of those periods.
   */
  private lastPeriods: { readonly span: TimeSpan; readonly keys: readonly string[] } | undefined;

  constructor(private readonly calendar: ZonedCalendar) {}

  /**
   * The scope keys of a call answered (or not) by `agent`: the ones it had while its queue, line
   * and agent stay the same, so that a recount builds no new keys and `placed` sees the same array.
   */
  scopeKeysOf(call: TrackedCall, agent: string | undefined): readonly string[] {
    const kept = call.scopeKeys;
    if (kept && kept.queue === call.queue && kept.line === call.line && kept.agent === agent)
      return kept.scopes;
    const name = `${call.queue}\u0000${call.line ?? ''}\u0000${agent ?? ''}`;
    let scopes = this.scopeArrays.get(name);
    if (!scopes) {
      const keys = [queueScope(call.queue)];
      if (call.line !== undefined) keys.push(lineScope(call.line));
      if (agent !== undefined) keys.push(agentScope(agent));
      scopes = keys;
      if (this.scopeArrays.size >= MAX_SHARED_SCOPE_ARRAYS) this.scopeArrays.clear();
      this.scopeArrays.set(name, scopes);
    }
    call.scopeKeys = { queue: call.queue, line: call.line, agent, scopes };
    return scopes;
  }

  /**
   * Keys of every calendar period containing `at` (registers them if new and not dropped). The
   * array is shared by every instant with the same periods: it is never to be changed.
   */
  periodsOf(at: number): readonly string[] {
    const last = this.lastPeriods;
    if (last && last.span.from <= at && at < last.span.to) return last.keys;
    const keys: string[] = [];
    const add = (kind: BucketKind, span: TimeSpan): void => {
      const key = `${kind}@${span.from}`;
      if (!this.buckets.has(key)) {
        if (span.to <= (this.droppedUpTo.get(kind) ?? -Infinity)) return;
        this.buckets.set(key, { kind, span, scopes: new Map() });
      }
      keys.push(key);
    };
    add('day', this.calendar.dayOf(at));
    add('week', this.calendar.weekOf(at));
    add('month', this.calendar.monthOf(at));
    add('interval', this.calendar.intervalOf(at));
    for (const shift of this.calendar.shiftsAt(at)) add(`shift:${shift.name}`, shift);
    this.lastPeriods = { span: this.calendar.samePeriodsAround(at), keys };
    return keys;
  }

  /** Moves a contributor's contribution: subtracts what it added before, adds the new one. */
  replace(previous: AppliedContribution | undefined, next: AppliedContribution | undefined): void {
    if (previous && next && previous.targets === next.targets) {
      const change = contributionChange(previous.c, next.c);
      for (const counters of next.targets) counters.move(change);
      return;
    }
    if (previous) for (const counters of previous.targets) counters.add(previous.c, -1);
    if (next) for (const counters of next.targets) counters.add(next.c, 1);
  }

  /** The counters of every (period, scope) pair, creating scopes in live periods as needed. */
  resolve(periods: readonly string[], scopes: readonly string[]): KpiCounters[] {
    const out: KpiCounters[] = [];
    for (const period of periods) {
      const bucket = this.buckets.get(period);
      if (!bucket) continue;
      for (const scope of scopes) out.push(this.countersOf(bucket, scope));
    }
    return out;
  }

  addRating(periods: readonly string[], scopes: readonly string[], satisfied: boolean): void {
    for (const period of periods) {
      const bucket = this.buckets.get(period);
      if (!bucket) continue;
      for (const scope of scopes) this.countersOf(bucket, scope).addRating(satisfied);
    }
  }

  /** Counters of one scope in the period of `kind` that starts at `from`, if any. */
  get(kind: BucketKind, from: number, scope: string): KpiCounters | undefined {
    return this.buckets.get(`${kind}@${from}`)?.scopes.get(scope);
  }

  /** Scope keys present in the period. */
  scopesOf(kind: BucketKind, from: number): IterableIterator<string> | undefined {
    return this.buckets.get(`${kind}@${from}`)?.scopes.keys();
  }

  /**
   * Drops periods that are over: calendar periods ended by `now`, intervals before today
   * (today's stay for the trend chart).
   */
  rollOver(now: number): void {
    const todayFrom = this.calendar.dayOf(now).from;
    for (const [key, bucket] of this.buckets) {
      const over = bucket.kind === 'interval' ? bucket.span.to <= todayFrom : bucket.span.to <= now;
      if (!over) continue;
      this.buckets.delete(key);
      this.lastPeriods = undefined;
      const upTo = this.droppedUpTo.get(bucket.kind) ?? -Infinity;
      if (bucket.span.to > upTo) this.droppedUpTo.set(bucket.kind, bucket.span.to);
    }
  }

  stats(): { periods: number; counters: number } {
    let counters = 0;
    for (const bucket of this.buckets.values()) counters += bucket.scopes.size;
    return { periods: this.buckets.size, counters };
  }

  private countersOf(bucket: Bucket, scope: string): KpiCounters {
    let counters = bucket.scopes.get(scope);
    if (!counters) {
      // A trend point shows no longest wait.
      counters = new KpiCounters(bucket.kind !== 'interval');
      bucket.scopes.set(scope, counters);
    }
    return counters;
  }
}
