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
import {
  CallRecordWriter,
  CallStore,
  describeOpenFailure,
  openDatabase,
  purgeExpired,
  SqliteDatabaseGuard,
  type StorageItem,
} from '@hotline/storage';
import type { Subscription } from 'rxjs';
import { AlarmService } from '../alarms/alarm.service';
import { AlarmsModule } from '../alarms/alarms.module';
import { StartUpError } from '../config/start-up-error';
import { LiveKpiService } from '../live/live-kpi.service';
import { LiveModule } from '../live/live.module';
import { HistoryStartup } from './history-startup';
import { OtherSiteStores } from './other-site-stores';
import { SiteRegistry } from '../live/site-registry.service';
import { OperationalStats } from '../live/operational-stats';
import { loggerPort } from './nest-logger-port';
import { STORAGE_MODULE_OPTIONS, type StorageModuleOptions } from './storage-module-options';
import { StorageStatusController } from './storage-status.controller';

const RETRY_HELD_MS = 5_000;

/**
 * Wiring only: opens the database, restores the engine, pipes what the engine finished
 * (queue calls, agent-state spans), the ratings it applied and the alarms' transitions (the
 * alarm history) to the writer.
 */
@Module({})
export class StorageModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(StorageModule.name);
  private readonly scheduler = new Scheduler(systemClock, loggerPort('StorageScheduler'));
  /** Records the writer refused (backlog full and spill unwritable): kept here, offered again. */
  private readonly held: StorageItem[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private unsubscribers: (() => void)[] = [];
  private ratings: Subscription | undefined;
  private alarmHistory: Subscription | undefined;

  static forRoot(options: StorageModuleOptions): DynamicModule {
    return {
      module: StorageModule,
      global: true,
      imports: [LiveModule, AlarmsModule],
      controllers: [StorageStatusController],
      providers: [
        { provide: STORAGE_MODULE_OPTIONS, useValue: options },
        { provide: DataSource, useFactory: () => openStorage(options) },
        {
          provide: CallStore,
          useFactory: (dataSource: DataSource) => new CallStore(dataSource, options.rules),
          inject: [DataSource],
        },
        {
          provide: CallRecordWriter,
          useFactory: (store: CallStore, dataSource: DataSource) =>
            new CallRecordWriter(store, options.writer, {
              logger: loggerPort(CallRecordWriter.name),
              // SQLite writes on into a deleted or replaced file without an error: watch it.
              ...(options.database.driver === 'sqlite' && options.database.path !== ':memory:'
                ? { guard: new SqliteDatabaseGuard(dataSource, options.database.path) }
                : {}),
            }),
          inject: [CallStore, DataSource],
        },
        {
          provide: HistoryStartup,
          useFactory: (dataSource: DataSource, store: CallStore, live: LiveKpiService) =>
            new HistoryStartup(options.history, dataSource, store, live, options.rules.timeZone),
          inject: [DataSource, CallStore, LiveKpiService],
        },
        {
          provide: OtherSiteStores,
          useFactory: (sites: SiteRegistry) =>
            new OtherSiteStores(options.otherSites, sites, options.rules.timeZone),
          inject: [SiteRegistry],
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
    private readonly writer: CallRecordWriter,
    private readonly live: LiveKpiService,
    private readonly history: HistoryStartup,
    private readonly otherSites: OtherSiteStores,
    private readonly alarms: AlarmService,
    operational: OperationalStats,
  ) {
    operational.reportStorageBacklog(() => this.writer.status().backlog + this.held.length);
    operational.reportStorageStatus(() => this.writer.status());
  }

  async onModuleInit(): Promise<void> {
    // Storage readies the engine when the PBX link has read its first view (the PBX's clock):
    // imports the ledger when planned, restores; the link holds its view until then.
    await this.history.begin();
    await this.otherSites.begin();
    this.unsubscribers = [
      this.live.onCallFinished((record) => this.hand({ kind: 'queue-call', record })),
      this.live.onAgentStateInterval((span) => this.hand({ kind: 'agent-state', record: span })),
    ];
    this.ratings = this.live.events$.subscribe((events) => {
      for (const event of events) {
        if (event.type !== 'survey-rated') continue;
        const { ratingId, queue, score, at } = event;
        this.hand({
          kind: 'rating',
          record: {
            ratingId,
            queue,
            score,
            ratedAt: at,
            agent: event.agent ?? null,
            callId: event.callId ?? null,
            contactId: event.contactId ?? null,
          },
        });
      }
    });
    this.alarmHistory = this.alarms.transitions$.subscribe((transitions) => {
      for (const transition of transitions)
        this.hand({ kind: 'alarm-event', record: alarmEvent(transition) });
    });
    this.writer.start();
    this.retryTimer = setInterval(() => this.retryHeld(), RETRY_HELD_MS);
    this.retryTimer.unref();
    this.scheduler.add({
      name: 'storage-retention',
      next: (now) => nextDailyRun(now, this.options.rules.timeZone, this.options.purgeAt),
      run: async () => {
        const result = await purgeExpired(
          this.dataSource,
          Date.now(),
          this.options.retention,
          this.options.rules.timeZone,
        );
        this.logger.log({ ...result, msg: 'retention purge done' });
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.history.stop();
    await this.otherSites.stop();
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.ratings?.unsubscribe();
    this.alarmHistory?.unsubscribe();
    this.scheduler.stop();
    if (this.retryTimer) clearInterval(this.retryTimer);
    await this.writer.stop();
    if (this.held.length > 0)
      this.logger.error({
        held: this.held.length,
        msg: 'records still held at shutdown (spill file unwritable)',
      });
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private hand(item: StorageItem): void {
    if (this.held.length > 0 || !this.writer.offer(item)) this.held.push(item);
  }

  private retryHeld(): void {
    while (this.held.length > 0 && this.writer.offer(this.held[0])) this.held.shift();
  }
}

/** Opens the database; a failure names the config key (exit 78, or 1 when a retry can help). */
async function openStorage(options: StorageModuleOptions): Promise<DataSource> {
  try {
    return await openDatabase(options.database);
  } catch (error) {
    const { reason, retryable } = describeOpenFailure(error);
    const key =
      options.database.driver === 'sqlite' ? 'storage.sqlite.path' : 'storage.postgres.url';
    const where = options.database.driver === 'sqlite' ? ` ${options.database.path}` : '';
    throw new StartUpError(key, `cannot open the database${where}: ${reason}`, retryable);
  }
}
