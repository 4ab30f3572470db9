import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AccessModule } from './access/access.module';
import { ConfigModule } from './config/config.module';
import type { MonitorConfig } from './config/monitor-config.schema';
import { HealthModule } from './health/health.module';
import { LiveModule } from './live/live.module';
import { loggerParams } from './logging/logger-params';
import { MetricsModule } from './metrics/metrics.module';
import { PbxModule } from './pbx/pbx.module';
import { PushModule } from './push/push.module';
import { ReportsModule } from './reports/reports.module';
import { SnapshotModule } from './snapshot/snapshot.module';
import { StaffingModule } from './staffing/staffing.module';
import { StorageModule } from './storage/storage.module';
import {
  databaseOptionsFrom,
  furtherSiteDatabase,
  otherSiteDatabases,
  siteFile,
} from './storage/database-options';
import { furtherSiteHistoryOptions, historyOptionsFrom } from './storage/history-options';
import type { StorageModuleOptions } from './storage/storage-module-options';
import { WebModule } from './web/web.module';

export interface AppModuleExtras {
  /** Where the JSON log lines go instead of stdout (tests read what the service logs). */
  readonly logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forConfig(config: MonitorConfig, extras: AppModuleExtras = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, extras.logDestination)),
        AccessModule,
        LiveModule,
        StorageModule.forRoot(storageOptions(config)),
        ReportsModule.forRoot({
          timeZone: config.kpi.timeZone,
          folder: config.reports.folder,
          language: config.reports.language,
          weekly: config.reports.weekly,
          monthly: config.reports.monthly,
          peakIntervals: config.reports.peakIntervals,
          lines: config.lines,
          targets: config.kpi.targets,
        }),
        PbxModule,
        HealthModule,
        SnapshotModule,
        PushModule,
        WebModule,
        MetricsModule,
        StaffingModule,
      ],
    };
  }
}

function storageOptions(config: MonitorConfig): StorageModuleOptions {
  const { storage, kpi } = config;
  const furtherPbxes = config.cluster ? [] : config.pbxes.slice(1);
  return {
    database: databaseOptionsFrom(storage),
    rules: {
      timeZone: kpi.timeZone,
      answerThresholdSeconds: kpi.answerThresholdSeconds,
      longTalkSeconds: kpi.longTalkSeconds,
      shortAbandonSeconds: kpi.shortAbandonSeconds,
      satisfiedMinScore: kpi.satisfiedMinScore,
    },
    writer: storage.writer,
    retention: storage.retention,
    purgeAt: storage.purgeAt,
    history: historyOptionsFrom(config),
    otherSites: otherSiteDatabases(
      storage,
      furtherPbxes.map((pbx) => pbx.site),
    ),
    // Embedded with pbxes: each further PBX's site, its own store and spill file.
    furtherSites: furtherPbxes.map((pbx) => ({
      site: pbx.site,
      database: furtherSiteDatabase(storage, pbx.site),
      writer: { ...storage.writer, spillPath: siteFile(storage.writer.spillPath, pbx.site) },
      history: furtherSiteHistoryOptions(config, pbx),
    })),
  };
}
