import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { alarmEvent } from '@hotline/alarms';
import { nextDailyRun, Scheduler, systemClock } from '@hotline/reports';
import { CallRecordWriter, CallStore, purgeExpired } from '@hotline/storage';
import type { Subscription } from 'rxjs';
import { AlarmService } from '../alarms/alarm.service';
import { AlarmsModule } from '../alarms/alarms.module';
import { LiveKpiService } from '../live/live-kpi.service';
import { LiveModule } from '../live/live.module';
import { FurtherSiteStores } from './further-site-stores';
import { HistoryStartup } from './history-startup';
import { OtherSiteStores } from './other-site-stores';
import { SiteRegistry } from '../live/site-registry.service';
import { OperationalStats } from '../live/operational-stats';
import { loggerPort } from './nest-logger-port';
import { openStorage } from './open-storage';
import { SiteRecorder } from './site-recorder';
import { siteWriter } from './site-writer';
import { STORAGE_MODULE_OPTIONS, type StorageModuleOptions } from './storage-module-options';
import { StorageStatusController } from './storage-status.controller';

/**
 * Wiring only: opens the database, restores the engine, pipes what the engine finished
 * (queue calls, agent-state spans), the ratings it applied (SiteRecorder) and the alarms'
 * transitions (the alarm history) to the writer; an embedded monitor's further PBXs' sites
 * each to their own store alike (FurtherSiteStores).
 */
@Module({})
export class StorageModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(StorageModule.name);
  private readonly scheduler = new Scheduler(systemClock, loggerPort('StorageScheduler'));
  private readonly recorder: SiteRecorder;
  private alarmHistory: Subscription | undefined;

  static forRoot(options: StorageModuleOptions): DynamicModule {
    return {
      module: StorageModule,
      global: true,
      imports: [LiveModule, AlarmsModule],
      controllers: [StorageStatusController],
      providers: [
        { provide: STORAGE_MODULE_OPTIONS, useValue: options },
        {
          provide: DataSource,
          useFactory: () =>
            openStorage(
              options.database,
              options.database.driver === 'sqlite' ? 'storage.sqlite.path' : 'storage.postgres.url',
            ),
        },
        {
          provide: CallStore,
          useFactory: (dataSource: DataSource) => new CallStore(dataSource, options.rules),
          inject: [DataSource],
        },
        {
          provide: CallRecordWriter,
          useFactory: (store: CallStore, dataSource: DataSource) =>
            siteWriter(store, dataSource, options.database, options.writer),
          inject: [CallStore, DataSource],
        },
        {
          provide: HistoryStartup,
          useFactory: (dataSource: DataSource, store: CallStore, live: LiveKpiService) =>
            new HistoryStartup(options.history, dataSource, store, live, options.rules.timeZone),
          inject: [DataSource, CallStore, LiveKpiService],
        },
        {
          provide: FurtherSiteStores,
          useFactory: (sites: SiteRegistry) =>
            new FurtherSiteStores(options.furtherSites, options.rules, sites),
          inject: [SiteRegistry],
        },
        {
          provide: OtherSiteStores,
          useFactory: (sites: SiteRegistry, further: FurtherSiteStores) =>
            new OtherSiteStores(options.otherSites, sites, options.rules.timeZone, further),
          inject: [SiteRegistry, FurtherSiteStores],
        },
      ],
      exports: [
        DataSource,
        CallStore,
        CallRecordWriter,
        HistoryStartup,
        OtherSiteStores,
        STORAGE_MODULE_OPTIONS,
      ],
    };
  }

  constructor(
    @Inject(STORAGE_MODULE_OPTIONS) private readonly options: StorageModuleOptions,
    private readonly dataSource: DataSource,
    writer: CallRecordWriter,
    live: LiveKpiService,
    private readonly history: HistoryStartup,
    private readonly otherSites: OtherSiteStores,
    private readonly furtherSites: FurtherSiteStores,
    private readonly alarms: AlarmService,
    operational: OperationalStats,
  ) {
    this.recorder = new SiteRecorder(live, writer);
    // The own site's writer's status; the backlog counts every site this instance writes.
    operational.reportStorageBacklog(() => this.recorder.backlog + this.furtherSites.backlog);
    operational.reportStorageStatus(() => writer.status());
  }

  async onModuleInit(): Promise<void> {
    // Storage readies the engine when the PBX link has read its first view (the PBX's clock):
    // imports the ledger when planned, restores; the link holds its view until then.
    await this.history.begin();
    await this.otherSites.begin();
    await this.furtherSites.begin();
    this.alarmHistory = this.alarms.transitions$.subscribe((transitions) => {
      for (const transition of transitions)
        this.recorder.hand({ kind: 'alarm-event', record: alarmEvent(transition) });
    });
    this.recorder.start();
    this.scheduler.add({
      name: 'storage-retention',
      next: (now) => nextDailyRun(now, this.options.rules.timeZone, this.options.purgeAt),
      run: async () => {
        for (const dataSource of [this.dataSource, ...this.furtherSites.dataSources]) {
          const result = await purgeExpired(
            dataSource,
            Date.now(),
            this.options.retention,
            this.options.rules.timeZone,
          );
          this.logger.log({ ...result, msg: 'retention purge done' });
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.history.stop();
    await this.otherSites.stop();
    this.alarmHistory?.unsubscribe();
    this.scheduler.stop();
    await this.recorder.stop();
    await this.furtherSites.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
