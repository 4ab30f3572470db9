/**
 * The wallboard clients of the push benches (bench/push.bench.ts, bench/cluster-fanout.bench.ts),
 * in a process of their own so the monitor's memory and CPU are its own: N wallboard WebSockets
 * that note when each 话务量/接通 count arrives. Started and read by bench/wallboard-clients.ts.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { ClientReport, ClientRequest, Marker } from './wallboard-clients';

interface Arrival {
  /** epoch ms with sub-ms precision (timeOrigin + now: comparable across processes). */
  readonly at: number;
  readonly offered: number;
  readonly answered: number;
}

const epochNow = () => performance.timeOrigin + performance.now();
/** No new snapshot for this long while some clients still wait for theirs: give up. */
const READY_STALL_MS = 60_000;
const CONNECT_WAVE = 50;

/** One client's arrivals, and the site it subscribed to (undefined: the monitor's own). */
interface ClientLog {
  readonly site: string | undefined;
  readonly arrivals: Arrival[];
}

function run(url: string, count: number, sites: readonly string[]): void {
  const clients: ClientLog[] = [];
  let ready = 0;
  let messages = 0;
  /** While recording: when each message arrived, and each update that changed no section. */
  const messageTimes: number[] = [];
  const emptyUpdateTimes: number[] = [];
  let bytes = 0;
  let closed = 0;
  /** Why sockets closed or failed before their snapshot (code/reason or error), counted. */
  const failures = new Map<string, number>();
  const failed = (why: string) => failures.set(why, (failures.get(why) ?? 0) + 1);
  let lastSnapshotAt = Date.now();
  /** Off once a report was asked for with keepOpen: later messages are only counted. */
  let recording = true;
  const sockets: WebSocket[] = [];
  const snapshotted = new WeakSet<WebSocket>();
  let opened = 0;
  let settled = 0;
  // Clients connect in waves of CONNECT_WAVE, the next once the last has its snapshots (or
  // failed): a fleet of wallboards does not open 500 handshakes in the same millisecond, and
  // a burst beyond the listen backlog only measures SYN retries.
  const openWave = () => {
    const until = Math.min(count, opened + CONNECT_WAVE);
    while (opened < until) {
      opened++;
      openClient();
    }
  };
  const settle = () => {
    lastSnapshotAt = Date.now();
    if (++settled === opened && opened < count) openWave();
  };
  const openClient = () => {
    const site = sites.length > 0 ? sites[clients.length % sites.length] : undefined;
    const mine: Arrival[] = [];
    clients.push({ site, arrivals: mine });
    const subscribe = JSON.stringify({
      type: 'subscribe',
      v: 1,
      views: ['wallboard'],
      ...(site !== undefined ? { site } : {}),
    });
    const ws = new WebSocket(url);
    sockets.push(ws);
    ws.on('message', (data: Buffer) => {
      const at = epochNow();
      messages++;
      bytes += data.length;
      if (!recording) return;
      // 500 browsers would parse in parallel; one process cannot, so it reads only the type and
      // the two counters instead of JSON.parse-ing every message (that would bill 500 parses
      // in a row to the last client's delay).
      const text = data.toString('latin1');
      const type = /^\{"type":"(\w+)"/.exec(text)?.[1];
      messageTimes.push(at);
      if (type === 'update' && text.includes('"sections":{}}')) emptyUpdateTimes.push(at);
      if (type === 'hello') ws.send(subscribe);
      if (type === 'snapshot' && !snapshotted.has(ws)) {
        snapshotted.add(ws);
        settle();
        if (++ready === count) process.send?.({ type: 'ready' });
      }
      const offered =
        /"kpis":\{"period":"[^"]*","from":\d+,"to":\d+,"offered":(\d+),"answered":(\d+)/.exec(text);
      if (offered) mine.push({ at, offered: Number(offered[1]), answered: Number(offered[2]) });
    });
    ws.on('close', (code: number, reason: Buffer) => {
      closed++;
      if (snapshotted.has(ws)) return;
      failed(`closed ${code} ${reason.toString('utf8')}`.trim());
      settle();
    });
    ws.on('error', (error: Error) => {
      if (!snapshotted.has(ws)) failed(error.message);
    });
  };
  openWave();
  // Not every client got its snapshot, and none has for a while: say why, instead of waiting.
  const watchdog = setInterval(() => {
    if (ready === count) return clearInterval(watchdog);
    if (Date.now() - lastSnapshotAt < READY_STALL_MS) return;
    clearInterval(watchdog);
    const why = [...failures].map(([reason, n]) => `${n}× ${reason}`).join(', ');
    process.send?.({
      type: `only ${ready} of ${count} clients got a snapshot (${why || 'no error: still waiting'})`,
    });
  }, 1_000);
  const report = (markers: readonly Marker[], since: number): ClientReport => {
    const latenciesMs: number[] = [];
    const slowestPerMarkerMs: number[] = [];
    let missing = 0;
    for (const marker of markers) {
      let slowest = 0;
      for (const { site, arrivals: mine } of clients) {
        if (marker.site !== undefined && marker.site !== site) continue;
        const hit = mine.find(
          (a) => a[marker.counter] >= marker.value && a.at >= marker.sentAt - 1,
        );
        if (!hit) {
          missing++;
          continue;
        }
        latenciesMs.push(hit.at - marker.sentAt);
        slowest = Math.max(slowest, hit.at - marker.sentAt);
      }
      slowestPerMarkerMs.push(slowest);
    }
    const countSince = (times: readonly number[]) => times.filter((at) => at >= since).length;
    return {
      latenciesMs,
      slowestPerMarkerMs,
      missing,
      messages,
      messagesSince: countSince(messageTimes),
      emptyUpdatesSince: countSince(emptyUpdateTimes),
      bytes,
      closed,
    };
  };
  process.on('message', (request: ClientRequest) => {
    if (request.type === 'close') {
      for (const ws of sockets) ws.terminate();
      process.send?.({ type: 'closed', messages, bytes, closed }, () => process.exit(0));
      return;
    }
    if (request.type !== 'markers') return;
    const result = report(request.markers, request.since ?? 0);
    if (request.keepOpen) {
      recording = false;
      clients.forEach(({ arrivals: mine }) => (mine.length = 0));
      messageTimes.length = 0;
      emptyUpdateTimes.length = 0;
      process.send?.({ type: 'report', report: result });
      return;
    }
    for (const ws of sockets) ws.terminate();
    process.send?.({ type: 'report', report: result }, () => process.exit(0));
  });
}

if (require.main === module)
  run(process.argv[2], Number(process.argv[3]), process.argv[4]?.split(',').filter(Boolean) ?? []);
