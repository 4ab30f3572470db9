import fc from 'fast-check';
import type {
  CallEvent,
  ExitReason,
  PbxInFlightView,
  TalkingCaller,
  WaitingCaller,
} from '@hotline/call-events';
import { emptyFigures, KpiEngine, kpiRates, type PeriodFigures, wholeSecond } from '@hotline/kpi';
import { ev, shanghai } from '@hotline/kpi/call-event.factory';
import { CallStore } from './call-store';
import { IntervalAggregateRepository } from './interval-aggregate.repository';
import { UNKNOWN_LINE } from './interval-aggregator';
import { openDatabase } from './open-database';
import { Sql } from './sql';
import { DEFAULT_AGGREGATION_RULES } from './storage-options';
import { rateInputsOf } from './stored-counter-mapping';
import {
  addCounters,
  emptyCounters,
  type ScopeKind,
  type StorageItem,
  type StoredCounters,
} from './stored-records';

/**
 * The wallboard and the reports count with one rulebook: for random calls — several queues,
 * lines and agents, contacts with several visits, every outcome, calls lost in link gaps
 * (outcome unknown, talk unknown) and callers first seen in a resync view, joins next to
 * 15-minute and day boundaries, waits next to the 10-second edge, talks next to 300 s — the
 * 15-minute aggregates storage writes (the real CallStore on SQLite, fed the engine's records
 * in writer-sized batches), summed over the day, equal the engine's figures of that day
 * exactly, for the centre and for every queue, line and agent.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const QUARTER_MS = 15 * 60 * 1000;
const DAY_FROM = shanghai('2026-03-10 00:00');
const DAY_TO = DAY_FROM + DAY_MS;

type Fate = 'answered' | 'abandoned' | 'exited' | 'blocked';

interface VisitSpec {
  readonly queue: string;
  readonly line: string | undefined;
  readonly agent: string;
  readonly fate: Fate;
  readonly exitReason: ExitReason;
  readonly waitMs: number;
  readonly talkMs: number;
  /** From leaving this queue to joining the next. */
  readonly nextMs: number;
  /** Key pressed after the talk, if the caller rated it. */
  readonly score: number | null;
}

interface ContactSpec {
  readonly firstJoin: number;
  readonly visits: readonly VisitSpec[];
}

/** A link gap: events in (at − lengthMs, at] are never delivered; a view comes at `at`. */
interface GapSpec {
  readonly contact: number;
  readonly afterFirstJoinMs: number;
  readonly lengthMs: number;
}

interface Scenario {
  readonly contacts: readonly ContactSpec[];
  readonly gaps: readonly GapSpec[];
  readonly batchSize: number;
}

const near = (at: number): fc.Arbitrary<number> =>
  fc.integer({ min: -30_000, max: 30_000 }).map((offset) => at + offset);

const firstJoinArb = fc.oneof(
  near(DAY_FROM),
  near(DAY_TO),
  fc.integer({ min: 1, max: 95 }).chain((k) => near(DAY_FROM + k * QUARTER_MS)),
  fc.integer({ min: 0, max: DAY_MS - 1 }).map((offset) => DAY_FROM + offset),
);

const visitArb: fc.Arbitrary<VisitSpec> = fc.record({
  queue: fc.constantFrom('q1', 'q2', 'q3'),
  line: fc.constantFrom('L1', 'L2', 'L3', undefined),
  agent: fc.constantFrom('a1', 'a2', 'a3', 'a4'),
  fate: fc.constantFrom<Fate>('answered', 'answered', 'answered', 'abandoned', 'exited', 'blocked'),
  exitReason: fc.constantFrom<ExitReason>('timeout', 'leave-empty', 'exit-key', 'withdraw'),
  waitMs: fc.oneof(
    fc.integer({ min: 9_000, max: 11_999 }),
    fc.integer({ min: 3_000, max: 6_999 }),
    fc.integer({ min: 0, max: 120_000 }),
  ),
  talkMs: fc.oneof(
    fc.integer({ min: 299_000, max: 301_999 }),
    fc.integer({ min: 0, max: 900_000 }),
  ),
  nextMs: fc.integer({ min: 0, max: 3_000 }),
  score: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 3 }),
});

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  contacts: fc.array(
    fc.record({
      firstJoin: firstJoinArb,
      visits: fc.array(visitArb, { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 40 },
  ),
  gaps: fc.array(
    fc.record({
      contact: fc.nat(),
      afterFirstJoinMs: fc.integer({ min: 0, max: 300_000 }),
      lengthMs: fc.integer({ min: 1_000, max: 300_000 }),
    }),
    { maxLength: 8 },
  ),
  batchSize: fc.integer({ min: 1, max: 25 }),
});

/** One queue call as it really happened (times in ms; the PBX counts whole seconds). */
interface TrueCall {
  readonly callId: string;
  readonly contactId: string;
  readonly queue: string;
  readonly line: string | undefined;
  readonly agent: string;
  readonly joinAt: number;
  /** Answered at; undefined if not answered. */
  readonly answerAt: number | undefined;
  /** Left the queue, or the talk ended. */
  readonly endAt: number;
}

interface Timed {
  readonly at: number;
  readonly event: CallEvent;
}

const seconds = (from: number, to: number): number => wholeSecond(to) - wholeSecond(from);

function play(scenario: Scenario): { calls: TrueCall[]; events: Timed[] } {
  const calls: TrueCall[] = [];
  const events: Timed[] = [];
  const push = (event: CallEvent): void => void events.push({ at: event.at, event });
  scenario.contacts.forEach((contact, c) => {
    let t = contact.firstJoin;
    contact.visits.forEach((v, i) => {
      const callId = `k${c}v${i}`;
      const o = { queue: v.queue, contactId: `k${c}`, ...(v.line ? { line: v.line } : {}) };
      const base = { callId, contactId: o.contactId, queue: v.queue, line: v.line, agent: v.agent };
      if (v.fate === 'blocked') {
        push(ev.refused(callId, t, 'full', o));
        calls.push({ ...base, joinAt: t, answerAt: undefined, endAt: t });
        t += v.nextMs;
        return;
      }
      push(ev.joined(callId, t, o));
      const left = t + v.waitMs;
      if (v.fate === 'answered') {
        const end = left + v.talkMs;
        push(ev.answered(callId, left, v.agent, seconds(t, left), v.queue));
        push(ev.ended(callId, end, v.agent, seconds(left, end), 'caller-hangup', v.queue));
        if (v.score !== null) {
          const rating = ev.rated(`r-${callId}`, end + 3_000, v.score, {
            queue: v.queue,
            agent: v.agent,
            callId,
            contactId: o.contactId,
          });
          push(rating);
        }
        calls.push({ ...base, joinAt: t, answerAt: left, endAt: end });
        t = end + v.nextMs;
        return;
      }
      push(
        v.fate === 'abandoned'
          ? ev.abandoned(callId, left, seconds(t, left), v.queue)
          : ev.exited(callId, left, seconds(t, left), v.exitReason, v.queue),
      );
      calls.push({ ...base, joinAt: t, answerAt: undefined, endAt: left });
      t = left + v.nextMs;
    });
  });
  return { calls, events };
}

/** What the PBX lists at `at`: callers waiting and talking, their times from its ledger. */
function viewAt(at: number, calls: readonly TrueCall[]): PbxInFlightView {
  const waiting: WaitingCaller[] = [];
  const talking: TalkingCaller[] = [];
  for (const call of calls) {
    if (call.joinAt > at || call.endAt <= at || call.joinAt === call.endAt) continue;
    const common = {
      callId: call.callId,
      contactId: call.contactId,
      queue: call.queue,
      ...(call.line ? { line: call.line } : {}),
      joinedAt: wholeSecond(call.joinAt) * 1000,
    };
    if (call.answerAt === undefined || call.answerAt > at) waiting.push(common);
    else
      talking.push({
        ...common,
        agent: call.agent,
        answeredAt: wholeSecond(call.answerAt) * 1000,
        waitSeconds: seconds(call.joinAt, call.answerAt),
        times: 'ledger',
      });
  }
  return { at, waiting, talking, agents: [] };
}

/** The engine fed the delivered events (and a view after each gap); storage fed its output. */
function run(scenario: Scenario): { engine: KpiEngine; items: StorageItem[] } {
  const { calls, events } = play(scenario);
  const gaps = scenario.gaps
    .map((g) => {
      const contact = scenario.contacts[g.contact % scenario.contacts.length];
      const at = (contact?.firstJoin ?? DAY_FROM) + g.afterFirstJoinMs;
      return { from: at - g.lengthMs, at };
    })
    .sort((a, b) => a.at - b.at);
  const lost = (at: number): boolean => gaps.some((g) => at > g.from && at <= g.at);
  const steps: ({ at: number; event: CallEvent } | { at: number; view: true })[] = [
    ...events.filter((e) => !lost(e.at)),
    ...gaps.map((g) => ({ at: g.at, view: true as const })),
  ];
  // Stable: a call's own events keep their order; a view comes after events of its instant.
  steps.sort((a, b) => a.at - b.at || Number('view' in a) - Number('view' in b));

  const engine = new KpiEngine();
  const items: StorageItem[] = [];
  engine.onCallFinished((record) => items.push({ kind: 'queue-call', record }));
  for (const step of steps) {
    if ('view' in step) engine.resync(viewAt(step.at, calls));
    else {
      engine.apply(step.event);
      const e = step.event;
      if (e.type === 'survey-rated')
        items.push({
          kind: 'rating',
          record: {
            ratingId: e.ratingId,
            queue: e.queue,
            score: e.score,
            ratedAt: e.at,
            agent: e.agent ?? null,
            callId: e.callId ?? null,
            contactId: e.contactId ?? null,
          },
        });
    }
    // The live clock ticks with the PBX; past midnight the engine would roll the day over
    // (it then shows the next day), so it reads the whole day before that.
    if (step.at < DAY_TO) engine.tick(step.at);
  }
  return { engine, items };
}

/** The figures both sides must agree on (every field of PeriodFigures storage can hold). */
function comparable(f: PeriodFigures) {
  return {
    offered: f.offered,
    answered: f.answered,
    answeredWithin10s: f.answeredWithin10s,
    overFiveMinutes: f.overFiveMinutes,
    unanswered: f.unanswered,
    abandoned: f.abandoned,
    shortAbandons: f.shortAbandons,
    exited: f.exited,
    blocked: f.blocked,
    unknown: f.unknown,
    inProgress: f.inProgress,
    longestWaitSeconds: f.longestWaitSeconds,
    answerRate: f.answerRate,
    answeredIn10sRate: f.answeredIn10sRate,
    serviceLevel: f.serviceLevel,
    overFiveMinuteRate: f.overFiveMinuteRate,
    abandonRate: f.abandonRate,
    asaSeconds: f.asaSeconds,
    ahtSeconds: f.ahtSeconds,
    ratings: f.ratings,
  };
}

function storedFigures(c: StoredCounters): ReturnType<typeof comparable> {
  const rates = kpiRates(rateInputsOf(c));
  return {
    offered: c.offered,
    answered: c.answered,
    answeredWithin10s: c.answered10s,
    overFiveMinutes: c.over5min,
    unanswered: c.abandoned + c.exited + c.blocked,
    abandoned: c.abandoned,
    shortAbandons: c.shortAbandoned,
    exited: c.exited,
    blocked: c.blocked,
    unknown: c.unknown,
    inProgress: 0,
    longestWaitSeconds: c.maxWait,
    answerRate: rates.answerRate,
    answeredIn10sRate: rates.answeredIn10sRate,
    serviceLevel: rates.serviceLevel,
    overFiveMinuteRate: rates.overFiveMinuteRate,
    abandonRate: rates.abandonRate,
    asaSeconds: rates.asaSeconds,
    ahtSeconds: rates.ahtSeconds,
    ratings: { count: c.ratings, satisfied: c.satisfied, rate: rates.satisfactionRate },
  };
}

describe('stored 15-minute aggregates summed over a day', () => {
  it("equal the engine's day, for the centre and every queue, line and agent", async () => {
    const dataSource = await openDatabase({ driver: 'sqlite', path: ':memory:' });
    const sql = Sql.of(dataSource);
    const store = new CallStore(dataSource, DEFAULT_AGGREGATION_RULES);
    const intervals = new IntervalAggregateRepository(sql);
    try {
      await fc.assert(
        fc.asyncProperty(scenarioArb, async (scenario) => {
          for (const table of ['queue_call', 'survey_rating', 'interval_aggregate'])
            await sql.run(`DELETE FROM ${table}`, []);
          const { engine, items } = run(scenario);
          for (let i = 0; i < items.length; i += scenario.batchSize)
            await store.writeBatch(items.slice(i, i + scenario.batchSize));

          const stored = new Map<string, StoredCounters>();
          for (const row of await intervals.findBetween(DAY_FROM, DAY_TO)) {
            const id = `${row.scopeKind}|${row.scopeKey}`;
            stored.set(id, addCounters(stored.get(id) ?? emptyCounters(), row));
          }
          const storedOf = (kind: ScopeKind, key: string) =>
            storedFigures(stored.get(`${kind}|${key}`) ?? emptyCounters());
          const day = engine.snapshot(DAY_TO - 1).periods;
          const empty = comparable(emptyFigures({ from: DAY_FROM, to: DAY_TO }));
          const engineOf = (
            set: Readonly<Record<string, { today: PeriodFigures }>>,
            key: string,
          ) => (set[key] ? comparable(set[key].today) : empty);

          expect(storedOf('centre', '*')).toEqual(comparable(day.centre.today));
          const keys = (kind: ScopeKind, engineKeys: Iterable<string>): string[] => [
            ...new Set([
              ...engineKeys,
              ...[...stored.keys()]
                .filter((id) => id.startsWith(`${kind}|`))
                .map((id) => id.slice(kind.length + 1)),
            ]),
          ];
          for (const queue of keys('queue', Object.keys(day.queues)))
            expect({ queue, ...storedOf('queue', queue) }).toEqual({
              queue,
              ...engineOf(day.queues, queue),
            });
          for (const line of keys('line', Object.keys(day.lines)).filter((l) => l !== UNKNOWN_LINE))
            expect({ line, ...storedOf('line', line) }).toEqual({
              line,
              ...engineOf(day.lines, line),
            });
          for (const agent of keys('agent', Object.keys(day.agents)))
            expect({ agent, ...storedOf('agent', agent) }).toEqual({
              agent,
              ...engineOf(day.agents, agent),
            });
          // Calls with no line: storage keeps them under '-', the engine in no line scope.
          const total = (sets: Readonly<Record<string, { today: PeriodFigures }>>) =>
            Object.values(sets).reduce((sum, set) => sum + set.today.offered, 0);
          expect(storedOf('line', UNKNOWN_LINE).offered).toBe(total(day.queues) - total(day.lines));
        }),
        { seed: 20_260_310, numRuns: 100 },
      );
    } finally {
      await dataSource.destroy();
    }
  });
});
