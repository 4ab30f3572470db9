import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './monitor-harness';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
const RULES_DIR = resolve(__dirname, '../../deploy/prometheus');

export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

/**
 * A real Prometheus (Debian's package) scraping one target every second with the project's
 * recording and alert rules, in a throw-away data directory.
 */
export class PrometheusServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly url: string,
  ) {}

  static available(): boolean {
    return existsSync(PROMETHEUS_BIN);
  }

  static async start(target: string): Promise<PrometheusServer> {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-prom-'));
    const port = await freePort();
    writeFileSync(
      join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'rule_files:',
        `  - ${join(RULES_DIR, 'hotline-recording-rules.yml')}`,
        `  - ${join(RULES_DIR, 'hotline-alert-rules.yml')}`,
        'scrape_configs:',
        `  - { job_name: hotline-monitor, static_configs: [{ targets: ['${target}'] }] }`,
        '',
      ].join('\n'),
    );
    const child = spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)),
    );
    const server = new PrometheusServer(child, dir, `http://127.0.0.1:${port}`);
    try {
      await waitFor(
        'Prometheus to be ready',
        async () => {
          if (child.exitCode !== null) throw new Error(`prometheus exited: ${stderr}`);
          return fetch(`${server.url}/-/ready`).then(
            (r) => r.ok,
            () => false,
          );
        },
        30_000,
      );
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  async query(expr: string): Promise<PromSample[]> {
    const response = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await response.json()) as {
      status: string;
      error?: string;
      data?: { resultType: string; result: PromSample[] | [number, string] };
    };
    if (body.status !== 'success' || !body.data)
      throw new Error(`query ${expr} failed: ${body.error ?? response.status}`);
    if (body.data.resultType === 'scalar')
      return [{ metric: {}, value: body.data.result as [number, string] }];
    return body.data.result as PromSample[];
  }

  /** Completes once the target has been scraped successfully after `afterMs` (epoch ms). */
  async scrapedAfter(afterMs: number): Promise<void> {
    await waitFor(
      'a fresh scrape',
      async () => {
        const response = await fetch(`${this.url}/api/v1/targets`);
        const body = (await response.json()) as {
          data: { activeTargets: { health: string; lastScrape: string }[] };
        };
        return body.data.activeTargets.some(
          (t) => t.health === 'up' && Date.parse(t.lastScrape) > afterMs,
        );
      },
      20_000,
    );
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
