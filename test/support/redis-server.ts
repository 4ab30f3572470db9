import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './monitor-harness';

/** Debian's redis-server (`apt install redis-server`; .ci/run installs it). */
const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/** A redis-server of the test's own, on a free loopback port, its data in a folder of its own. */
export interface RedisUnderTest {
  readonly port: number;
  readonly url: string;
  /** The running server's process id (its CPU: /proc/<pid>/stat), undefined while stopped. */
  readonly pid: number | undefined;
  /** Stops the server (SIGKILL when `hard`), keeping its data folder. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port and data (after stop). */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  remove(): Promise<void>;
}

/**
 * `persistent`: an append-only file fsynced on every write, so a restart keeps the stream, the
 * lease and the append-once marks (as a production Redis configured per docs/cluster.md);
 * otherwise nothing is saved.
 */
export async function startRedis(options: { persistent?: boolean } = {}): Promise<RedisUnderTest> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hotline-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    ...(options.persistent
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no']),
  ];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const output: string[] = [];
  const start = async () => {
    const proc = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout?.on('data', (d: Buffer) => output.push(d.toString('utf8')));
    proc.stderr?.on('data', (d: Buffer) => output.push(d.toString('utf8')));
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    await waitFor(
      `redis-server on port ${port}`,
      () => {
        if (proc.exitCode !== null) throw new Error(`redis-server exited:\n${output.join('')}`);
        return output.join('').includes('Ready to accept connections');
      },
      10_000,
    );
  };
  const stop = async (hard = false) => {
    if (!child || child.exitCode !== null) return;
    child.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
    output.length = 0;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child && child.exitCode === null ? child.pid : undefined;
    },
    stop,
    start,
    remove: async () => {
      await stop(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
