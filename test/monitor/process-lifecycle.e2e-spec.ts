import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isolatedDataConfig } from '../support/isolated-data';
import { freePort } from '../support/free-port';
import { startMonitor, waitFor } from '../support/monitor-harness';
import {
  buildMonitorBundle,
  spawnMonitor,
  type MonitorBundle,
  type MonitorProcess,
} from '../support/monitor-process';

/**
 * The real entry point (main.js of the built bundle) as a child process: start-up failures
 * exit 78 naming the key in one line; under systemd it says READY=1 and pings the watchdog
 * through systemd-notify; and it traps no hardware-fault signal.
 */

const REPO = resolve(__dirname, '../..');

jest.setTimeout(120_000);

interface Exit {
  code: number | null;
  signal: string | null;
  stderr: string;
  stdout: string;
}

function runEntryPoint(mainJs: string, config: object, dir: string): Promise<Exit> {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, JSON.stringify(config));
  const env: NodeJS.ProcessEnv = { ...process.env, HOTLINE_CONFIG: file };
  for (const name of Object.keys(env)) if (name.startsWith('HOTLINE__')) delete env[name];
  const child: ChildProcess = spawn(process.execPath, [mainJs], { cwd: REPO, env });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((done) =>
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      done({ code, signal, stdout, stderr });
    }),
  );
}

/** A stand-in for systemd's notify socket (a unix datagram socket Node cannot open): python3. */
function fakeNotifySocket(path: string): { messages: string[]; stop(): void } {
  const messages: string[] = [];
  const script = [
    'import socket, sys',
    's = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)',
    's.bind(sys.argv[1])',
    'print("ready", flush=True)',
    'while True:',
    // Plain recv: file descriptors passed with BARRIER=1 are closed by the kernel, which
    // is what releases systemd-notify's barrier.
    '    print(s.recv(4096).decode().replace("\\n", " "), flush=True)',
  ].join('\n');
  const child = spawn('python3', ['-c', script, path]);
  let buffered = '';
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    messages.push(...lines);
  });
  return { messages, stop: () => child.kill('SIGKILL') };
}

describe('the monitor process', () => {
  let bundle: MonitorBundle;
  let dir: string;

  beforeAll(async () => {
    bundle = await buildMonitorBundle();
    dir = mkdtempSync(join(tmpdir(), 'hotline-lifecycle-'));
  }, 180_000);
  afterAll(() => {
    bundle?.remove();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it('exits 78 naming kpi.timeZone for an unknown time zone, in one line, no stack', async () => {
    const exit = await runEntryPoint(bundle.mainJs, { kpi: { timeZone: 'Asia/Atlantis' } }, dir);
    expect(exit.code).toBe(78);
    const lines = exit.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const fatal = JSON.parse(lines[0]) as { level: string; problems: string[] };
    expect(fatal.level).toBe('fatal');
    expect(fatal.problems).toEqual([
      expect.stringMatching(/^kpi\.timeZone: not an IANA time zone/),
    ]);
    expect(exit.stdout + exit.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 78 naming server.port when the port is in use', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(port, '127.0.0.1', done));
    try {
      const exit = await runEntryPoint(
        bundle.mainJs,
        { ...isolatedDataConfig(join(dir, 'port')), server: { host: '127.0.0.1', port } },
        dir,
      );
      expect(exit.code).toBe(78);
      const fatal = JSON.parse(exit.stderr.trim()) as { problems: string[] };
      expect(fatal.problems).toEqual([
        expect.stringMatching(
          new RegExp(`^server\\.port: 127\\.0\\.0\\.1:${port} is already in use`),
        ),
      ]);
      expect(exit.stdout + exit.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()));
    }
  });

  it('under systemd: READY=1 once listening, then WATCHDOG=1 pings through systemd-notify', async () => {
    const socketPath = join(dir, 'notify.sock');
    const notify = fakeNotifySocket(socketPath);
    let monitor: MonitorProcess | undefined;
    try {
      await waitFor('the fake notify socket', () => notify.messages.includes('ready'), 10_000);
      monitor = await spawnMonitor(bundle, isolatedDataConfig(join(dir, 'notify')), dir, 60_000, {
        NOTIFY_SOCKET: socketPath,
        WATCHDOG_USEC: '2000000', // WatchdogSec=2 → a ping every second
      });
      await waitFor(
        'READY=1 and three watchdog pings',
        () => {
          return (
            notify.messages.some((m) => m.includes('READY=1')) &&
            notify.messages.filter((m) => m === 'WATCHDOG=1').length >= 3
          );
        },
        15_000,
      );
      const ready = notify.messages.findIndex((m) => m.includes('READY=1'));
      const firstPing = notify.messages.indexOf('WATCHDOG=1');
      expect(ready).toBeGreaterThanOrEqual(0);
      expect(firstPing).toBeGreaterThan(ready);
      // The pings stop when the process no longer runs its event loop (SIGSTOP freezes it).
      process.kill(monitor.pid, 'SIGSTOP');
      await new Promise((r) => setTimeout(r, 300));
      const frozenAt = notify.messages.length;
      await new Promise((r) => setTimeout(r, 2_500));
      expect(notify.messages.slice(frozenAt).filter((m) => m === 'WATCHDOG=1')).toEqual([]);
      process.kill(monitor.pid, 'SIGCONT');
    } finally {
      await monitor?.stop();
      notify.stop();
    }
  });

  it('leaves SIGBUS, SIGSEGV, SIGFPE and SIGILL to their default action after start', async () => {
    const monitor = await startMonitor({});
    try {
      for (const signal of ['SIGBUS', 'SIGSEGV', 'SIGFPE', 'SIGILL'] as const)
        expect(process.listeners(signal)).toHaveLength(0);
      expect(process.listeners('SIGTERM').length).toBeGreaterThan(0);
      expect(process.listeners('SIGINT').length).toBeGreaterThan(0);
    } finally {
      await monitor.close();
    }
  });
});
