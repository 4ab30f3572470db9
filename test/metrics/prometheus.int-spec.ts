import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PbxSimulator, type KpiFigures } from '@hotline/simulator';
import { startMonitor, waitFor, type RunningMonitor } from '../support/monitor-harness';
import { PrometheusServer } from '../support/prometheus-server';

const SECRET = 'prometheus-e2e-secret';
/** 2026-01-06 09:00 Asia/Shanghai. */
const START = Date.UTC(2026, 0, 6, 1, 0, 0);
const LINES = ['12345', '12315', '12369', '12329', '12333'];

interface DashboardPanel {
  readonly title: string;
  readonly targets?: readonly { readonly expr: string }[];
}

const haveProm = PrometheusServer.available();
if (!haveProm && process.env.CI)
  throw new Error('prometheus is not installed: .ci/run installs the Debian package');
const describeWithProm = haveProm ? describe : describe.skip;
if (!haveProm)
  console.warn('prometheus not installed: skipping the Prometheus integration test (CI runs it)');

describeWithProm('a real Prometheus scraping the monitor while the simulator runs', () => {
  let simulator: PbxSimulator;
  let monitor: RunningMonitor;
  let prometheus: PrometheusServer;

  const value = async (expr: string): Promise<number> => {
    const result = await prometheus.query(expr);
    expect(result).toHaveLength(1);
    return Number(result[0].value[1]);
  };

  beforeAll(async () => {
    // The PBX, the monitor (connected and resynced, so it knows every queue) and Prometheus
    // are all up and Prometheus has scraped zeros before the first call: every call is then an
    // increase Prometheus observes, and increase() extrapolates every series alike.
    simulator = await PbxSimulator.start({
      scenario: 'small-demo',
      seed: 5,
      speed: 600,
      startAt: START,
      durationMs: 2 * 3_600_000,
      hold: true,
      ami: {
        host: '127.0.0.1',
        port: 0,
        username: 'monitor',
        secret: SECRET,
        timestampEvents: true,
      },
    });
    monitor = await startMonitor({
      pbx: {
        type: 'asterisk',
        asterisk: { host: '127.0.0.1', port: simulator.port, username: 'monitor', secret: SECRET },
      },
      lines: Object.fromEntries(LINES.map((l) => [l, l])),
    });
    await waitFor(
      'the monitor to resync',
      () => monitor.live.link.ready && monitor.live.pbxQueues.length > 0,
    );
    prometheus = await PrometheusServer.start(monitor.baseUrl.replace('http://', ''));
    await prometheus.scrapedAfter(Date.now());
    simulator.begin();
    await simulator.finished();
    const lastEnd = Math.max(...simulator.truth.calls().map((c) => c.endedAt));
    await waitFor(
      'the monitor to drain the stream',
      () => (monitor.live.link.lastEventAt ?? 0) >= lastEnd,
      20_000,
    );
    // Two scrapes after the last event, and a rule evaluation after them.
    await prometheus.scrapedAfter(Date.now() + 1_000);
    await new Promise((r) => setTimeout(r, 2_500));
  }, 150_000);

  afterAll(async () => {
    await prometheus?.stop();
    await monitor?.close();
    await simulator?.stop();
  });

  it('the /metrics output passes promtool check metrics', async () => {
    const text = await (await fetch(`${monitor.baseUrl}/metrics`)).text();
    expect(text).toContain('hotline_queue_calls_offered_total');
    const output = execFileSync('/usr/bin/promtool', ['check', 'metrics'], {
      input: text,
      encoding: 'utf8',
    });
    expect(output.trim()).toBe('');
  });

  it('labels every series of the site with site="default", and only the instance\'s own without', async () => {
    const names = async (expr: string) =>
      (await prometheus.query(expr)).map((r) => r.metric.__name__).sort();
    const withoutSite = await names('group by (__name__) ({__name__=~"hotline_.+", site=""})');
    expect(withoutSite).toEqual(
      [
        'hotline_process_cpu_seconds_total',
        'hotline_process_heap_used_bytes',
        'hotline_process_resident_memory_bytes',
        'hotline_process_start_time_seconds',
        'hotline_storage_backlog_records',
        'hotline_storage_database_faults_total',
        'hotline_storage_degraded',
        'hotline_websocket_clients',
        'hotline_websocket_connections_refused_total',
        'hotline_websocket_distinct_filters',
        'hotline_websocket_rate_limited_messages_total',
        'hotline_websocket_subscriptions_refused_total',
      ].sort(),
    );
    const sites = await prometheus.query('group by (site) ({__name__=~"hotline_.+", site!=""})');
    expect(sites.map((r) => r.metric.site)).toEqual(['default']);
    expect(await names('group by (__name__) ({__name__=~"hotline_.+", site="default"})')).toEqual(
      expect.arrayContaining([
        'hotline_queue_calls_offered_total',
        'hotline_contacts_offered_total',
        'hotline_callers_waiting',
        'hotline_queue_wait_seconds_bucket',
        'hotline_pbx_up',
        'hotline_pbx_events_total',
        'hotline_alarm_active',
      ]),
    );
  });

  it('the monitor itself saw every call', () => {
    const centre = monitor.live.snapshot().periods.centre.month;
    const truth = simulator.truth.summary().centre;
    expect({
      offered: centre.offered,
      answered: centre.answered,
      anomalies: monitor.live.anomalies(),
    }).toEqual({
      offered: truth.offered,
      answered: truth.answered,
      anomalies: [],
    });
  });

  it('stored counters equal the truth per queue, per line and for the centre', async () => {
    const truth = simulator.truth.summary();
    const site = '{site="default"}';
    expect(await value(`hotline_contacts_offered_total${site}`)).toBe(truth.centre.offered);
    expect(await value(`hotline_contacts_answered_total${site}`)).toBe(truth.centre.answered);
    // Every call has ended: none is still waiting, so every offered contact is finished.
    expect(await value(`hotline_contacts_finished_total${site}`)).toBe(truth.centre.offered);
    expect(await value(`hotline_contacts_answered_within_threshold_total${site}`)).toBe(
      truth.centre.answeredWithin10s,
    );
    for (const [queue, f] of Object.entries(truth.queues)) {
      const q = `{site="default",queue="${queue}"}`;
      expect({ queue, offered: await value(`hotline_queue_calls_offered_total${q}`) }).toEqual({
        queue,
        offered: f.offered,
      });
      expect(await value(`hotline_queue_calls_answered_total${q}`)).toBe(f.answered);
      expect(await value(`hotline_queue_calls_finished_total${q}`)).toBe(f.offered);
      expect(await value(`hotline_queue_calls_answered_within_threshold_total${q}`)).toBe(
        f.answeredWithin10s,
      );
      expect(await value(`hotline_queue_calls_long_talk_total${q}`)).toBe(f.over5Min);
      expect(await value(`hotline_queue_calls_abandoned_total${q}`)).toBe(f.abandoned);
      expect(await value(`hotline_queue_calls_blocked_total${q}`)).toBe(f.blocked);
      expect(await value(`sum(hotline_queue_calls_exited_total${q}) or vector(0)`)).toBe(f.exited);
    }
    for (const [line, f] of Object.entries(truth.lines)) {
      expect({
        line,
        offered: await value(`hotline_line_calls_offered_total{site="default",line="${line}"}`),
      }).toEqual({ line, offered: f.offered });
      expect(await value(`hotline_line_calls_finished_total{site="default",line="${line}"}`)).toBe(
        f.offered,
      );
    }
  });

  it('the recording rules agree with the truth for the window', async () => {
    const truth = simulator.truth.summary();
    const ratio = (num: number, den: number) => num / den;
    const centre = truth.centre;
    // The embedded monitor's one site: every recorded series keeps its `site`.
    expect((await prometheus.query('centre:hotline_answer_rate:ratio_1h'))[0].metric).toMatchObject(
      { site: 'default' },
    );
    for (const window of ['15m', '1h', '24h']) {
      // increase() extrapolates every series alike: compared as a ratio, all offered finished.
      expect(
        await value(
          `centre:hotline_contacts_finished:increase_${window} / centre:hotline_contacts_offered:increase_${window}`,
        ),
      ).toBeCloseTo(1, 9);
      expect(await value(`centre:hotline_answer_rate:ratio_${window}`)).toBeCloseTo(
        ratio(centre.answered, centre.offered),
        9,
      );
      expect(
        await value(`centre:hotline_answered_within_threshold_rate:ratio_${window}`),
      ).toBeCloseTo(ratio(centre.answeredWithin10s, centre.answered), 9);
      expect(await value(`centre:hotline_long_talk_rate:ratio_${window}`)).toBeCloseTo(
        ratio(centre.over5Min, centre.answered),
        9,
      );
    }
    const queues: [string, KpiFigures][] = Object.entries(truth.queues);
    const sum = (pick: (f: KpiFigures) => number) => queues.reduce((s, [, f]) => s + pick(f), 0);
    expect(await value('centre:hotline_abandon_rate:ratio_1h')).toBeCloseTo(
      ratio(
        sum((f) => f.abandoned),
        sum((f) => f.offered),
      ),
      9,
    );
    for (const [queue, f] of queues) {
      if (f.offered === 0) continue;
      expect(await value(`queue:hotline_answer_rate:ratio_1h{queue="${queue}"}`)).toBeCloseTo(
        ratio(f.answered, f.offered),
        9,
      );
      if (f.answered > 0) {
        expect(
          await value(`queue:hotline_answered_within_threshold_rate:ratio_1h{queue="${queue}"}`),
        ).toBeCloseTo(ratio(f.answeredWithin10s, f.answered), 9);
      }
    }
    for (const [line, f] of Object.entries(truth.lines)) {
      expect(await value(`line:hotline_answer_rate:ratio_24h{line="${line}"}`)).toBeCloseTo(
        ratio(f.answered, f.offered),
        9,
      );
    }
  });

  it('every expression of the Grafana dashboard returns data', async () => {
    const dashboard = JSON.parse(
      readFileSync(
        resolve(__dirname, '../../deploy/grafana/dashboards/hotline-monitor.json'),
        'utf8',
      ),
    ) as { panels: DashboardPanel[] };
    const exprs = dashboard.panels.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })),
    );
    expect(exprs.length).toBeGreaterThan(30);
    // The `site` variable as Grafana substitutes it: All (its allValue), or the one site.
    const empty: string[] = [];
    for (const site of ['.*', 'default']) {
      for (const { panel, expr } of exprs) {
        const result = await prometheus.query(expr.replaceAll('$site', site));
        if (result.length === 0) empty.push(`${panel} (site ${site}): ${expr}`);
      }
    }
    expect(empty).toEqual([]);
    // Another site's name selects nothing: every expression but the fixed lines filters by site.
    const unfiltered: string[] = [];
    for (const { panel, expr } of exprs) {
      if (expr.startsWith('vector(') || !expr.includes('$site')) continue;
      const result = await prometheus.query(expr.replaceAll('$site', 'elsewhere'));
      if (result.length > 0) unfiltered.push(`${panel}: ${expr}`);
    }
    expect(unfiltered).toEqual([]);
  });
});
