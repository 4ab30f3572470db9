import {
  Controller,
  Get,
  Inject,
  Logger,
  NotFoundException,
  Param,
  Query,
  Res,
  StreamableFile,
  UseFilters,
} from '@nestjs/common';
import { createReadStream, existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  buildPlatformScorecard,
  buildScorecard,
  calendarDateParam,
  csvPieces,
  header,
  isHeavyRequest,
  kpiReport,
  kpiReportJsonPieces,
  kpiReportStreamTable,
  listReportFiles,
  parseKpiReportQuery,
  parseQuery,
  PEAK_COLUMNS,
  platformKpiReport,
  platformReportData,
  platformReportStreamTable,
  platformScopeError,
  ReportAbortedError,
  type ReportGate,
  type ReportJobs,
  reportFilePath,
  type ReportSlot,
  type ReportTable,
  scorecardExportTable,
  type StreamedReportTable,
  storedPeakLossIntervals,
  type KpiReportRequest,
  type KpiReportStream,
  type PaceOptions,
} from '@hotline/reports';
import { PLATFORM_SITE } from '@hotline/kpi';
import { Access } from '../access/access.decorator';
import { abortedWhenClosed, sendPieces, sendXlsx, XLSX_TYPE } from './report-download';
import { ReportErrorsFilter } from './report-errors.filter';
import { REPORT_GATE } from './report-gate.token';
import { REPORT_JOBS } from './report-jobs.token';
import { SiteReportData } from './site-report-data';
import { REPORTS_MODULE_OPTIONS, type ReportsModuleOptions } from './reports-module-options';

const scorecardQuerySchema = z
  .object({
    from: calendarDateParam('month'),
    to: calendarDateParam('month'),
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

/**
 * REST and downloads under /api/v1/reports. Transport only: the builders, caps and the heavy-
 * report gate live in libs/reports. Reports are streamed as the database computes them.
 */
@Controller('api/v1/reports')
@Access('leader')
@UseFilters(ReportErrorsFilter)
export class ReportsController {
  private readonly logger = new Logger(ReportsController.name);

  constructor(
    private readonly sites: SiteReportData,
    @Inject(REPORTS_MODULE_OPTIONS) private readonly options: ReportsModuleOptions,
    @Inject(REPORT_JOBS) private readonly jobs: ReportJobs,
    @Inject(REPORT_GATE) private readonly gate: ReportGate,
  ) {}

  /**
   * GET /api/v1/reports/kpi?from=2026-11-01&to=2026-11-30&by=day&scope=queue&format=csv&lang=zh
   * (every report: `&site=` another site this instance reads the records of; `site=all` the
   * total of every such site, centre scope)
   */
  @Get('kpi')
  async kpi(@Query() raw: Record<string, string>, @Res() response: ServerResponse) {
    const { site, query } = siteOf(raw);
    const platform = site === PLATFORM_SITE;
    const data = platform ? null : this.sites.of(site);
    const request = parseKpiReportQuery(query, this.options.timeZone);
    if (platform && request.scope !== 'centre') throw platformScopeError(request.scope);
    const naming = { lines: this.options.lines };
    const what = `${platform ? 'all-sites-' : ''}${request.scope}-by-${request.by}`;
    const label = `kpi ${what} ${request.from}..${request.to}`;
    await this.run(response, request, label, (pace) => {
      const name = `kpi-${what}-${request.from}_${request.to}`;
      const title = `${request.scope}-${request.by}`;
      if (data) {
        const report = kpiReport(data, request, naming, pace);
        return this.sendKpiReport(response, request, name, report, () =>
          kpiReportStreamTable(report, title),
        );
      }
      const report = platformKpiReport(this.sites.every(), request, naming, pace);
      return this.sendKpiReport(response, request, name, report, () =>
        platformReportStreamTable(report, title, request.lang),
      );
    });
  }

  private sendKpiReport(
    response: ServerResponse,
    request: KpiReportRequest,
    name: string,
    report: KpiReportStream,
    table: () => StreamedReportTable,
  ): Promise<void> {
    if (request.format === 'json')
      return sendPieces(
        response,
        { 'Content-Type': 'application/json; charset=utf-8' },
        kpiReportJsonPieces(report),
      );
    return this.download(response, name, request.format, table());
  }

  /** GET /api/v1/reports/peak-hours?from=…&to=…&top=20 — intervals with the most call loss and their staffing. */
  @Get('peak-hours')
  async peakHours(@Query() raw: Record<string, string>, @Res() response: ServerResponse) {
    const { site, query } = siteOf(raw);
    const data =
      site === PLATFORM_SITE
        ? platformReportData(this.sites.every().map((s) => s.data))
        : this.sites.of(site);
    const { from, to, top, format, lang } = parseQuery(peakQuerySchema, query, 'peak-hours');
    const range = parseKpiReportQuery({ from, to, by: 'day' }, this.options.timeZone);
    await this.run(response, range, `peak-hours ${from}..${to}`, async (pace) => {
      const peaks = await storedPeakLossIntervals(
        data,
        range.fromMs,
        range.toMs,
        this.options.timeZone,
        top,
        pace,
      );
      if (format === 'json') return sendJson(response, peaks);
      return this.download(response, `peak-hours-${range.from}_${range.to}`, format, {
        title: lang === 'en' ? 'Peak loss intervals' : '高峰呼损时段',
        headers: PEAK_COLUMNS.map((c) => header(c, lang)),
        formats: PEAK_COLUMNS.map((c) => c.format),
        rows: peaks.map((p) => PEAK_COLUMNS.map((c) => p[c.id])),
      });
    });
  }

  /**
   * GET /api/v1/reports/scorecard?from=2020-07&to=2021-06[&format=csv|xlsx&lang=en] — appendix-2
   * points per indicator for each month and the range, plus the month in progress projected
   * (CSV/XLSX: a row per month, the range, the projection).
   */
  @Get('scorecard')
  async scorecard(@Query() raw: Record<string, string>, @Res() response: ServerResponse) {
    const { site, query } = siteOf(raw);
    const data = site === PLATFORM_SITE ? null : this.sites.of(site);
    const { from, to, format, lang } = parseQuery(scorecardQuerySchema, query, 'scorecard');
    const range = parseKpiReportQuery({ from, to, by: 'month' }, this.options.timeZone);
    await this.run(response, range, `scorecard ${from}..${to}`, async (pace) => {
      const { timeZone, targets } = this.options;
      const now = Date.now();
      const card = data
        ? await buildScorecard(data, from, to, now, timeZone, targets, pace)
        : await buildPlatformScorecard(this.sites.every(), from, to, now, timeZone, targets, pace);
      if (format === 'json') return sendJson(response, card);
      return this.download(
        response,
        `scorecard-${data ? '' : 'all-sites-'}${from}_${to}`,
        format,
        scorecardExportTable(card, lang, targets),
      );
    });
  }

  /** Scheduled report files (weekly, monthly), newest first. */
  @Get('files')
  files() {
    return listReportFiles(this.options.folder);
  }

  @Get('files/:name')
  file(
    @Param('name') name: string,
    @Res({ passthrough: true }) response: Pick<ServerResponse, 'setHeader'>,
  ) {
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

  /**
   * Runs one report over `range` (centre scope for peak hours and the scorecard): a heavy one
   * only with the gate's slot (else 429 from the filter), stopped between two database calls
   * when the client goes away.
   */
  private async run(
    response: ServerResponse,
    range: KpiReportRequest,
    label: string,
    send: (pace: PaceOptions) => Promise<void>,
  ): Promise<void> {
    const slot: ReportSlot | null = isHeavyRequest(range) ? this.gate.tryEnter(label) : null;
    const signal = abortedWhenClosed(response);
    const started = Date.now();
    try {
      await send({ signal, onProgress: slot ? (f) => slot.progress(f) : undefined });
      if (slot)
        this.logger.log({ report: label, ms: Date.now() - started, msg: 'heavy report sent' });
    } catch (error) {
      if (!(error instanceof ReportAbortedError)) throw error;
      this.logger.log({
        report: label,
        ms: Date.now() - started,
        msg: 'report stopped: client gone',
      });
    } finally {
      slot?.release();
    }
  }

  private download(
    response: ServerResponse,
    name: string,
    format: 'csv' | 'xlsx',
    table: ReportTable | StreamedReportTable,
  ): Promise<void> {
    if (format === 'xlsx') return sendXlsx(response, `${name}.xlsx`, table);
    return sendPieces(
      response,
      {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${name}.csv"`,
      },
      csvPieces(table),
    );
  }
}

function sendJson(response: ServerResponse, body: unknown): Promise<void> {
  response.statusCode = 200;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
  return Promise.resolve();
}

/** `site=` taken off a report query (the reports' own parsers know nothing of sites). */
function siteOf(raw: Record<string, string>): {
  site: string | undefined;
  query: Record<string, string>;
} {
  const { site, ...query } = raw;
  return { site: site === undefined || site === '' ? undefined : site, query };
}
