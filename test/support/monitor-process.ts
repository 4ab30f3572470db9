import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { MonitorConfigInput } from '../../apps/monitor/src/config/monitor-config.schema';
import { freePort } from './free-port';
import { waitFor } from './monitor-harness';

const REPO = resolve(__dirname, '../..');
const SHARED_BUNDLE = join(REPO, 'dist/apps/monitor/main.js');

/** A webpack bundle of the monitor that this test run alone uses. */
export interface MonitorBundle {
  readonly mainJs: string;
  remove(): void;
}

/**
 * Builds the monitor (`nest build monitor`, webpack) and copies the bundle to a folder of its own
 * inside the repository: other builds may replace dist/apps/monitor meanwhile, and node_modules
 * must still resolve from the copy.
 */
export async function buildMonitorBundle(): Promise<MonitorBundle> {
  await promisify(execFile)('npx', ['nest', 'build', 'monitor'], {
    cwd: REPO,
    maxBuffer: 16 * 1024 * 1024,
  });
  const dir = join(REPO, 'dist', `e2e-monitor-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const mainJs = join(dir, 'main.js');
  copyFileSync(SHARED_BUNDLE, mainJs);
  return { mainJs, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface MonitorProcess {
  readonly pid: number;
  readonly baseUrl: string;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** Everything the process wrote (pino JSON lines), for diagnostics. */
  output(): string;
  /** Sends SIGKILL and waits for the process to be gone: no shutdown hook runs. */
  kill(): Promise<void>;
  /** SIGTERM (graceful: the writer drains), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs the built monitor as a real child process (`node main.js`) with its config in a YAML file
 * (HOTLINE_CONFIG) in `dir`, listening on a free loopback port; resolves once /health/ready says
 * 200 (PBX link resynced), so restore has run — or, with `readyPath` '/health', once it is up
 * (a standby ingest is alive but not ready).
 */
export async function spawnMonitor(
  bundle: MonitorBundle,
  config: MonitorConfigInput,
  dir: string,
  readyTimeoutMs = 60_000,
  extraEnv: NodeJS.ProcessEnv = {},
  readyPath: '/health/ready' | '/health' = '/health/ready',
  /** Options for node itself (e.g. --cpu-prof, which NODE_OPTIONS does not take). */
  nodeArgs: readonly string[] = [],
): Promise<MonitorProcess> {
  const port = await freePort();
  const file = join(dir, `monitor-${port}.yaml`);
  // YAML is a superset of JSON.
  writeFileSync(
    file,
    JSON.stringify({ ...config, server: { host: '127.0.0.1', port }, log: { level: 'info' } }),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv, HOTLINE_CONFIG: file };
  for (const name of Object.keys(env)) if (name.startsWith('HOTLINE__')) delete env[name];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, bundle.mainJs], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (data: Buffer) => chunks.push(data.toString('utf8')));
  child.stderr?.on('data', (data: Buffer) => chunks.push(data.toString('utf8')));
  let gone = false;
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => {
      gone = true;
      done(code ?? signal ?? 'unknown');
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const output = () => chunks.join('');
  const kill = async () => {
    if (!gone) child.kill('SIGKILL');
    await exited;
  };
  try {
    await waitFor(
      'the monitor process to be ready',
      async () => {
        if (gone) throw new Error(`monitor exited early:\n${output().slice(-4_000)}`);
        const response = await fetch(`${baseUrl}${readyPath}`).catch(() => undefined);
        return response?.status === 200;
      },
      readyTimeoutMs,
    );
  } catch (error) {
    await kill();
    throw error;
  }
  return {
    pid: child.pid ?? -1,
    baseUrl,
    exited,
    output,
    kill,
    stop: async (graceMs = 10_000) => {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
