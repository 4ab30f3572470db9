import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { monthOnTheWall, type MonthOnTheWall, storedReportData } from '@hotline/reports';
import { Access } from '../access/access.decorator';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { homeSite } from '../live/home-site';
import { REPORTS_MODULE_OPTIONS, type ReportsModuleOptions } from './reports-module-options';

/** Every wallboard asks once a minute: one computation serves them all for this long. */
const FRESH_FOR_MS = 30_000;
/** The peak-loss intervals the wall has room for. */
const PEAK_INTERVALS = 5;

/**
 * GET /api/v1/month — the wallboard's month view: the month's projection to its end, scored,
 * and its peak-loss intervals so far (libs/reports monthOnTheWall). Wiring only.
 */
@Controller('api/v1')
@Access('wallboard')
export class MonthOnTheWallController {
  private latest: { at: number; summary: Promise<MonthOnTheWall> } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTS_MODULE_OPTIONS) private readonly options: ReportsModuleOptions,
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
  ) {}

  /** `?site=`: only this instance's own site, the one whose calls it stores. */
  @Get('month')
  month(@Query('site') site?: string): Promise<MonthOnTheWall> {
    const own = homeSite(this.config);
    if (site !== undefined && site !== own)
      throw new NotFoundException(
        `the month of site "${site}" is stored by that site's own instances; this one stores "${own}"`,
      );
    const now = Date.now();
    if (!this.latest || now - this.latest.at >= FRESH_FOR_MS) {
      const summary = monthOnTheWall(
        storedReportData(this.dataSource),
        now,
        this.options.timeZone,
        this.options.targets,
        PEAK_INTERVALS,
      );
      this.latest = { at: now, summary };
      // A failed computation is not kept: the next request tries again.
      summary.catch(() => {
        if (this.latest?.summary === summary) this.latest = undefined;
      });
    }
    return this.latest.summary;
  }
}
