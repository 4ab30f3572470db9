import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Registry } from 'prom-client';
import type { CallEvent } from '@hotline/call-events';
import { KpiEngine } from '@hotline/kpi';
import { answeredCall, ev, MINUTE, SECOND, T0 } from '@hotline/kpi/call-event.factory';
import { CallDistributionsCollector } from './call-distributions.collector';
import { ExporterHealthCollector } from './exporter-health.collector';
import { KpiCountersCollector } from './kpi-counters.collector';
import { LiveGaugesCollector } from './live-gauges.collector';

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Every series' sample at once, so a failure shows each figure that differs. */
function expectSamples(text: string, expected: Readonly<Record<string, number>>): void {
  const actual = Object.fromEntries(Object.keys(expected).map((s) => [s, sample(text, s)]));
  expect(actual).toEqual(expected);
}

/** `promtool check metrics` finds nothing to say about the exposition. */
function expectPromtoolClean(text: string): void {
  const promtool = '/usr/bin/promtool';
  if (!existsSync(promtool)) {
    if (process.env.CI)
      throw new Error('promtool missing: .ci/run installs the prometheus package');
    console.warn('promtool not installed: skipping the exposition lint (CI runs it)');
    return;
  }
  const output = execFileSync(promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  expect(output.trim()).toBe('');
}

/**
 * Registers every per-site collector as MetricsService does, for engines standing in for the
 * sites' SiteLive (the link is up, its counters fixed, so the health series can be checked).
 */
function exposeSites(
  registry: Registry,
  sites: ReadonlyArray<{ site: string; engine: KpiEngine }>,
  now: () => number,
): { apply(site: string, events: readonly CallEvent[]): void } {
  const metricsSites = sites.map(({ site, engine }) => ({
    site,
    snapshot: () => engine.snapshot(now()),
    pbxQueues: [],
  }));
  new KpiCountersCollector(registry, () => metricsSites, ['12345', '12315', '12369']);
  new LiveGaugesCollector(registry, () => metricsSites, false);
  const distributions = new CallDistributionsCollector(registry);
  for (const { site, engine } of sites)
    engine.onCallFinished((record) => distributions.onCallFinished(site, record));
  const health = sites.map(({ site, engine }) => ({
    site,
    linkUp: () => true,
    linkStats: () => ({
      reconnects: 2,
      protocolErrors: 1,
      eventsByType: new Map([['QueueCallerJoin', 5]]),
    }),
    eventLagSeconds: () => 0.25,
    lastEventAt: () => T0,
    anomalies: () => engine.anomalies(),
  }));
  new ExporterHealthCollector(registry, {
    sites: () => health,
    websocketClients: () => 3,
    storageBacklog: () => 0,
  });
  return {
    /** What SiteLive.ingest does for /metrics: the engine applies, events$ passes the applied on. */
    apply(site, events) {
      const engine = sites.find((entry) => entry.site === site)?.engine;
      if (!engine) throw new Error(`no site ${site}`);
      distributions.onEvents(
        site,
        events.filter((event) => engine.apply(event) === 'applied'),
      );
    },
  };
}

describe('metrics exposition', () => {
  let engine: KpiEngine;
  let registry: Registry;
  let now: number;

  beforeEach(() => {
    engine = new KpiEngine();
    registry = new Registry();
    now = T0 + 30 * MINUTE;
    exposeSites(registry, [{ site: 'default', engine }], () => now);
    const events = [
      ...answeredCall({
        callId: 'a',
        joinAt: T0,
        waitSeconds: 10,
        talkSeconds: 300,
        queue: 'q1',
        line: '12345',
      }),
      ...answeredCall({
        callId: 'b',
        joinAt: T0 + MINUTE,
        waitSeconds: 11,
        talkSeconds: 301,
        queue: 'q1',
        line: '12315',
      }),
      ev.joined('c', T0 + 2 * MINUTE, { queue: 'q1', line: '12345' }),
      ev.abandoned('c', T0 + 2 * MINUTE + 3 * SECOND, 3, 'q1'),
      ev.joined('d', T0 + 3 * MINUTE, { queue: 'q2', line: '12345' }),
      ev.exited('d', T0 + 4 * MINUTE, 60, 'timeout', 'q2'),
      ev.refused('e', T0 + 5 * MINUTE, 'full', { queue: 'q2', line: '12345' }),
      ev.joined('f', T0 + 29 * MINUTE, { queue: 'q2', line: '12345' }),
      ev.rated('r1', T0 + 10 * MINUTE, 5, { queue: 'q1', callId: 'a' }),
    ];
    for (const event of events) engine.apply(event);
    engine.tick(now);
  });

  it.each<[what: string, expected: Record<string, number>]>([
    [
      'the engine figures per queue, per line and for the centre',
      {
        'hotline_queue_calls_offered_total{site="default",queue="q1"}': 3,
        'hotline_queue_calls_answered_total{site="default",queue="q1"}': 2,
        'hotline_queue_calls_answered_within_threshold_total{site="default",queue="q1"}': 1,
        'hotline_queue_calls_long_talk_total{site="default",queue="q1"}': 1,
        'hotline_queue_calls_abandoned_total{site="default",queue="q1"}': 1,
        'hotline_queue_calls_short_abandoned_total{site="default",queue="q1"}': 1,
        'hotline_queue_calls_exited_total{site="default",queue="q2",reason="timeout"}': 1,
        'hotline_queue_calls_blocked_total{site="default",queue="q2"}': 1,
        'hotline_line_calls_offered_total{site="default",line="12345"}': 5,
        'hotline_line_calls_offered_total{site="default",line="12315"}': 1,
        // A configured line with no call yet is exported as 0, not left out.
        'hotline_line_calls_offered_total{site="default",line="12369"}': 0,
        'hotline_contacts_offered_total{site="default"}': 6,
        'hotline_contacts_answered_within_threshold_total{site="default"}': 1,
        // Finished = offered − still waiting: 'f' waits in q2 on line 12345.
        'hotline_queue_calls_finished_total{site="default",queue="q1"}': 3,
        'hotline_queue_calls_finished_total{site="default",queue="q2"}': 2,
        'hotline_line_calls_finished_total{site="default",line="12345"}': 4,
        'hotline_line_calls_finished_total{site="default",line="12315"}': 1,
        'hotline_line_calls_finished_total{site="default",line="12369"}': 0,
        'hotline_contacts_finished_total{site="default"}': 5,
      },
    ],
    [
      'live gauges and distributions with the 10 s and 300 s edges',
      {
        'hotline_callers_waiting{site="default",queue="q2"}': 1,
        'hotline_longest_wait_seconds{site="default",queue="q2"}': 60,
        'hotline_queue_wait_seconds_bucket{le="10",site="default",queue="q1",outcome="answered"}': 1,
        'hotline_talk_seconds_bucket{le="300",site="default",queue="q1"}': 1,
        'hotline_talk_seconds_count{site="default",queue="q1"}': 2,
        'hotline_pbx_up{site="default"}': 1,
        'hotline_pbx_events_total{site="default",event="QueueCallerJoin"}': 5,
      },
    ],
  ])('exports %s', async (_what, expected) => {
    expectSamples(await registry.metrics(), expected);
  });

  it('exports calls whose outcome is unknown, and never lowers the counter when one is corrected', async () => {
    engine.resync({ at: now, waiting: [], talking: [], agents: [] });
    // 'f' was waiting in q2 and the view no longer lists it: outcome unknown.
    expectSamples(await registry.metrics(), {
      'hotline_queue_calls_unknown_total{site="default",queue="q2"}': 1,
      'hotline_queue_calls_outcome_unknown{site="default",queue="q2"}': 1,
      'hotline_line_calls_unknown_total{site="default",line="12345"}': 1,
      'hotline_queue_calls_finished_total{site="default",queue="q2"}': 3,
      'hotline_contacts_finished_total{site="default"}': 6,
      'hotline_figures_complete_since_timestamp_seconds{site="default"}': now / 1000,
    });
    engine.apply(ev.abandoned('f', T0 + 29 * MINUTE + 20 * SECOND, 20, 'q2'));
    now += SECOND;
    expectSamples(await registry.metrics(), {
      'hotline_queue_calls_unknown_total{site="default",queue="q2"}': 1,
      'hotline_queue_calls_outcome_unknown{site="default",queue="q2"}': 0,
      'hotline_queue_calls_abandoned_total{site="default",queue="q2"}': 1,
      'hotline_queue_calls_offered_total{site="default",queue="q2"}': 3,
      'hotline_queue_calls_finished_total{site="default",queue="q2"}': 3,
      'hotline_contacts_finished_total{site="default"}': 6,
    });
  });

  it('counts a call in finished when it ends, not when it joins', async () => {
    engine.apply(ev.joined('g', T0 + 29 * MINUTE + 30 * SECOND, { queue: 'q1', line: '12315' }));
    now += SECOND;
    expectSamples(await registry.metrics(), {
      'hotline_queue_calls_offered_total{site="default",queue="q1"}': 4,
      'hotline_queue_calls_finished_total{site="default",queue="q1"}': 3,
      'hotline_line_calls_finished_total{site="default",line="12315"}': 1,
      'hotline_contacts_offered_total{site="default"}': 7,
      'hotline_contacts_finished_total{site="default"}': 5,
    });
    engine.apply(ev.answered('g', T0 + 29 * MINUTE + 40 * SECOND, 'agent-1', 10, 'q1'));
    now += SECOND;
    expectSamples(await registry.metrics(), {
      'hotline_queue_calls_finished_total{site="default",queue="q1"}': 4,
      'hotline_line_calls_finished_total{site="default",line="12315"}': 2,
      'hotline_contacts_finished_total{site="default"}': 6,
    });
  });

  it('passes promtool check metrics', async () => {
    expectPromtoolClean(await registry.metrics());
  });
});

describe('metrics exposition of several sites', () => {
  const now = T0 + 30 * MINUTE;
  let registry: Registry;

  beforeEach(() => {
    registry = new Registry();
    const sites = exposeSites(
      registry,
      [
        { site: 'lvliang', engine: new KpiEngine() },
        { site: 'taiyuan', engine: new KpiEngine() },
      ],
      () => now,
    );
    // Both PBXs have a queue q1 on line 12345, and their call ids collide.
    sites.apply('lvliang', [
      ...answeredCall({ callId: 'a', joinAt: T0, waitSeconds: 5, talkSeconds: 60, line: '12345' }),
      ...answeredCall({
        callId: 'b',
        joinAt: T0 + MINUTE,
        waitSeconds: 20,
        talkSeconds: 400,
        line: '12345',
      }),
      ev.joined('c', T0 + 2 * MINUTE, { line: '12345' }),
      ev.abandoned('c', T0 + 2 * MINUTE + 3 * SECOND, 3),
      ev.rated('r1', T0 + 3 * MINUTE, 5, { callId: 'a' }),
    ]);
    sites.apply('taiyuan', [
      ...answeredCall({ callId: 'a', joinAt: T0, waitSeconds: 3, talkSeconds: 90, line: '12345' }),
      ev.joined('d', T0 + 29 * MINUTE, { line: '12345' }),
      ev.rated('r1', T0 + 3 * MINUTE, 3, { callId: 'a' }),
    ]);
  });

  it('exports a queue of the same name at two sites as two series with their own counts', async () => {
    expectSamples(await registry.metrics(), {
      'hotline_queue_calls_offered_total{site="lvliang",queue="q1"}': 3,
      'hotline_queue_calls_offered_total{site="taiyuan",queue="q1"}': 2,
      'hotline_queue_calls_answered_total{site="lvliang",queue="q1"}': 2,
      'hotline_queue_calls_answered_total{site="taiyuan",queue="q1"}': 1,
      'hotline_queue_calls_answered_within_threshold_total{site="lvliang",queue="q1"}': 1,
      'hotline_queue_calls_answered_within_threshold_total{site="taiyuan",queue="q1"}': 1,
      'hotline_queue_calls_long_talk_total{site="lvliang",queue="q1"}': 1,
      'hotline_queue_calls_long_talk_total{site="taiyuan",queue="q1"}': 0,
      'hotline_queue_calls_abandoned_total{site="lvliang",queue="q1"}': 1,
      'hotline_queue_calls_abandoned_total{site="taiyuan",queue="q1"}': 0,
      'hotline_queue_calls_finished_total{site="lvliang",queue="q1"}': 3,
      'hotline_queue_calls_finished_total{site="taiyuan",queue="q1"}': 1,
      'hotline_line_calls_offered_total{site="lvliang",line="12345"}': 3,
      'hotline_line_calls_offered_total{site="taiyuan",line="12345"}': 2,
      'hotline_line_calls_offered_total{site="taiyuan",line="12369"}': 0,
      'hotline_contacts_offered_total{site="lvliang"}': 3,
      'hotline_contacts_offered_total{site="taiyuan"}': 2,
      'hotline_contacts_finished_total{site="lvliang"}': 3,
      'hotline_contacts_finished_total{site="taiyuan"}': 1,
      'hotline_callers_waiting{site="lvliang",queue="q1"}': 0,
      'hotline_callers_waiting{site="taiyuan",queue="q1"}': 1,
      'hotline_longest_wait_seconds{site="taiyuan",queue="q1"}': 60,
      'hotline_queue_wait_seconds_bucket{le="10",site="lvliang",queue="q1",outcome="answered"}': 1,
      'hotline_queue_wait_seconds_count{site="lvliang",queue="q1",outcome="answered"}': 2,
      'hotline_queue_wait_seconds_count{site="taiyuan",queue="q1",outcome="answered"}': 1,
      'hotline_talk_seconds_count{site="lvliang",queue="q1"}': 2,
      'hotline_talk_seconds_count{site="taiyuan",queue="q1"}': 1,
      'hotline_survey_ratings_total{site="lvliang",queue="q1",score="5"}': 1,
      'hotline_survey_ratings_total{site="taiyuan",queue="q1",score="3"}': 1,
      'hotline_pbx_up{site="lvliang"}': 1,
      'hotline_pbx_up{site="taiyuan"}': 1,
    });
  });

  it('exports no per-site series without its site', async () => {
    const text = await registry.metrics();
    const unlabelled = text
      .split('\n')
      .filter((line) => line.startsWith('hotline_') && !line.includes('site="'))
      .map((line) => line.slice(0, line.indexOf(' ')));
    // Only the instance's own figures (the push, the writer) have no site.
    expect(unlabelled).toEqual(['hotline_websocket_clients', 'hotline_storage_backlog_records']);
    const offeredQ1 = text
      .split('\n')
      .filter((line) => /^hotline_queue_calls_offered_total\{.*queue="q1"/.test(line));
    expect(offeredQ1).toHaveLength(2);
  });

  it('passes promtool check metrics', async () => {
    expectPromtoolClean(await registry.metrics());
  });
});
