import type {
  CallEvent,
  CallSource,
  CallSourceListener,
  PbxInFlightView,
} from '@hotline/call-events';
import { KpiEngine, type PeriodFigures, type QueueCallRecord } from '@hotline/kpi';
import type { TruthCall } from '@hotline/simulator';

/**
 * A call source wired to its own KPI engine, as the monitor wires it, with what a test needs to
 * know on top: every call event seen (by callId), resync views, link changes, and a hook to
 * leave some events out (the AMI side's refusals in the parity test).
 */
export class EngineUnderTest {
  readonly engine = new KpiEngine();
  readonly records = new Map<string, QueueCallRecord>();
  readonly eventsByCall = new Map<string, CallEvent[]>();
  readonly resyncs: PbxInFlightView[] = [];
  readonly links: { up: boolean; reason?: string }[] = [];
  excluded: CallEvent[] = [];
  lastEventAt = -Infinity;

  constructor(
    readonly source: CallSource | undefined,
    private readonly exclude: (event: CallEvent) => boolean = () => false,
  ) {
    this.engine.onCallFinished((record) => this.records.set(record.callId, record));
  }

  /** Applies call events in order (what the listener's onEvents does). */
  feed(events: readonly CallEvent[]): void {
    for (const event of events) {
      if (this.exclude(event)) {
        this.excluded.push(event);
        continue;
      }
      if ('callId' in event && typeof event.callId === 'string') {
        const list = this.eventsByCall.get(event.callId) ?? [];
        list.push(event);
        this.eventsByCall.set(event.callId, list);
      }
      this.lastEventAt = Math.max(this.lastEventAt, event.at);
      this.engine.apply(event);
    }
  }

  start(): void {
    if (!this.source) throw new Error('no call source to start');
    const listener: CallSourceListener = {
      onEvents: (events) => this.feed(events),
      onResync: (view) => {
        this.resyncs.push(view);
        this.engine.resync(view);
      },
      onLink: (up, detail) => this.links.push({ up, reason: detail.reason }),
    };
    this.source.start(listener);
  }

  stop(): Promise<void> {
    return this.source?.stop() ?? Promise.resolve();
  }
}

/** Polls until `done()` or fails after `timeoutMs` with `what`. */
export async function waitUntil(
  what: string,
  done: () => boolean,
  timeoutMs: number,
  detail: () => unknown = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} ${JSON.stringify(detail())}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The spec's counts of one scope and period, in one comparable shape. */
export interface ComparableCounts {
  readonly offered: number;
  readonly answered: number;
  readonly answeredWithin10s: number;
  readonly overFiveMinutes: number;
  readonly abandoned: number;
  readonly shortAbandons: number;
  readonly exitedByReason: Record<string, number>;
  readonly blocked: number;
  readonly inProgress: number;
  readonly longestWaitSeconds: number;
}

export function engineCounts(f: PeriodFigures): ComparableCounts {
  const exitedByReason: Record<string, number> = {};
  for (const [reason, count] of Object.entries(f.exitedByReason))
    if (count) exitedByReason[reason] = count;
  return {
    offered: f.offered,
    answered: f.answered,
    answeredWithin10s: f.answeredWithin10s,
    overFiveMinutes: f.overFiveMinutes,
    abandoned: f.abandoned,
    shortAbandons: f.shortAbandons,
    exitedByReason,
    blocked: f.blocked,
    inProgress: f.inProgress,
    longestWaitSeconds: f.longestWaitSeconds,
  };
}

/** The model's exit statuses as the call events name them. */
export const EXIT_REASON: Readonly<Record<string, string>> = {
  TIMEOUT: 'timeout',
  LEAVEEMPTY: 'leave-empty',
  KEY: 'exit-key',
};

/** Per-scope units of the truth: queue calls (queue, line) or, for the centre, contacts. */
interface TruthUnit {
  readonly outcome: TruthCall['outcome'];
  readonly reason: string;
  readonly waitSeconds: number;
  readonly talkSeconds?: number;
}

export function truthCounts(units: readonly TruthUnit[]): ComparableCounts {
  const exitedByReason: Record<string, number> = {};
  for (const u of units)
    if (u.outcome === 'exited')
      exitedByReason[EXIT_REASON[u.reason]] = (exitedByReason[EXIT_REASON[u.reason]] ?? 0) + 1;
  const answered = units.filter((u) => u.outcome === 'answered');
  const abandoned = units.filter((u) => u.outcome === 'abandoned');
  return {
    offered: units.length,
    answered: answered.length,
    answeredWithin10s: answered.filter((u) => u.waitSeconds <= 10).length,
    overFiveMinutes: answered.filter((u) => (u.talkSeconds ?? 0) > 300).length,
    abandoned: abandoned.length,
    shortAbandons: abandoned.filter((u) => u.waitSeconds < 5).length,
    exitedByReason,
    blocked: units.filter((u) => u.outcome === 'blocked').length,
    inProgress: 0,
    longestWaitSeconds: units.reduce((m, u) => Math.max(m, u.waitSeconds), 0),
  };
}

/**
 * Contacts as the spec's centre scope counts them: answered if any visit was, wait from the first
 * entry to the first answer; else the last visit's outcome and wait from the first entry. Talk is
 * the sum of the talks of the answered visits (docs/adr/0002: a caller answered, blind-transferred
 * and answered again talked 203 + 98 = 301 s — over five minutes). The simulator's own
 * contactUnits takes the first answered visit's talk only, which differs for such contacts.
 */
export function contactTruthUnits(calls: readonly TruthCall[]): TruthUnit[] {
  const byContact = new Map<string, TruthCall[]>();
  for (const call of calls)
    byContact.set(call.linkedid, [...(byContact.get(call.linkedid) ?? []), call]);
  return [...byContact.values()].map((visits) => {
    visits.sort((a, b) => a.joinedAt - b.joinedAt || a.visit - b.visit);
    const first = visits[0];
    const answered = visits.find((v) => v.outcome === 'answered');
    if (answered)
      return {
        outcome: 'answered',
        reason: answered.reason,
        waitSeconds:
          Math.floor((answered.answeredAt ?? 0) / 1000) - Math.floor(first.joinedAt / 1000),
        talkSeconds: visits.reduce(
          (sum, v) => sum + (v.outcome === 'answered' ? (v.talkSeconds ?? 0) : 0),
          0,
        ),
      };
    const last = visits[visits.length - 1];
    return {
      outcome: last.outcome,
      reason: last.reason,
      waitSeconds: Math.floor(last.endedAt / 1000) - Math.floor(first.joinedAt / 1000),
    };
  });
}

export function groupTruth(
  calls: readonly TruthCall[],
  key: (call: TruthCall) => string,
): Record<string, TruthCall[]> {
  const groups: Record<string, TruthCall[]> = {};
  for (const call of calls) (groups[key(call)] ??= []).push(call);
  return groups;
}
