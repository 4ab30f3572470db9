import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { nextDailyRun, Scheduler, systemClock } from '@hotline/reports';
import {
  CallRecordWriter,
  CallStore,
  loadRecoverySeed,
  openDatabase,
  purgeExpired,
  type QueueCallRecord,
} from '@hotline/storage';
import { LiveKpiService } from '../live/live-kpi.service';
import { LiveModule } from '../live/live.module';
import { loggerPort } from './nest-logger-port';
import { STORAGE_MODULE_OPTIONS, type StorageModuleOptions } from './storage-module-options';
import { StorageStatusController } from './storage-status.controller';

const RETRY_HELD_MS = 5_000;

/** Wiring only: opens the database, restores the engine, pipes finished calls to the writer. */
@Module({})
export class StorageModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(StorageModule.name);
  private readonly scheduler = new Scheduler(systemClock, loggerPort('StorageScheduler'));
  /** Records the writer refused (backlog full and spill unwritable): kept here, offered again. */
  private readonly held: QueueCallRecord[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  static forRoot(options: StorageModuleOptions): DynamicModule {
    return {
      module: StorageModule,
      global: true,
      imports: [LiveModule],
      controllers: [StorageStatusController],
      providers: [
        { provide: STORAGE_MODULE_OPTIONS, useValue: options },
        { provide: DataSource, useFactory: () => openDatabase(options.database) },
        {
          provide: CallStore,
          useFactory: (dataSource: DataSource) => new CallStore(dataSource, options.rules),
          inject: [DataSource],
        },
        {
          provide: CallRecordWriter,
          useFactory: (store: CallStore) =>
            new CallRecordWriter(store, options.writer, {
              logger: loggerPort(CallRecordWriter.name),
            }),
          inject: [CallStore],
        },
      ],
      exports: [DataSource, CallStore, CallRecordWriter, STORAGE_MODULE_OPTIONS],
    };
  }

  constructor(
    @Inject(STORAGE_MODULE_OPTIONS) private readonly options: StorageModuleOptions,
    private readonly dataSource: DataSource,
    private readonly writer: CallRecordWriter,
    private readonly live: LiveKpiService,
  ) {}

  async onModuleInit(): Promise<void> {
    const engine = this.live.kpiEngine;
    // Restore before live events are applied: the seed goes through the engine's own counting.
    const seed = await loadRecoverySeed(this.dataSource, Date.now(), this.options.rules.timeZone);
    engine.restore(seed);
    this.logger.log(
      `engine restored from ${seed.calls.length} stored calls and ${seed.ratings.length} ratings`,
    );
    this.unsubscribe = engine.onCallFinished((record) => this.hand(record));
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
    this.unsubscribe?.();
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

  private hand(record: QueueCallRecord): void {
    if (this.held.length > 0 || !this.writer.offerCall(record)) this.held.push(record);
  }

  private retryHeld(): void {
    while (this.held.length > 0 && this.writer.offerCall(this.held[0])) this.held.shift();
  }
}
