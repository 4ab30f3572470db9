/**
 * What the push benches share: wallboard clients in a child process (wallboard-clients.child.ts),
 * the markers they are judged by, and the quantiles they report.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * A counter change the clients must see: at `sentAt` (epoch ms), `counter` became `value` — at
 * `site` (then only the clients showing that site are judged by it; absent: every client).
 */
export interface Marker {
  readonly sentAt: number;
  readonly counter: 'offered' | 'answered';
  readonly value: number;
  readonly site?: string;
}

export interface ClientReport {
  /** Per marker and client that saw it: receive − sentAt, ms. */
  readonly latenciesMs: number[];
  /** Per marker, the delay to its slowest client. */
  readonly slowestPerMarkerMs: number[];
  /** (marker, client) pairs never seen. */
  readonly missing: number;
  readonly messages: number;
  /** Messages received from the request's `since` on, and updates among them with no section. */
  readonly messagesSince: number;
  readonly emptyUpdatesSince: number;
  readonly bytes: number;
  readonly closed: number;
}

export type ClientRequest =
  | {
      readonly type: 'markers';
      readonly markers: readonly Marker[];
      readonly keepOpen?: boolean;
      /** epoch ms: messagesSince and emptyUpdatesSince count from here (default: all). */
      readonly since?: number;
    }
  | { readonly type: 'close' };

/** The sent times of markers and the clients' receive times are both epoch ms from this. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

export const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** Rounded to 0.1 (ms, MB) for the tables. */
export const tenth = (value: number): number => Math.round(value * 10) / 10;

/**
 * `count` wallboard clients on `url` in a child process; resolves once each has its snapshot.
 * With `sites`, client i subscribes with `site: sites[i % sites.length]` (spread evenly);
 * without, with no site (the monitor's own).
 */
export async function startWallboardClients(
  url: string,
  count: number,
  sites: readonly string[] = [],
): Promise<ChildProcess> {
  const args = [url, String(count), ...(sites.length > 0 ? [sites.join(',')] : [])];
  const child = fork(join(__dirname, 'wallboard-clients.child.ts'), args, {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    stdio: 'inherit',
  });
  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench clients exited (${code})`));
    child.once('message', (m: { type: string }) => {
      child.off('exit', onExit);
      if (m.type === 'ready') resolve();
      else reject(new Error(m.type));
    });
    child.once('exit', onExit);
  });
  return child;
}

/**
 * Each marker against every client's arrivals: the delays and what was missed. The child exits
 * afterwards unless `keepOpen` (its sockets stay connected and only count what arrives, until
 * closeWallboardClients).
 */
export function collectClientReport(
  child: ChildProcess,
  markers: readonly Marker[],
  keepOpen = false,
  since?: number,
): Promise<ClientReport> {
  return new Promise<ClientReport>((resolve) => {
    const onMessage = (m: { type: string; report?: ClientReport }) => {
      if (m.type !== 'report') return;
      child.off('message', onMessage);
      resolve(m.report as ClientReport);
    };
    child.on('message', onMessage);
    const request: ClientRequest = { type: 'markers', markers, keepOpen, since };
    child.send(request);
  });
}

/** Closes a child kept open by collectClientReport and waits for it to exit. */
export async function closeWallboardClients(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const request: ClientRequest = { type: 'close' };
  child.send(request);
  await exited;
}
