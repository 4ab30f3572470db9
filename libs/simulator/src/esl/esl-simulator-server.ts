import { EventEmitter } from 'node:events';
import type { ModelEvent } from '../model/model-event';
import type { ScenarioConfig } from '../model/scenario-config';
import { TrafficModel } from '../model/traffic-model';
import { resolveRun } from '../run-model';
import { TruthLedger } from '../truth/truth-ledger';
import { CallcenterEventRenderer } from './callcenter-event-renderer';
import { CdrCsvWriter } from './cdr-csv-writer';
import { agentList, memberList, queueList, statusText, tierList } from './callcenter-lists';
import { EslIdentities } from './esl-identities';
import { EslServer } from './esl-server';
import { eventPlain, type EslEventFrame } from './esl-wire';

export interface EslSimulatorOptions {
  /** A scenario object, a name in config/scenarios/, or a YAML path. Default: month-2021-01. */
  readonly scenario?: ScenarioConfig | string;
  readonly seed?: number;
  /** Simulated seconds per real second (1 = real time). Default 1. */
  readonly speed?: number;
  /** Simulated duration, ms (default the scenario's). */
  readonly durationMs?: number;
  /** Simulated start, epoch ms (default now). */
  readonly startAt?: number;
  readonly host?: string;
  /** 0 (default) = any free port. */
  readonly port?: number;
  /** event_socket.conf.xml password. Default ClueCon. */
  readonly password?: string;
  /** Hold the simulated clock until the first client subscribes to events (tests that must see every call). */
  readonly startOnSubscribe?: boolean;
  /**
   * Hold the simulated clock until `begin()` is called — e.g. once a client has subscribed and
   * read its resync lists, so no call starts between its subscription and its view.
   */
  readonly hold?: boolean;
  /** Real ms between HEARTBEAT events (switch.conf.xml event-heartbeat-interval, 20 s). 0 = none. */
  readonly heartbeatIntervalMs?: number;
  /** Minutes east of UTC for Event-Date-Local. Default 480 (Asia/Shanghai). */
  readonly utcOffsetMinutes?: number;
  /**
   * Sees every model event, in order, before it is rendered — so the same simulated traffic can
   * also be rendered as AMI (AmiEventRenderer) or written as queue_log.
   */
  readonly onModelEvent?: (event: ModelEvent) => void;
  /**
   * Write FreeSWITCH's CDR (mod_cdr_csv, SIMULATED_CDR_CSV_TEMPLATE's columns, no header) to
   * this file, a caller leg as it hangs up (truncated first).
   */
  readonly cdrCsvPath?: string;
}

const TICK_MS = 20;

/**
 * The PBX simulator as FreeSWITCH 1.10 with mod_callcenter: the same traffic model the AMI
 * simulator runs (same scenario and seed → the same calls), rendered as `CUSTOM callcenter::info`
 * events on an Event Socket server, with the `callcenter_config` lists and `status` a monitor
 * reads on (re)connect, HEARTBEAT events, the ground truth of every call, and faults.
 *
 * Names: model queue `12345` is `12345@default`, agent `agent101` is `101@default` (see
 * EslIdentities). Emits 'frame' (frame, sessionsReached) for every event it fires.
 */
export class EslSimulatorServer extends EventEmitter {
  readonly truth = new TruthLedger();
  readonly identities: EslIdentities;
  private readonly renderer: CallcenterEventRenderer;
  private readonly model: TrafficModel;
  private server!: EslServer;
  private timer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private realStart = 0;
  private running = false;
  private done = false;
  private framesSent = 0;
  private resolveFinished!: () => void;
  private readonly finishedPromise = new Promise<void>(
    (resolve) => (this.resolveFinished = resolve),
  );
  private readonly startAt: number;
  private readonly speed: number;

  private constructor(private readonly options: EslSimulatorOptions) {
    super();
    this.speed = options.speed ?? 1;
    const run = resolveRun({ ...options, startAt: options.startAt ?? Date.now() });
    this.startAt = run.startAt;
    this.identities = new EslIdentities(run.seed);
    this.renderer = new CallcenterEventRenderer(this.identities, {
      utcOffsetMinutes: options.utcOffsetMinutes,
    });
    const cdr = options.cdrCsvPath
      ? new CdrCsvWriter(options.cdrCsvPath, this.identities)
      : undefined;
    this.model = new TrafficModel(
      run.scenario,
      { seed: run.seed, startAt: run.startAt, endAt: run.startAt + run.durationMs },
      (event) => {
        this.truth.record(event);
        options.onModelEvent?.(event);
        cdr?.record(event);
        for (const frame of this.renderer.render(event)) this.fire(frame);
      },
    );
  }

  static async start(options: EslSimulatorOptions = {}): Promise<EslSimulatorServer> {
    const simulator = new EslSimulatorServer(options);
    simulator.server = await EslServer.listen(
      { host: options.host, port: options.port, password: options.password },
      (command) => simulator.api(command),
      (jobUuid, command, result) => simulator.backgroundJob(jobUuid, command, result),
    );
    simulator.server.on('error', (error: unknown) => simulator.emit('error', error));
    simulator.server.on('auth-failed', () => simulator.emit('auth-failed'));
    if (options.hold) return simulator;
    if (options.startOnSubscribe) simulator.server.once('subscribe', () => simulator.begin());
    else simulator.begin();
    return simulator;
  }

  get port(): number {
    return this.server.port;
  }

  /** Simulated now, epoch ms. */
  get now(): number {
    return this.model.now;
  }

  /** Events fired so far (whether or not anyone was subscribed). */
  get eventsFired(): number {
    return this.framesSent;
  }

  get subscriberCount(): number {
    return this.server.subscriberCount;
  }

  /** Resolves when the run is over: every caller gone after the duration. */
  finished(): Promise<void> {
    return this.finishedPromise;
  }

  /** Fault: connections are refused for `ms` real ms; established sessions stay. */
  refuseFor(ms: number): Promise<void> {
    return this.server.refuseFor(ms);
  }

  /** Fault: FreeSWITCH restart — sessions dropped and the port closed for `ms` (the calls go on). */
  restart(ms: number): Promise<void> {
    return this.server.restart(ms);
  }

  async stop(): Promise<void> {
    this.halt();
    await this.server.close();
  }

  // ------------------------------------------------------------------ internals

  /** Starts the simulated clock (no-op when it runs already). */
  begin(): void {
    if (this.running) return;
    this.running = true;
    this.realStart = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    const heartbeat = this.options.heartbeatIntervalMs ?? 20_000;
    if (heartbeat > 0) this.heartbeatTimer = setInterval(() => this.heartbeat(), heartbeat);
    this.tick();
  }

  private tick(): void {
    if (this.done) return;
    this.model.advanceTo(this.startAt + (performance.now() - this.realStart) * this.speed);
    if (this.model.finished) {
      this.done = true;
      this.halt();
      this.emit('finished');
      this.resolveFinished();
    }
  }

  private halt(): void {
    clearInterval(this.timer);
    clearInterval(this.heartbeatTimer);
    this.timer = undefined;
    this.heartbeatTimer = undefined;
  }

  private fire(frame: EslEventFrame): void {
    this.framesSent++;
    const reached = this.server?.broadcast(frame) ?? 0;
    this.emit('frame', frame, reached);
  }

  private api(command: string): string {
    const words = command.trim().split(/\s+/);
    const nowEpoch = Math.floor(this.now / 1000);
    const members = this.renderer.memberRows();
    // mod_dptools: switch_micro_time_now(), the clock of Event-Date-Timestamp.
    if (words[0] === 'strmicroepoch' && words.length === 1)
      return String(Math.floor(this.now) * 1000);
    if (words[0] === 'status') {
      return statusText(this.now - this.startAt, members.length, this.model.arrivals);
    }
    if (words[0] === 'callcenter_config') {
      const sub = words.slice(1, 4).join(' ');
      if (sub === 'queue list members' && words[4]) return memberList(words[4], members, nowEpoch);
      if (sub === 'queue list') return queueList(this.model.queueConfigs());
      if (sub === 'agent list') {
        return agentList(this.model.agentStates(), (name) => this.renderer.agentRow(name));
      }
      if (sub === 'tier list') return tierList(this.model.agentStates());
      if (words[1] === 'queue' && words[2] === 'list' && words[3] === 'members')
        return '-ERR Invalid!\n';
      return '-ERR Unknown Command!\n';
    }
    return `-ERR ${words[0] ?? ''} Command not found!\n`;
  }

  /** The BACKGROUND_JOB event mod_event_socket fires with a bgapi result (fs 1.10 api_exec). */
  private backgroundJob(jobUuid: string, command: string, result: string): Buffer {
    const space = command.indexOf(' ');
    return eventPlain(
      [
        ...this.renderer.coreHeaders('BACKGROUND_JOB', undefined, Math.floor(this.now) * 1000),
        ['Event-Calling-File', 'mod_event_socket.c'],
        ['Event-Calling-Function', 'api_exec'],
        ['Event-Calling-Line-Number', '1572'],
        ['Event-Sequence', String(this.renderer.nextSequence())],
        ['Job-UUID', jobUuid],
        ['Job-Command', space < 0 ? command : command.slice(0, space)],
        ...(space < 0 ? [] : ([['Job-Command-Arg', command.slice(space + 1)]] as const)),
      ],
      result,
    );
  }

  /** HEARTBEAT as switch_core.c send_heartbeat fills it (fs-run1 seq 609). */
  private heartbeat(): void {
    const uptimeMs = Math.max(0, Math.floor(this.now - this.startAt));
    const s = Math.floor(uptimeMs / 1000);
    const sessions = this.renderer.memberRows().length;
    const frame: EslEventFrame = {
      at: this.now,
      name: 'HEARTBEAT',
      headers: [
        ...this.renderer.coreHeaders('HEARTBEAT', undefined, Math.floor(this.now) * 1000),
        ['Event-Calling-File', 'switch_core.c'],
        ['Event-Calling-Function', 'send_heartbeat'],
        ['Event-Calling-Line-Number', '95'],
        ['Event-Sequence', String(this.renderer.nextSequence())],
        ['Event-Info', 'System Ready'],
        [
          'Up-Time',
          `0 years, ${Math.floor(s / 86400)} days, ${Math.floor((s % 86400) / 3600)} hours, ${Math.floor((s % 3600) / 60)} minutes, ${s % 60} seconds, ${uptimeMs % 1000} milliseconds, 0 microseconds`,
        ],
        ['FreeSWITCH-Version', '1.10.12-release~64bit'],
        ['Uptime-msec', String(uptimeMs)],
        ['Session-Count', String(sessions)],
        ['Max-Sessions', '1000'],
        ['Session-Per-Sec', '30'],
        ['Session-Per-Sec-Last', '0'],
        ['Session-Per-Sec-Max', '6'],
        ['Session-Per-Sec-FiveMin', '6'],
        ['Session-Since-Startup', String(this.model.arrivals)],
        ['Session-Peak-Max', String(sessions)],
        ['Session-Peak-FiveMin', String(sessions)],
        ['Idle-CPU', '91.200000'],
      ],
    };
    this.fire(frame);
  }
}
