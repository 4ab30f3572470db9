import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { describeStartUpFailure } from './config/describe-start-up-failure';
import { loadMonitorConfig } from './config/load-monitor-config';
import type { MonitorConfig } from './config/monitor-config.schema';
import { SHUTDOWN_SIGNALS } from './shutdown-signals';
import { SystemdNotifier } from './systemd/systemd-notifier';
import { systemdSettings } from './systemd/systemd-settings';
import { SystemdWatchdog } from './systemd/systemd-watchdog';

async function bootstrap(): Promise<void> {
  let config: MonitorConfig | undefined;
  try {
    config = loadMonitorConfig();
    // abortOnError false: a failing provider rejects here instead of aborting the process, and
    // the buffered start-up logs (Nest's stack trace among them) are dropped, not printed.
    const app = await NestFactory.create(AppModule.forConfig(config), {
      bufferLogs: true,
      autoFlushLogs: false,
      abortOnError: false,
    });
    app.useLogger(app.get(Logger));
    app.flushLogs();
    app.useWebSocketAdapter(new WsAdapter(app));
    app.enableShutdownHooks([...SHUTDOWN_SIGNALS]);
    await app.listen(config.server.port, config.server.host);
    app
      .get(Logger)
      .log(
        `Hotline Monitor listening on http://${config.server.host}:${config.server.port}`,
        'Bootstrap',
      );
    await startSystemdIntegration(await app.resolve(PinoLogger));
  } catch (error) {
    const failure = describeStartUpFailure(error, config?.server);
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', msg: failure.problems.join('; '), problems: failure.problems })}\n`,
    );
    process.exit(failure.exitCode);
  }
}

/** Under systemd (Type=notify): READY=1 once listening, then the watchdog pings (deploy/systemd). */
async function startSystemdIntegration(logger: PinoLogger): Promise<void> {
  const settings = systemdSettings(process.env, process.pid);
  if (!settings.notifySocket) return;
  logger.setContext('Systemd');
  const notifier = new SystemdNotifier(logger);
  await notifier.notify('READY=1', `STATUS=listening, pid ${process.pid}`);
  if (settings.watchdogPingMs === undefined) return;
  new SystemdWatchdog(notifier, settings.watchdogPingMs).start();
  logger.info({ pingMs: settings.watchdogPingMs }, 'systemd watchdog pings started');
}

void bootstrap();
