import { Controller, Get, Inject, Query, UseFilters } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseAlarmHistoryQuery } from '@hotline/reports';
import { AlarmEventRepository, Sql } from '@hotline/storage';
import { Access } from '../access/access.decorator';
import type { MonitorConfig } from '../config/monitor-config.schema';
import { MONITOR_CONFIG } from '../config/monitor-config.token';
import { ReportErrorsFilter } from '../reports/report-errors.filter';

/**
 * GET /api/v1/alarms/history?from=2026-03-01&to=2026-03-10&limit=1000 — what happened to the
 * alarms (raised, escalated, acknowledged, cleared) on those local days, newest first. Transport
 * only: the query is libs/reports', the table libs/storage's.
 */
@Controller('api/v1/alarms')
@Access('leader')
@UseFilters(ReportErrorsFilter)
export class AlarmHistoryController {
  private readonly events: AlarmEventRepository;

  constructor(
    dataSource: DataSource,
    @Inject(MONITOR_CONFIG) private readonly config: MonitorConfig,
  ) {
    this.events = new AlarmEventRepository(Sql.of(dataSource));
  }

  @Get('history')
  async history(@Query() query: Record<string, string>) {
    const request = parseAlarmHistoryQuery(query, this.config.kpi.timeZone, Date.now());
    // One more than asked says whether there were more.
    const events = await this.events.findBetween(request.fromMs, request.toMs, request.limit + 1);
    return {
      from: request.from,
      to: request.to,
      timeZone: this.config.kpi.timeZone,
      truncated: events.length > request.limit,
      events: events.slice(0, request.limit),
    };
  }
}
