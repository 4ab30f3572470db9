import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { isolatedDataConfig } from '../support/isolated-data';
import { waitFor } from '../support/monitor-harness';
import {
  buildMonitorBundle,
  spawnMonitor,
  type MonitorBundle,
  type MonitorProcess,
} from '../support/monitor-process';

/**
 * The flood, against the real monitor (built bundle, child process, embedded simulator
 * as its PBX): 1,000 WebSocket connection attempts from 10 loopback addresses, then 300
 * distinct filters. The caps hold (total, per address, per role), the distinct filters stay
 * bounded, every subscribe is answered, the monitor's CPU and RSS stay bounded, and the
 * legitimate wallboards keep getting their updates all along. Loopback only, bounded in count.
 */

const WALLBOARD_TOKEN = 'wallboard-token-flood-0123456789';
const CAPS = {
  maxConnections: 120,
  maxConnectionsPerAddress: 30,
  maxConnectionsPerRole: { public: 100, wallboard: 60, leader: 10, admin: 5 },
  maxDistinctFilters: 12,
};
const ATTEMPTS = 1_000;
const FLOOD_ADDRESSES = 10; // 127.0.0.2 … 127.0.0.11; the wallboards use 127.0.0.1
const DISTINCT_FILTERS = 300;
const QUEUES = ['12345', '12345-en', '12345-full'];
const LINES = ['12345', '12315', '12369', '12329', '12333'];
/** The bounds stated in the done-when (it measured 100–132 % CPU and 390 MB). */
const MAX_STEADY_CPU = 0.5; // of one core, while 100+ flood sockets are subscribed
const MAX_FLOOD_CPU = 1.0; // of one core, averaged over the connect and subscribe storm
const MAX_RSS_MB = 300;
const CLOCK_TICKS = 100; // USER_HZ on Linux

jest.setTimeout(240_000);

interface Received {
  type: string;
  data: { code?: string; sections?: Record<string, unknown> };
}

/** A raw client: resolves with the HTTP status of the upgrade (101 when it was accepted). */
function attempt(
  url: string,
  localAddress: string,
  sockets: WebSocket[],
  onMessage?: (ws: WebSocket, m: Received) => void,
): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { localAddress, handshakeTimeout: 10_000 });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      sockets.push(ws);
      resolve(101);
    });
    ws.on('message', (data: Buffer) =>
      onMessage?.(ws, JSON.parse(data.toString('utf8')) as Received),
    );
    ws.on('error', () => resolve(-1));
  });
}

/** Utime + stime of a process, seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** 300 distinct filters: every non-empty subset of the known queues × lines, then unknown ones. */
function distinctFilters(): { queues?: string[]; lines?: string[] }[] {
  const filters: { queues?: string[]; lines?: string[] }[] = [];
  for (let q = 0; q < 1 << QUEUES.length; q++) {
    for (let l = 0; l < 1 << LINES.length; l++) {
      if (q === 0 && l === 0) continue;
      const queues = QUEUES.filter((_, i) => q & (1 << i));
      const lines = LINES.filter((_, i) => l & (1 << i));
      filters.push({
        ...(queues.length ? { queues } : {}),
        ...(lines.length ? { lines } : {}),
      });
    }
  }
  for (let i = 0; filters.length < DISTINCT_FILTERS; i++)
    filters.push({ queues: [`no-such-queue-${i}`] });
  return filters;
}

async function metric(baseUrl: string, series: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? NaN : Number(line.slice(series.length + 1));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WebSocket flood', () => {
  let bundle: MonitorBundle;
  let monitor: MonitorProcess | undefined;
  let dir: string;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    bundle = await buildMonitorBundle();
    dir = mkdtempSync(join(tmpdir(), 'hotline-flood-'));
  });

  afterAll(async () => {
    for (const ws of sockets) ws.terminate();
    await monitor?.stop();
    bundle?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the caps and the filter bound, stays within CPU and memory bounds, and keeps the wallboards updated', async () => {
    monitor = await spawnMonitor(
      bundle,
      {
        ...isolatedDataConfig(dir),
        pbx: { type: 'simulator', simulator: { speed: 30, seed: 7 } },
        push: { cadenceMs: 1_000, heartbeatMs: 60_000, ...CAPS },
        auth: { tokens: { wallboard: WALLBOARD_TOKEN } },
        lines: Object.fromEntries(LINES.map((l) => [l, `line ${l}`])),
      },
      dir,
    );
    const pid = monitor.pid;
    const wsUrl = `${monitor.baseUrl.replace('http', 'ws')}/ws`;
    let maxRss = rssMb(pid);
    const rssTimer = setInterval(() => (maxRss = Math.max(maxRss, rssMb(pid))), 250);

    try {
      // The legitimate wallboards: token holders on 127.0.0.1, one of them filtered by queue.
      const boards: { ws: WebSocket; updates: number[]; snapshots: number }[] = [];
      for (const filter of [{}, {}, { queues: ['12345'] }, { lines: ['12345'] }]) {
        const board = {
          ws: undefined as unknown as WebSocket,
          updates: [] as number[],
          snapshots: 0,
        };
        const status = await attempt(
          `${wsUrl}?token=${WALLBOARD_TOKEN}`,
          '127.0.0.1',
          sockets,
          (ws, m) => {
            if (m.type === 'hello')
              ws.send(JSON.stringify({ type: 'subscribe', v: 1, views: ['wallboard'], ...filter }));
            if (m.type === 'snapshot') board.snapshots++;
            if (m.type === 'update') board.updates.push(Date.now());
          },
        );
        expect(status).toBe(101);
        board.ws = sockets[sockets.length - 1];
        boards.push(board);
      }
      await waitFor(
        'every wallboard to get its snapshot',
        () => boards.every((b) => b.snapshots === 1),
        10_000,
      );

      // Baseline: the boards alone.
      let cpu0 = cpuSeconds(pid);
      let t0 = Date.now();
      await sleep(5_000);
      const baselineCpu = (cpuSeconds(pid) - cpu0) / ((Date.now() - t0) / 1000);
      const floodStart = Date.now();

      // 1. 1,000 connection attempts, 50 at a time, from 10 addresses (token-less, and one
      // address with the wallboard token).
      cpu0 = cpuSeconds(pid);
      t0 = Date.now();
      const answers: { role: 'public' | 'wallboard'; address: string; status: number }[] = [];
      const flood: WebSocket[] = [];
      const replies = new Map<WebSocket, Received[]>();
      for (let start = 0; start < ATTEMPTS; start += 50) {
        await Promise.all(
          Array.from({ length: 50 }, async (_, k) => {
            const i = start + k;
            const address = `127.0.0.${2 + (i % FLOOD_ADDRESSES)}`;
            const role = i % FLOOD_ADDRESSES === 0 ? 'wallboard' : 'public';
            const url = role === 'wallboard' ? `${wsUrl}?token=${WALLBOARD_TOKEN}` : wsUrl;
            const status = await attempt(url, address, flood, (ws, m) => {
              const list = replies.get(ws) ?? [];
              list.push(m);
              replies.set(ws, list);
            });
            answers.push({ role, address, status });
          }),
        );
      }
      sockets.push(...flood);
      const accepted = answers.filter((a) => a.status === 101);
      const perAddress = new Map<string, number>();
      for (const a of accepted) perAddress.set(a.address, (perAddress.get(a.address) ?? 0) + 1);
      expect(answers).toHaveLength(ATTEMPTS);
      expect(answers.filter((a) => ![101, 429, 503].includes(a.status))).toEqual([]);
      // Every cap holds, and the total one binds: 4 boards + accepted = maxConnections.
      expect(accepted.length + boards.length).toBe(CAPS.maxConnections);
      expect(Math.max(...perAddress.values())).toBeLessThanOrEqual(CAPS.maxConnectionsPerAddress);
      expect(accepted.filter((a) => a.role === 'public').length).toBeLessThanOrEqual(
        CAPS.maxConnectionsPerRole.public,
      );
      const refusedByMetrics =
        (await metric(
          monitor.baseUrl,
          'hotline_websocket_connections_refused_total{reason="total"}',
        )) +
        (await metric(
          monitor.baseUrl,
          'hotline_websocket_connections_refused_total{reason="address"}',
        )) +
        (await metric(
          monitor.baseUrl,
          'hotline_websocket_connections_refused_total{reason="role"}',
        ));
      expect(refusedByMetrics).toBe(ATTEMPTS - accepted.length);
      expect(await metric(monitor.baseUrl, 'hotline_websocket_clients')).toBe(CAPS.maxConnections);

      // 2. 300 distinct filters, three subscribes per accepted public socket, 250 ms apart.
      const filters = distinctFilters();
      expect(new Set(filters.map((f) => JSON.stringify(f))).size).toBe(DISTINCT_FILTERS);
      const publicSockets = flood.filter((ws) => !ws.url.includes('token='));
      let next = 0;
      let maxDistinct = 0;
      for (let round = 0; next < filters.length; round++) {
        for (const ws of publicSockets) {
          if (next >= filters.length) break;
          ws.send(
            JSON.stringify({ type: 'subscribe', v: 1, views: ['wallboard'], ...filters[next++] }),
          );
        }
        await sleep(250);
        maxDistinct = Math.max(
          maxDistinct,
          await metric(monitor.baseUrl, 'hotline_websocket_distinct_filters'),
        );
      }
      const floodCpu = (cpuSeconds(pid) - cpu0) / ((Date.now() - t0) / 1000);

      // Every subscribe is answered once: a snapshot, or a clear error.
      await waitFor(
        'an answer to every subscribe',
        () =>
          [...replies.values()].flat().filter((m) => m.type === 'snapshot' || m.type === 'error')
            .length >= DISTINCT_FILTERS,
        20_000,
      );
      const answersToSubscribe = [...replies.values()]
        .flat()
        .filter((m) => m.type === 'snapshot' || m.type === 'error');
      const errors = answersToSubscribe.filter((m) => m.type === 'error').map((m) => m.data.code);
      expect(answersToSubscribe).toHaveLength(DISTINCT_FILTERS);
      expect(errors.filter((c) => c === 'UNKNOWN_FILTER')).toHaveLength(DISTINCT_FILTERS - 255);
      expect(errors.filter((c) => c === 'TOO_MANY_FILTERS').length).toBeGreaterThan(0);
      expect(errors.filter((c) => c !== 'UNKNOWN_FILTER' && c !== 'TOO_MANY_FILTERS')).toEqual([]);
      expect(maxDistinct).toBeLessThanOrEqual(CAPS.maxDistinctFilters);

      // 3. Steady state: everything connected and subscribed.
      cpu0 = cpuSeconds(pid);
      t0 = Date.now();
      await sleep(10_000);
      const steadyCpu = (cpuSeconds(pid) - cpu0) / ((Date.now() - t0) / 1000);
      clearInterval(rssTimer);

      // The wallboards were served all along: no gap over 2.5 cadences, from before the flood on.
      for (const board of boards) {
        const during = [floodStart, ...board.updates.filter((t) => t >= floodStart), Date.now()];
        const gaps = during.slice(1).map((t, i) => t - during[i]);
        expect(Math.max(...gaps)).toBeLessThan(2_500);
        expect(board.ws.readyState).toBe(WebSocket.OPEN);
      }

      process.stdout.write(
        `websocket flood: accepted ${accepted.length}/${ATTEMPTS} attempts; ` +
          `distinct filters max ${maxDistinct}; CPU baseline ${(baselineCpu * 100).toFixed(1)} %, ` +
          `flood ${(floodCpu * 100).toFixed(1)} %, steady ${(steadyCpu * 100).toFixed(1)} % of one core; ` +
          `RSS max ${maxRss.toFixed(0)} MB\n`,
      );
      expect(floodCpu).toBeLessThan(MAX_FLOOD_CPU);
      expect(steadyCpu).toBeLessThan(MAX_STEADY_CPU);
      expect(maxRss).toBeLessThan(MAX_RSS_MB);
    } finally {
      clearInterval(rssTimer);
    }
  });

  it('writes one log line when a client starts ignoring the rate limit, one when it is gone', async () => {
    if (!monitor) throw new Error('the monitor of the flood test is not running');
    const wsUrl = `${monitor.baseUrl.replace('http', 'ws')}/ws`;
    // The flood left the caps full; free a place by closing a flood socket from 127.0.0.2.
    const own: WebSocket[] = [];
    for (const ws of sockets.splice(0)) ws.terminate();
    await sleep(500);
    const before = monitor.output().length;
    const status = await attempt(wsUrl, '127.0.0.1', own);
    expect(status).toBe(101);
    const ws = own[0];
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    for (let i = 0; i < 2_000; i++) ws.send('{"type":"ping","v":1}');
    expect(await closed).toBe(1008);
    await sleep(300);
    const lines = monitor
      .output()
      .slice(before)
      .split('\n')
      .filter((l) => l.includes('rate limit') || l.includes('rate-limited'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('client over the message rate limit');
    expect(lines[1]).toContain('rate-limited client disconnected');
    expect(lines[1]).toMatch(/"dropped":\d+/);
  });
});
