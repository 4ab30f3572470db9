import type { INestApplication } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type {
  CallEvent,
  CallSource,
  CallSourceListener,
  CallSourceStats,
  PbxInFlightView,
} from '@hotline/call-events';
import { AppModule } from '../../apps/monitor/src/app.module';
import {
  monitorConfigSchema,
  type MonitorConfig,
  type MonitorConfigInput,
} from '../../apps/monitor/src/config/monitor-config.schema';
import { CallSourceFactory } from '../../apps/monitor/src/pbx/call-source.factory';
import { PushHub } from '../../apps/monitor/src/push/push-hub.service';
import { PushModule } from '../../apps/monitor/src/push/push.module';
import { WebModule } from '../../apps/monitor/src/web/web.module';
import { isolatedDataConfig } from '../support/isolated-data';
import { LiveKpiService } from '../../apps/monitor/src/live/live-kpi.service';

/** A PBX the test drives by hand: the monitor sees it through the CallSource port. */
export class ScriptedCallSource implements CallSource {
  listener: CallSourceListener | undefined;
  ready = false;

  start(listener: CallSourceListener): void {
    this.listener = listener;
  }

  stop(): Promise<void> {
    this.ready = false;
    return Promise.resolve();
  }

  stats(): CallSourceStats {
    return { reconnects: 0, protocolErrors: 0, eventsByType: new Map() };
  }

  connect(view: Partial<PbxInFlightView> = {}): void {
    const at = view.at ?? Date.now();
    this.ready = true;
    this.listener?.onLink(true, { at });
    this.listener?.onResync({ at, waiting: [], talking: [], agents: [], ...view });
  }

  drop(reason = 'connection reset'): void {
    this.ready = false;
    this.listener?.onLink(false, { reason, at: Date.now() });
  }

  emit(...events: CallEvent[]): void {
    this.listener?.onEvents(events);
  }
}

export interface RunningMonitor {
  readonly app: INestApplication;
  readonly config: MonitorConfig;
  readonly baseUrl: string;
  readonly wsUrl: string;
  readonly hub: PushHub;
  readonly live: LiveKpiService;
  readonly pbx: ScriptedCallSource;
  close(): Promise<void>;
}

/** The real monitor app (AppModule + the push and web modules) on 127.0.0.1, a free port. */
export async function startMonitor(
  input: MonitorConfigInput = {},
  source?: CallSource,
  options: { realPbx?: boolean } = {},
): Promise<RunningMonitor> {
  const config = monitorConfigSchema.parse({
    ...isolatedDataConfig(),
    log: { level: 'silent' },
    ...input,
  });
  const pbx = new ScriptedCallSource();
  const factory = {
    create: () => Promise.resolve(source ?? pbx),
    dispose: () => Promise.resolve(),
  };
  const builder = Test.createTestingModule({
    imports: [AppModule.forConfig(config), PushModule, WebModule],
  });
  // realPbx: the configured PBX (e.g. AMI to a simulator) through the real CallSourceFactory.
  const moduleRef = options.realPbx
    ? await builder.compile()
    : await builder.overrideProvider(CallSourceFactory).useValue(factory).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useWebSocketAdapter(new WsAdapter(app));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    config,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    hub: app.get(PushHub),
    live: app.get(LiveKpiService),
    pbx,
    close: () => app.close(),
  };
}

export interface ReceivedMessage {
  readonly type: string;
  readonly v: number;
  readonly seq: number;
  readonly at: number;
  readonly data: Record<string, unknown> & { sections?: Record<string, unknown> };
}

/** A `ws` client that records every message and can wait for one. */
export class TestClient {
  readonly messages: ReceivedMessage[] = [];
  readonly raw: string[] = [];
  closed: { code: number; reason: string } | undefined;
  private waiters: {
    match: (m: ReceivedMessage) => boolean;
    resolve: (m: ReceivedMessage) => void;
  }[] = [];
  private closeWaiters: ((c: { code: number; reason: string }) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = (data as Buffer).toString('utf8');
      this.raw.push(text);
      const message = JSON.parse(text) as ReceivedMessage;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(message)) return true;
        w.resolve(message);
        return false;
      });
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const resolve of this.closeWaiters) resolve(this.closed);
    });
    ws.on('error', () => undefined);
  }

  static async open(
    url: string,
    options: WebSocket.ClientOptions & { protocols?: string[] } = {},
  ): Promise<TestClient> {
    const { protocols, ...rest } = options;
    const ws = new WebSocket(url, protocols, rest);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('close', () => resolve());
    });
    return client;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  subscribe(extra: Record<string, unknown> = {}): void {
    this.send({ type: 'subscribe', v: 1, views: ['wallboard'], ...extra });
  }

  next(
    type: string,
    match: (m: ReceivedMessage) => boolean = () => true,
    timeoutMs = 5_000,
    from = 0,
  ): Promise<ReceivedMessage> {
    const found = this.messages.slice(from).find((m) => m.type === type && match(m));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no "${type}" message within ${timeoutMs} ms; got ${this.messages.map((m) => m.type).join(',')}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        match: (m) => m.type === type && match(m),
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** The next message of `type` that arrives after now. */
  nextNew(
    type: string,
    match: (m: ReceivedMessage) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<ReceivedMessage> {
    return this.next(type, match, timeoutMs, this.messages.length);
  }

  waitClosed(timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not closed within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.closeWaiters.push((c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
  }

  close(): void {
    this.ws.terminate();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` is true (integration tests only: real sockets, real timers). */
export async function eventually(
  check: () => boolean,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
