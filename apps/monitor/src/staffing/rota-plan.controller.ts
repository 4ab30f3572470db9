import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { rotaPlanTables, rotaShiftTable, toCsv, toXlsx } from '@hotline/reports';
import type { RotaPlan } from '@hotline/staffing';
import { Access } from '../access/access.decorator';
import { rotaPlanQuerySchema } from './staffing-query';
import { RotaPlanService } from './rota-plan.service';

/** The part of the HTTP response a file download needs (Express or Fastify alike). */
interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

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
    const parsed = rotaPlanQuerySchema.safeParse(query);
    if (!parsed.success) {
      throw new BadRequestException(
        parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`),
      );
    }
    const { weekStart, format, lang, monthlyCalls } = parsed.data;
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
