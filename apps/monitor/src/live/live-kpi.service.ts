import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { homeSite } from './home-site';
import { SiteLive } from './site-live';

export type { IngestCounters, PbxLinkStatus } from './site-live';

/**
 * This instance's own site: the one whose PBX link (embedded, ingest) or stream and database
 * (serve) it owns — storage, staffing, alarms and /metrics follow it. A serve's other sites
 * are in SiteRegistry.
 */
@Injectable()
export class LiveKpiService extends SiteLive implements OnModuleInit, OnModuleDestroy {
  constructor(
    @Inject(MONITOR_CONFIG) config: MonitorConfig,
    @InjectPinoLogger(LiveKpiService.name) logger: PinoLogger,
  ) {
    super(homeSite(config), config, logger);
  }

  onModuleInit(): void {
    this.start();
  }

  onModuleDestroy(): void {
    this.stop();
  }
}
