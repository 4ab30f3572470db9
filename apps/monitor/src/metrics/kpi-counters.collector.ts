import { Counter, type Registry } from 'prom-client';
import type { PeriodFigures, KpiSnapshot } from '@hotline/kpi';
import { METRIC_PREFIX } from './metrics-registry';
import type { MetricsSite } from './metrics-site';
import { MonotonicPeriodCounter } from './monotonic-period-counter';

type Figure = (figures: PeriodFigures) => number;

const QUEUE_CALL_FIGURES: ReadonlyArray<readonly [suffix: string, help: string, figure: Figure]> = [
  ['offered_total', 'Queue calls offered (joined a queue, plus blocked).', (f) => f.offered],
  ['answered_total', 'Queue calls answered by an agent.', (f) => f.answered],
  [
    'finished_total',
    'Queue calls finished: answered, lost (abandoned, exited, blocked) or gone unseen (outcome unknown). The denominator of the answer and abandon rates; a caller still waiting is not in it until the call ends.',
    // Rises only: a caller joining adds to offered and inProgress alike, an outcome moves the
    // call out of inProgress. A centre contact moving on to another queue goes back in progress
    // for a while; MonotonicPeriodCounter holds the counter until it finishes again.
    (f) => f.offered - f.inProgress,
  ],
  [
    'answered_within_threshold_total',
    'Queue calls answered with wait <= the answer threshold (10 s).',
    (f) => f.answeredWithin10s,
  ],
  [
    'long_talk_total',
    'Answered queue calls whose talk passed the long-talk threshold (300 s).',
    (f) => f.overFiveMinutes,
  ],
  ['abandoned_total', 'Queue calls abandoned by the caller while waiting.', (f) => f.abandoned],
  [
    'short_abandoned_total',
    'Abandoned queue calls with wait under the short-abandon threshold (5 s).',
    (f) => f.shortAbandons,
  ],
  [
    'blocked_total',
    'Queue calls refused by the queue (full, join-empty, unavailable).',
    (f) => f.blocked,
  ],
  [
    'unknown_total',
    'Queue calls closed with outcome unknown (in flight when the monitor lost sight of the PBX, gone when it looked again). A later correction counts in the real outcome; this counter does not go down.',
    (f) => f.unknown,
  ],
];

/**
 * The figures also counted per contact for the centre (a contact counts once however many
 * queues it visited): their help, by the suffix of the queue-call figure they count.
 */
const CONTACT_HELP: Readonly<Partial<Record<string, string>>> = {
  offered_total: 'Contacts offered to the centre (a caller moved between queues counts once).',
  answered_total: 'Contacts answered by an agent in any queue.',
  finished_total:
    'Contacts finished: answered, lost or gone unseen. The denominator of the centre answer rate; a caller still waiting is not in it.',
  answered_within_threshold_total:
    'Contacts answered within the threshold, counted from their first queue entry.',
  long_talk_total: 'Contacts with a talk over the long-talk threshold.',
};

/**
 * Exports every site's month-to-date call figures as counters, collected on scrape, with the
 * site as a label. The numbers are the engines', so Prometheus, the wallboard and the reports
 * agree.
 */
export class KpiCountersCollector {
  private readonly monotonic = new MonotonicPeriodCounter();

  /**
   * `knownLines`: the configured hotline codes. They, the queues each site's PBX reported and
   * the queues its agents are members of are exported from the start with 0, so the first call
   * of a queue is an increase Prometheus sees rather than the first sample of a new series.
   */
  constructor(
    registry: Registry,
    sites: () => readonly MetricsSite[],
    knownLines: readonly string[] = [],
  ) {
    const scopesOf = (
      level: 'queue' | 'line',
      snapshot: KpiSnapshot,
      pbxQueues: readonly string[],
    ): [string, PeriodFigures | undefined][] => {
      const scopes = level === 'queue' ? snapshot.periods.queues : snapshot.periods.lines;
      const known =
        level === 'queue'
          ? [...pbxQueues, ...snapshot.agents.flatMap((a) => a.queues)]
          : knownLines;
      const keys = new Set([...Object.keys(scopes), ...known]);
      return [...keys].map((key) => [key, scopes[key]?.month]);
    };

    for (const [level, label] of [
      ['queue', 'queue'],
      ['line', 'line'],
    ] as const) {
      for (const [suffix, help, figure] of QUEUE_CALL_FIGURES) {
        const name = `${METRIC_PREFIX}${level}_calls_${suffix}`;
        const monotonic = this.monotonic;
        new Counter({
          name,
          help: `${help} Per site and ${level}; month to date.`,
          labelNames: ['site', label],
          registers: [registry],
          collect() {
            this.reset();
            for (const live of sites()) {
              const site = live.site;
              const figures = live.snapshot();
              const monthStart = figures.periods.centre.month.from;
              for (const [key, month] of scopesOf(level, figures, live.pbxQueues)) {
                const value = month ? figure(month) : 0;
                this.inc(
                  { site, [label]: key },
                  monotonic.value(`${name}|${site}|${key}`, month?.from ?? monthStart, value),
                );
              }
            }
          },
        });
      }
      const exitedName = `${METRIC_PREFIX}${level}_calls_exited_total`;
      const monotonic = this.monotonic;
      new Counter({
        name: exitedName,
        help: `Queue calls that left unanswered for a reason other than hanging up (timeout, leave-empty, exit key). Per site and ${level}; month to date.`,
        labelNames: ['site', label, 'reason'],
        registers: [registry],
        collect() {
          this.reset();
          for (const live of sites()) {
            const site = live.site;
            const periods = live.snapshot().periods;
            const scopes = level === 'queue' ? periods.queues : periods.lines;
            for (const [key, set] of Object.entries(scopes)) {
              for (const [reason, count] of Object.entries(set.month.exitedByReason)) {
                const value = monotonic.value(
                  `${exitedName}|${site}|${key}|${reason}`,
                  set.month.from,
                  count ?? 0,
                );
                this.inc({ site, [label]: key, reason }, value);
              }
            }
          }
        },
      });
    }

    for (const [suffix, , figure] of QUEUE_CALL_FIGURES) {
      const help = CONTACT_HELP[suffix];
      if (help === undefined) continue;
      const name = `${METRIC_PREFIX}contacts_${suffix}`;
      const monotonic = this.monotonic;
      new Counter({
        name,
        help: `${help} Per site; month to date.`,
        labelNames: ['site'],
        registers: [registry],
        collect() {
          this.reset();
          for (const live of sites()) {
            const site = live.site;
            const month = live.snapshot().periods.centre.month;
            this.inc({ site }, monotonic.value(`${name}|${site}`, month.from, figure(month)));
          }
        },
      });
    }
  }
}
