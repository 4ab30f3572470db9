import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AmiEventRenderer } from './ami/ami-event-renderer';
import { AmiServer } from './ami/ami-server';
import type { PbxStateView } from './ami/pbx-state-view';
import { applyFault } from './faults/apply-fault';
import { plannedFaultSchema, type Fault, type FaultPlan } from './faults/fault';
import type { ScenarioConfig } from './model/scenario-config';
import { TrafficModel } from './model/traffic-model';
import { readAmiCapture, type CapturedMessage } from './replay/ami-capture';
import { resolveRun } from './run-model';
import type { PlannedRota } from './rota/planned-rota';
import { parseDuration } from './time/parse-duration';
import { QueueLogWriter } from './truth/queue-log-writer';
import { TruthLedger } from './truth/truth-ledger';

export interface SimulatorOptions {
  /** A scenario object, a name in config/scenarios/, or a YAML path. Default: month-2021-01. */
  scenario?: ScenarioConfig | string;
  /** A planned rota (the planner's plan.json) instead of the scenario's shift pools. */
  rota?: PlannedRota;
  seed?: number;
  /** Simulated seconds per real second (1 = real time). Default 1. */
  speed?: number;
  /** Simulated duration, ms (default the scenario's). */
  durationMs?: number;
  /** Simulated start, epoch ms (default now). */
  startAt?: number;
  ami?: {
    host?: string;
    port?: number;
    username?: string;
    secret?: string;
    timestampEvents?: boolean;
  };
  /** Write truth.jsonl, summary.json and queue_log here when the run finishes or stops. */
  truthDir?: string;
  /** Faults at simulated offsets from the start (also read from the scenario's `faults`). */
  faults?: FaultPlan;
  /** Channel noise around queue events (default true). */
  noise?: boolean;
  /** Serve this recorded .ami capture (gz or plain) instead of the model. */
  replay?: string;
  /** Hold the simulated clock until the first client logs in (tests that must see every call). */
  startOnLogin?: boolean;
  /** Hold the simulated clock until begin() is called (a client connected and scraped first). */
  hold?: boolean;
  /** Write queue_log to this file line by line as calls happen, like Asterisk (truncated first). */
  queueLogPath?: string;
}

export interface SimulatorProgress {
  /** Simulated now, epoch ms. */
  readonly simTime: number;
  readonly arrivals: number;
  readonly finishedCalls: number;
  readonly events: number;
  readonly clients: number;
}

const TICK_MS = 20;

/**
 * The PBX simulator: a traffic model on a simulated clock, rendered as AMI over TCP, with
 * the ground truth of every call and faults on demand. Also replays recorded captures.
 */
export class PbxSimulator extends EventEmitter {
  readonly truth = new TruthLedger();
  readonly queueLog = new QueueLogWriter();
  private model: TrafficModel | undefined;
  private server!: AmiServer;
  private timer: NodeJS.Timeout | undefined;
  private realStart = 0;
  private eventsSent = 0;
  private lastProgress = 0;
  private done = false;
  private resolveFinished!: () => void;
  private readonly finishedPromise = new Promise<void>(
    (resolve) => (this.resolveFinished = resolve),
  );
  private plan: { atMs: number; fault: Fault }[] = [];
  private replayMessages: CapturedMessage[] = [];
  private replayIndex = 0;
  private replayStarted = false;
  private readonly startAt: number;
  private speed: number;
  /** The simulated time at `realStart` (the start, or when the speed last changed). */
  private simAtRealStart = 0;

  private constructor(private readonly options: SimulatorOptions) {
    super();
    this.speed = options.speed ?? 1;
    if (options.replay) {
      this.replayMessages = readAmiCapture(options.replay);
      this.startAt = this.replayMessages[0]?.receivedAt ?? Date.now();
      return;
    }
    // A live PBX starts now unless told otherwise (runModel keeps the scenario's start).
    const run = resolveRun({ ...options, startAt: options.startAt ?? Date.now() });
    this.startAt = run.startAt;
    const renderer = new AmiEventRenderer({ noise: options.noise ?? true });
    this.queueLog = new QueueLogWriter({
      logRefusals: run.scenario.queueLogRefusals,
      ...(options.queueLogPath ? { path: options.queueLogPath } : {}),
    });
    this.queueLog.start(run.startAt);
    this.model = new TrafficModel(
      run.scenario,
      { seed: run.seed, startAt: run.startAt, endAt: run.startAt + run.durationMs },
      (event) => {
        this.truth.record(event);
        this.queueLog.record(event);
        for (const frame of renderer.render(event)) {
          this.eventsSent++;
          this.server?.broadcast(frame);
        }
        // After its frames are written to every client socket: benches timestamp the PBX event here.
        if (this.listenerCount('pbx-event') > 0) this.emit('pbx-event', event);
      },
    );
    const planned = [
      ...run.scenario.faults.map((f) => plannedFaultSchema.parse(f)),
      ...(options.faults ?? []),
    ];
    this.plan = planned
      .map((p) => ({ atMs: typeof p.at === 'number' ? p.at : parseDuration(p.at), fault: p.fault }))
      .sort((a, b) => a.atMs - b.atMs);
  }

  static async start(options: SimulatorOptions = {}): Promise<PbxSimulator> {
    const simulator = new PbxSimulator(options);
    simulator.server = await AmiServer.listen(options.ami ?? {}, simulator.stateView());
    simulator.server.on('error', (error: unknown) => simulator.emit('error', error));
    if (options.replay) simulator.server.on('login', () => (simulator.replayStarted ||= true));
    if (options.hold && !options.replay) return simulator;
    if (options.startOnLogin && !options.replay)
      simulator.server.once('login', () => simulator.begin());
    else simulator.begin();
    return simulator;
  }

  /** Starts the simulated clock (once); `hold` and `startOnLogin` wait for this. */
  begin(): void {
    if (this.timer || this.done) return;
    this.realStart = performance.now();
    this.simAtRealStart = this.startAt;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.tick();
  }

  get port(): number {
    return this.server.port;
  }

  /** Simulated now, epoch ms. */
  get now(): number {
    return this.model?.now ?? this.startAt + (performance.now() - this.realStart) * this.speed;
  }

  /**
   * From now on `speed` simulated seconds per real second (a bench that measures at real time,
   * then compresses a long run). Not for replays.
   */
  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new RangeError(`speed must be positive, got ${speed}`);
    if (this.options.replay) throw new Error('a replay keeps its speed');
    if (this.timer) {
      this.simAtRealStart = this.simulatedTarget();
      this.realStart = performance.now();
    }
    this.speed = speed;
  }

  private simulatedTarget(): number {
    return this.simAtRealStart + (performance.now() - this.realStart) * this.speed;
  }

  /** Resolves when the run is over: every caller gone after the duration (or the replay sent). */
  finished(): Promise<void> {
    return this.finishedPromise;
  }

  /** Injects a fault now; resolves when it is over (e.g. the port reopened). */
  inject(fault: Fault): Promise<void> {
    this.emit('fault', fault);
    return applyFault(this.server, fault);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.server.close();
    this.writeTruth();
  }

  private stateView(): PbxStateView {
    return {
      now: () => this.now,
      queues: () => this.model?.queueConfigs() ?? [],
      agents: () => this.model?.agentStates() ?? [],
      waiting: () => this.model?.waitingVisits() ?? new Map(),
      talking: () => this.model?.talkingVisits() ?? [],
    };
  }

  private tick(): void {
    if (this.done) return;
    if (this.options.replay) return this.replayTick();
    const model = this.model!;
    const target = this.simulatedTarget();
    while (this.plan.length > 0 && this.startAt + this.plan[0].atMs <= target) {
      const next = this.plan.shift()!;
      model.advanceTo(this.startAt + next.atMs);
      this.inject(next.fault).catch((error: unknown) => this.emit('error', error));
    }
    model.advanceTo(target);
    this.maybeProgress();
    if (model.finished) this.finish();
  }

  private replayTick(): void {
    if (!this.replayStarted) {
      this.realStart = performance.now();
      return;
    }
    const first = this.replayMessages[0]?.receivedAt ?? 0;
    const elapsed = (performance.now() - this.realStart) * this.speed;
    while (this.replayIndex < this.replayMessages.length) {
      const message = this.replayMessages[this.replayIndex];
      if (message.receivedAt - first > elapsed) break;
      this.server.broadcastRaw(message.data, message.privilege);
      this.eventsSent++;
      this.replayIndex++;
    }
    this.maybeProgress();
    if (this.replayIndex >= this.replayMessages.length) this.finish();
  }

  private maybeProgress(): void {
    const now = performance.now();
    if (now - this.lastProgress < 1000) return;
    this.lastProgress = now;
    const progress: SimulatorProgress = {
      simTime: this.now,
      arrivals: this.model?.arrivals ?? this.replayIndex,
      finishedCalls: this.truth.calls().length,
      events: this.eventsSent,
      clients: this.server.clientCount,
    };
    this.emit('progress', progress);
  }

  private finish(): void {
    this.done = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.writeTruth();
    this.emit('finished');
    this.resolveFinished();
  }

  private writeTruth(): void {
    const dir = this.options.truthDir;
    if (!dir || this.options.replay) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'truth.jsonl'),
      this.truth
        .calls()
        .map((c) => JSON.stringify(c))
        .join('\n') + '\n',
    );
    writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(this.truth.summary(), null, 2)}\n`);
    writeFileSync(join(dir, 'queue_log'), this.queueLog.text());
  }
}
