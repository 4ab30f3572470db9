import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { CallSource } from '@hotline/call-events';
import { AMI_CLIENT_DEFAULTS, AsteriskCallSource, amiEventFilters } from '@hotline/asterisk';
import { FreeswitchCallSource } from '@hotline/freeswitch';
import { PbxSimulator } from '@hotline/simulator';
import type { MonitorConfig } from '../config/monitor-config.schema';

type PbxConfig = MonitorConfig['pbx'];
type HistoryConfig = MonitorConfig['history'];
type AsteriskConfig = NonNullable<PbxConfig['asterisk']>;
type FreeswitchConfig = NonNullable<PbxConfig['freeswitch']>;

const EMBEDDED_SIMULATOR_USER = 'monitor';

/** Builds the call source the config asks for; the embedded simulator is the demo default. */
@Injectable()
export class CallSourceFactory {
  /** The embedded simulators started (one per `simulator` PBX), stopped with the app. */
  private readonly simulators: PbxSimulator[] = [];

  constructor(@InjectPinoLogger('PbxLink') private readonly logger: PinoLogger) {}

  /** The PBX link; `history` names the ledger a FreeSWITCH link backfills its gaps from. */
  async create(pbx: PbxConfig, history?: HistoryConfig): Promise<CallSource> {
    switch (pbx.type) {
      case 'asterisk':
        return this.asterisk(pbx.asterisk as AsteriskConfig);
      case 'simulator':
        return this.embeddedSimulator(pbx.simulator, pbx.site);
      case 'freeswitch':
        return this.freeswitch(pbx.freeswitch as FreeswitchConfig, history?.freeswitchCdr);
    }
  }

  async dispose(): Promise<void> {
    await Promise.all(this.simulators.splice(0).map((simulator) => simulator.stop()));
  }

  private asterisk(config: AsteriskConfig): CallSource {
    const mapping = { lineVariable: config.lineVariable, surveyUserEvent: config.surveyUserEvent };
    return new AsteriskCallSource(
      {
        ami: {
          host: config.host,
          port: config.port,
          username: config.username,
          secret: config.secret ?? '',
          filters: config.filterEvents ? amiEventFilters(mapping) : undefined,
          heartbeatIntervalMs: config.heartbeatIntervalMs,
          heartbeatTimeoutMs: config.heartbeatTimeoutMs,
          actionTimeoutMs: config.actionTimeoutMs,
          connectTimeoutMs: config.connectTimeoutMs,
          reconnect: config.reconnect,
        },
        mapping,
        filterEvents: config.filterEvents,
        ...(config.queueLogPath ? { queueLogPath: config.queueLogPath } : {}),
      },
      this.logger.logger.child({ component: 'ami' }),
    );
  }

  private freeswitch(config: FreeswitchConfig, cdr: HistoryConfig['freeswitchCdr']): CallSource {
    const log = this.logger.logger.child({ component: 'esl' });
    return new FreeswitchCallSource({
      esl: {
        host: config.host,
        port: config.port,
        password: config.password ?? '',
        heartbeatIntervalMs: config.heartbeatIntervalMs,
        heartbeatTimeoutMs: config.heartbeatTimeoutMs,
        reconnect: config.reconnect,
      },
      queues: config.queues,
      mapping: { lineVariable: config.lineVariable },
      ...(cdr ? { cdr } : {}),
      log: {
        info: (detail, message) => log.info(detail, message),
        error: (detail, message) => log.error(detail, message),
      },
    });
  }

  private async embeddedSimulator(
    options: PbxConfig['simulator'],
    site: string,
  ): Promise<CallSource> {
    const secret = `demo-${Math.random().toString(36).slice(2)}`;
    const simulator = await PbxSimulator.start({
      scenario: options.scenario,
      seed: options.seed,
      speed: options.speed,
      ami: {
        host: '127.0.0.1',
        port: options.port,
        username: EMBEDDED_SIMULATOR_USER,
        secret,
        timestampEvents: true,
      },
    });
    this.simulators.push(simulator);
    this.logger.info(
      { site, scenario: options.scenario, speed: options.speed, port: simulator.port },
      'no PBX configured: running the built-in PBX simulator (demo mode)',
    );
    return this.asterisk({
      host: '127.0.0.1',
      port: simulator.port,
      username: EMBEDDED_SIMULATOR_USER,
      secret,
      filterEvents: true,
      lineVariable: 'HOTLINE',
      surveyUserEvent: 'SurveyResult',
      ...AMI_CLIENT_DEFAULTS,
      reconnect: { initialDelayMs: 200, maxDelayMs: 5_000, multiplier: 2, jitter: 0.3 },
    });
  }
}
