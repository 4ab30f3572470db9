import { Controller, Get, Inject, Query } from '@nestjs/common';
import { monthOnTheWall, type MonthOnTheWall, platformMonthOnTheWall } from '@hotline/reports';
import { PLATFORM_SITE } from '@hotline/kpi';
import { Access } from '../access/access.decorator';
import { REPORTS_MODULE_OPTIONS, type ReportsModuleOptions } from './reports-module-options';
import { SiteReportData } from './site-report-data';

/** Every wallboard asks once a minute: one computation serves them all for this long. */
const FRESH_FOR_MS = 30_000;
/** The peak-loss intervals the wall has room for. */
const PEAK_INTERVALS = 5;

/**
 * GET /api/v1/month[?site=] — the wallboard's month view: the month's projection to its end,
 * scored, and its peak-loss intervals so far (libs/reports monthOnTheWall; `site=all`: the
 * total of every site whose records this instance reads, platformMonthOnTheWall). Wiring only.
 */
@Controller('api/v1')
@Access('wallboard')
export class MonthOnTheWallController {
  private readonly latest = new Map<string, { at: number; summary: Promise<MonthOnTheWall> }>();

  constructor(
    private readonly sites: SiteReportData,
    @Inject(REPORTS_MODULE_OPTIONS) private readonly options: ReportsModuleOptions,
  ) {}

  @Get('month')
  month(@Query('site') site?: string): Promise<MonthOnTheWall> {
    const data = site === PLATFORM_SITE ? null : this.sites.of(site);
    const key = site ?? '';
    const now = Date.now();
    const latest = this.latest.get(key);
    if (latest && now - latest.at < FRESH_FOR_MS) return latest.summary;
    const { timeZone, targets } = this.options;
    const summary = data
      ? monthOnTheWall(data, now, timeZone, targets, PEAK_INTERVALS)
      : platformMonthOnTheWall(this.sites.every(), now, timeZone, targets, PEAK_INTERVALS);
    this.latest.set(key, { at: now, summary });
    // A failed computation is not kept: the next request tries again.
    summary.catch(() => {
      if (this.latest.get(key)?.summary === summary) this.latest.delete(key);
    });
    return summary;
  }
}
