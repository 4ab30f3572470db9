import { Controller, Get, Header, Query, Res, StreamableFile } from '@nestjs/common';
import { rotaPlanTables, rotaShiftTable, toCsv, toXlsx } from '@hotline/reports';
import type { RotaPlan } from '@hotline/staffing';
import { Access } from '../access/access.decorator';
import type { HeaderSink } from '../http/header-sink';
import { parseQuery } from '../http/query-params';
import { rotaPlanQuerySchema } from './staffing-query';
import { RotaPlanService } from './rota-plan.service';

@Controller('api/v1/staffing/rota')
@Access('leader')
export class RotaPlanController {
  constructor(private readonly planner: RotaPlanService) {}

  /**
   * The planned rota for the week of ?weekStart=YYYY-MM-DD (a Monday): JSON (the planner's
   * plan, the simulator's --rota input), or the rota by shift and weekday as CSV, or every table
   * as XLSX (?format=csv|xlsx, Chinese headers; ?lang=en for English).
   */
  @Get('plan')
  @Header('Cache-Control', 'no-store')
  async plan(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<RotaPlan | StreamableFile> {
    const { weekStart, format, lang, monthlyCalls } = parseQuery(rotaPlanQuerySchema, query);
    const plan = await this.planner.plan({ weekStart, monthlyCalls });
    if (format === 'json') return plan;
    const name = `rota-plan-${weekStart}.${format}`;
    response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    if (format === 'csv') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      return new StreamableFile(toCsv(rotaShiftTable(plan, lang)));
    }
    response.setHeader(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    return new StreamableFile(await toXlsx(rotaPlanTables(plan, lang)));
  }
}
