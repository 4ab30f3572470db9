import type { INestApplication, Type } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { AppModule } from '../../apps/monitor/src/app.module';
import {
  monitorConfigSchema,
  type MonitorConfigInput,
} from '../../apps/monitor/src/config/monitor-config.schema';
import { CallSourceFactory } from '../../apps/monitor/src/pbx/call-source.factory';
import { NO_LINK_STATS } from '../../apps/monitor/src/pbx/pbx-link-stats';
import { isolatedDataConfig } from '../support/isolated-data';
import { ScriptedCallSource } from '../wallboard/monitor-harness';

export interface AccessApp {
  readonly app: INestApplication;
  readonly baseUrl: string;
  readonly wsUrl: string;
  readonly pbx: ScriptedCallSource;
  close(): Promise<void>;
}

/**
 * The real AppModule on a free loopback port, fed by a scripted PBX, with what the route walk
 * needs beyond the wallboard harness: extra controllers, and the service's own logger writing
 * to `logDestination`.
 */
export async function startAccessApp(
  input: MonitorConfigInput,
  extras: { controllers?: Type[]; logDestination?: DestinationStream } = {},
): Promise<AccessApp> {
  const config = monitorConfigSchema.parse({
    ...isolatedDataConfig(),
    log: { level: 'silent' },
    ...input,
  });
  const pbx = new ScriptedCallSource();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forConfig(config, { logDestination: extras.logDestination })],
    controllers: extras.controllers ?? [],
  })
    .overrideProvider(CallSourceFactory)
    .useValue({
      create: () => Promise.resolve(pbx),
      dispose: () => Promise.resolve(),
      stats: () => NO_LINK_STATS,
    })
    .compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  if (extras.logDestination) {
    // As main.ts does: Nest's own messages go through the same pino logger.
    const { Logger } = await import('nestjs-pino');
    app.useLogger(app.get(Logger));
  } else app.useLogger(false);
  app.useWebSocketAdapter(new WsAdapter(app));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    pbx,
    close: () => app.close(),
  };
}
