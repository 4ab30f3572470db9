import { Controller, Get, Header, Query, Res, UseFilters } from '@nestjs/common';
import { Access } from '../access/access.decorator';
import type { HeaderSink } from '../http/header-sink';
import { parseQuery } from '../http/query-params';
import { rotaReportCsv, rotaReportFileName } from './rota-report-csv';
import { StaffingErrorsFilter } from './staffing-errors.filter';
import { forecastQuerySchema, rotaQuerySchema } from './staffing-query';
import { StaffingService } from './staffing.service';
import type { StaffingForecast, StaffingNow, StaffingRotaReport } from '@hotline/staffing';

@Controller('api/v1/staffing')
@Access('leader')
@UseFilters(StaffingErrorsFilter)
export class StaffingController {
  constructor(private readonly staffing: StaffingService) {}

  /** Agents needed now (Erlang A; Erlang C beside) versus on duty, for the current interval. */
  @Get('now')
  now(): StaffingNow {
    return this.staffing.current();
  }

  /** Expected calls and agents needed per 15-minute interval for the coming ?hours= (default 4). */
  @Get('forecast')
  async forecast(@Query() query: Record<string, unknown>): Promise<StaffingForecast> {
    const { hours } = parseQuery(forecastQuerySchema, query);
    return this.staffing.forecast(hours);
  }

  /** The configured rota against a week of history: ?weekStart=YYYY-MM-DD (default this week)[&format=csv]. */
  @Get('rota')
  @Header('Cache-Control', 'no-store')
  async rota(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<StaffingRotaReport | string> {
    const { weekStart, format } = parseQuery(rotaQuerySchema, query);
    const report = await this.staffing.rota(weekStart);
    if (format === 'json') return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${rotaReportFileName(report)}"`,
    );
    return rotaReportCsv(report);
  }
}
