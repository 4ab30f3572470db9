import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
  Res,
  StreamableFile,
  UseFilters,
} from '@nestjs/common';
import { createReadStream, existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  buildKpiReport,
  buildScorecard,
  scorecardTable,
  header,
  kpiReportTable,
  listReportFiles,
  parseKpiReportQuery,
  PEAK_COLUMNS,
  peakLossIntervals,
  type ReportJobs,
  reportFilePath,
  ReportQueryError,
  type ReportTable,
  storedReportData,
  toCsv,
  toXlsx,
} from '@hotline/reports';
import { Access } from '../access/access.decorator';
import { ReportQueryErrorFilter } from './report-query-error.filter';
import { REPORT_JOBS } from './report-jobs.token';
import { REPORTS_MODULE_OPTIONS, type ReportsModuleOptions } from './reports-module-options';

interface HeaderResponse {
  setHeader(name: string, value: string): void;
}

const month = z.string().regex(/^\d{4}-\d{2}$/, 'must be YYYY-MM');
const scorecardQuerySchema = z
  .object({
    from: month,
    to: month,
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    lang: z.enum(['zh', 'en']).default('zh'),
  })
  .strict();

const peakQuerySchema = z
  .object({
    from: z.string(),
    to: z.string(),
    top: z.coerce.number().int().min(1).max(500).default(20),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    lang: z.enum(['zh', 'en']).default('zh'),
  })
  .strict();

/** REST and downloads under /api/v1/reports. Transport only: the builders live in libs/reports. */
@Controller('api/v1/reports')
@Access('leader')
@UseFilters(ReportQueryErrorFilter)
export class ReportsController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REPORTS_MODULE_OPTIONS) private readonly options: ReportsModuleOptions,
    @Inject(REPORT_JOBS) private readonly jobs: ReportJobs,
  ) {}

  /** GET /api/v1/reports/kpi?from=2026-11-01&to=2026-11-30&by=day&scope=queue&format=csv&lang=zh */
  @Get('kpi')
  async kpi(
    @Query() query: Record<string, string>,
    @Res({ passthrough: true }) response: HeaderResponse,
  ) {
    const request = parseKpiReportQuery(query, this.options.timeZone);
    const report = await buildKpiReport(storedReportData(this.dataSource), request, {
      lines: this.options.lines,
    });
    if (request.format === 'json') return report;
    const name = `kpi-${request.scope}-by-${request.by}-${request.from}_${request.to}`;
    return this.download(
      response,
      name,
      request.format,
      kpiReportTable(report, `${request.scope}-${request.by}`),
    );
  }

  /** GET /api/v1/reports/peak-hours?from=…&to=…&top=20 — intervals with the most call loss and their staffing. */
  @Get('peak-hours')
  async peakHours(
    @Query() query: Record<string, string>,
    @Res({ passthrough: true }) response: HeaderResponse,
  ) {
    const parsed = peakQuerySchema.safeParse(query);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (i) => `${i.path.join('.') || 'query'}: ${i.message}`,
      );
      throw new ReportQueryError(`invalid peak-hours query: ${problems.join('; ')}`, problems);
    }
    const range = parseKpiReportQuery(
      { from: parsed.data.from, to: parsed.data.to, by: 'day' },
      this.options.timeZone,
    );
    const rows = await storedReportData(this.dataSource).intervals(
      range.fromMs,
      range.toMs,
      'centre',
    );
    const peaks = peakLossIntervals(rows, this.options.timeZone, parsed.data.top);
    if (parsed.data.format === 'json') return peaks;
    const lang = parsed.data.lang;
    return this.download(response, `peak-hours-${range.from}_${range.to}`, parsed.data.format, {
      title: lang === 'en' ? 'Peak loss intervals' : '高峰呼损时段',
      headers: PEAK_COLUMNS.map((c) => header(c, lang)),
      formats: PEAK_COLUMNS.map((c) => c.format),
      rows: peaks.map((p) => PEAK_COLUMNS.map((c) => p[c.id])),
    });
  }

  /**
   * GET /api/v1/reports/scorecard?from=2020-07&to=2021-06[&format=csv|xlsx&lang=en] — appendix-2
   * points per indicator for each month and the range, plus the month in progress projected.
   */
  @Get('scorecard')
  async scorecard(
    @Query() query: Record<string, string>,
    @Res({ passthrough: true }) response: HeaderResponse,
  ) {
    const parsed = scorecardQuerySchema.safeParse(query);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (i) => `${i.path.join('.') || 'query'}: ${i.message}`,
      );
      throw new ReportQueryError(`invalid scorecard query: ${problems.join('; ')}`, problems);
    }
    const { from, to, format, lang } = parsed.data;
    const card = await buildScorecard(
      storedReportData(this.dataSource),
      from,
      to,
      Date.now(),
      this.options.timeZone,
      this.options.targets,
    );
    if (format === 'json') return card;
    return this.download(
      response,
      `scorecard-${from}_${to}`,
      format,
      scorecardTable(card.year, lang, lang === 'en' ? 'Scorecard' : '考核得分'),
    );
  }

  /** Scheduled report files (weekly, monthly), newest first. */
  @Get('files')
  files() {
    return listReportFiles(this.options.folder);
  }

  @Get('files/:name')
  file(@Param('name') name: string, @Res({ passthrough: true }) response: HeaderResponse) {
    const path = reportFilePath(this.options.folder, name);
    if (!path || !existsSync(path)) throw new NotFoundException(`no report file "${name}"`);
    response.setHeader(
      'Content-Type',
      name.endsWith('.csv') ? 'text/csv; charset=utf-8' : XLSX_TYPE,
    );
    response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    return new StreamableFile(createReadStream(path));
  }

  @Get('jobs')
  jobList() {
    return this.jobs.list();
  }

  /** Progress of a long report job (percent, step, files). */
  @Get('jobs/:id')
  job(@Param('id') id: string) {
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundException(`no report job "${id}"`);
    return job;
  }

  private async download(
    response: HeaderResponse,
    name: string,
    format: 'csv' | 'xlsx',
    table: ReportTable,
  ): Promise<StreamableFile> {
    if (format === 'csv') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
      return new StreamableFile(toCsv(table));
    }
    response.setHeader('Content-Type', XLSX_TYPE);
    response.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
    return new StreamableFile(await toXlsx([table]));
  }
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
