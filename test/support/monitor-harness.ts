import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../../apps/monitor/src/app.module';
import {
  monitorConfigSchema,
  type MonitorConfigInput,
} from '../../apps/monitor/src/config/monitor-config.schema';
import { LiveKpiService } from '../../apps/monitor/src/live/live-kpi.service';
import { SHUTDOWN_SIGNALS } from '../../apps/monitor/src/shutdown-signals';
import { isolatedDataConfig } from './isolated-data';

export interface RunningMonitor {
  readonly app: INestApplication;
  readonly baseUrl: string;
  readonly live: LiveKpiService;
  close(): Promise<void>;
}

/**
 * The monitor as main.ts builds it (same module graph, WsAdapter, shutdown hooks), listening on
 * a free loopback port; config goes through the same zod schema as a YAML file would.
 */
export async function startMonitor(input: MonitorConfigInput): Promise<RunningMonitor> {
  const config = monitorConfigSchema.parse({
    ...isolatedDataConfig(),
    ...input,
    server: { host: '127.0.0.1', port: 1, ...input.server },
    log: { level: 'warn', ...input.log },
  });
  const app = await NestFactory.create(AppModule.forConfig(config), { logger: ['error', 'warn'] });
  app.useWebSocketAdapter(new WsAdapter(app));
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS]);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    live: app.get(LiveKpiService),
    close: () => app.close(),
  };
}

/** Polls until `check` returns true or the deadline passes (then throws with `what`). */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
