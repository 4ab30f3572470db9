/**
 * A simulated site's PBX in a child process (pbx-site.child.ts): started, sped up, asked for
 * its markers and counters, stopped — for bench/cluster-fanout.bench.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ScenarioConfig } from '@hotline/simulator';
import type { Marker } from './wallboard-clients';

export interface PbxSiteStart {
  readonly scenario: ScenarioConfig;
  readonly seed: number;
  readonly durationMs: number;
  readonly secret: string;
}

export type PbxSiteRequest =
  | { readonly type: 'record'; readonly on: boolean }
  | { readonly type: 'speed'; readonly speed: number }
  | { readonly type: 'status' }
  | { readonly type: 'stop' };

export interface PbxSiteStatus {
  readonly type: 'status';
  /** The simulated clock, epoch ms. */
  readonly now: number;
  /** AMI events written so far. */
  readonly events: number;
  /** Queue calls finished so far. */
  readonly calls: number;
  /** The contacts offered and answered so far (what the markers count). */
  readonly offered: number;
  readonly answered: number;
  readonly rssMb: number;
}

export type PbxSiteReply =
  | { readonly type: 'started'; readonly port: number }
  | { readonly type: 'markers'; readonly markers: Marker[] }
  | PbxSiteStatus;

export class PbxSite {
  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  /** Its simulated clock starts when the first AMI client logs in, at real time (speed 1). */
  static async start(name: string, options: PbxSiteStart): Promise<PbxSite> {
    const child = fork(join(__dirname, 'pbx-site.child.ts'), [], {
      execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
      stdio: 'inherit',
    });
    const site = new PbxSite(name, 0, child);
    child.send(options);
    const started = await site.next('started');
    return new PbxSite(name, started.port, child);
  }

  /** Markers are kept from now on. */
  record(): void {
    this.send({ type: 'record', on: true });
  }

  /** Stops keeping markers and hands over those kept, each naming this site. */
  async markers(): Promise<Marker[]> {
    const reply = this.next('markers');
    this.send({ type: 'record', on: false });
    return (await reply).markers.map((marker) => ({ ...marker, site: this.name }));
  }

  setSpeed(speed: number): void {
    this.send({ type: 'speed', speed });
  }

  async status(): Promise<PbxSiteStatus> {
    const reply = this.next('status');
    this.send({ type: 'status' });
    return reply;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private send(request: PbxSiteRequest | PbxSiteStart): void {
    this.child.send(request);
  }

  private next<T extends PbxSiteReply['type']>(
    type: T,
  ): Promise<Extract<PbxSiteReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`pbx site exited (${code})`));
      const onMessage = (message: PbxSiteReply) => {
        if (message.type !== type) return;
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        resolve(message as Extract<PbxSiteReply, { type: T }>);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
    });
  }
}
