import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ConfigError } from './config/config-error';
import { loadMonitorConfig } from './config/load-monitor-config';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadMonitorConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `${JSON.stringify({ level: 'fatal', msg: error.message, problems: error.problems })}\n`,
      );
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await NestFactory.create(AppModule.forConfig(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useWebSocketAdapter(new WsAdapter(app));
  app.enableShutdownHooks();
  await app.listen(config.server.port, config.server.host);
  app
    .get(Logger)
    .log(
      `Hotline Monitor listening on http://${config.server.host}:${config.server.port}`,
      'Bootstrap',
    );
}

void bootstrap();
