import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  nextMonthlyRun,
  nextWeeklyRun,
  previousMonth,
  previousWeek,
  ReportGate,
  ReportJobs,
  Scheduler,
  storedReportData,
  systemClock,
  writePeriodReport,
} from '@hotline/reports';
import { loggerPort } from '../storage/nest-logger-port';
import { REPORT_GATE } from './report-gate.token';
import { REPORT_JOBS } from './report-jobs.token';
import { MonthOnTheWallController } from './month-on-the-wall.controller';
import { ReportsController } from './reports.controller';
import { SiteReportData } from './site-report-data';
import { REPORTS_MODULE_OPTIONS, type ReportsModuleOptions } from './reports-module-options';

/** Wiring only: report endpoints and the weekly / monthly report schedule. Needs StorageModule (global). */
@Module({})
export class ReportsModule implements OnModuleInit, OnApplicationShutdown {
  private readonly scheduler = new Scheduler(systemClock, loggerPort('ReportScheduler'));

  static forRoot(options: ReportsModuleOptions): DynamicModule {
    return {
      module: ReportsModule,
      controllers: [ReportsController, MonthOnTheWallController],
      providers: [
        { provide: REPORTS_MODULE_OPTIONS, useValue: options },
        { provide: REPORT_JOBS, useFactory: () => new ReportJobs(loggerPort('ReportJobs')) },
        { provide: REPORT_GATE, useFactory: () => new ReportGate() },
        SiteReportData,
      ],
    };
  }

  constructor(
    @Inject(REPORTS_MODULE_OPTIONS) private readonly options: ReportsModuleOptions,
    @Inject(REPORT_JOBS) private readonly jobs: ReportJobs,
    @Inject(REPORT_GATE) private readonly gate: ReportGate,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const { timeZone, weekly, monthly, folder, language, peakIntervals, lines } = this.options;
    const data = storedReportData(this.dataSource);
    const common = { timeZone, folder, lang: language, peakIntervals, naming: { lines } };
    const schedule = (
      kind: 'weekly' | 'monthly',
      next: (now: number) => number,
      period: (scheduledAt: number) => { from: number; to: number },
    ): void =>
      this.scheduler.add({
        name: `${kind}-report`,
        next,
        run: (scheduledAt) =>
          this.whenFree(`${kind} report`, () =>
            writePeriodReport(data, { kind, ...period(scheduledAt), ...common }, this.jobs),
          ),
      });
    if (weekly.enabled) {
      schedule(
        'weekly',
        (now) => nextWeeklyRun(now, timeZone, weekly.isoWeekday, weekly.at),
        (at) => previousWeek(at, timeZone),
      );
    }
    if (monthly.enabled) {
      schedule(
        'monthly',
        (now) => nextMonthlyRun(now, timeZone, monthly.dayOfMonth, monthly.at),
        (at) => previousMonth(at, timeZone),
      );
    }
  }

  /** Scheduled reports are heavy: they wait for the slot (an HTTP report meanwhile gets 429). */
  private async whenFree(label: string, work: () => Promise<unknown>): Promise<void> {
    const slot = await this.gate.enter(label);
    try {
      await work();
    } finally {
      slot.release();
    }
  }

  onApplicationShutdown(): void {
    this.scheduler.stop();
  }
}
