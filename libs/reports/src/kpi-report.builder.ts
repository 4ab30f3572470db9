import { minuteKey } from '@hotline/calendar';
import {
  addCounters,
  emptyCounters,
  type StoredCounters,
  type MonthlyAggregateRow,
  UNKNOWN_LINE,
} from '@hotline/storage';
import { type KpiReportRow, reportValues } from './kpi-report-row';
import { SummaryAccumulator } from './report-summary';
import {
  header,
  KPI_COLUMNS,
  type ReportColumn,
  SCOPE_LABELS,
  SUMMARY_LABELS,
} from './report-columns';
import type { ReportData } from './report-data';
import { costScope, daysPerCall } from './report-limits';
import { type PaceOptions, ReportPacer } from './report-pacer';
import { periodOf, type ReportDay, ReportDays, type ReportPeriod } from './report-periods';
import type { KpiReportRequest, ReportLanguage } from './report-query';

export interface KpiReport {
  readonly request: KpiReportRequest;
  readonly columns: readonly ReportColumn[];
  readonly headers: readonly string[];
  readonly rows: readonly KpiReportRow[];
  /** Sum over every row (rates pooled). */
  readonly total: KpiReportRow | null;
  /** by=month over more than one month: counts averaged per month (whole calls), rates pooled. */
  readonly monthlyAverage: KpiReportRow | null;
}

export interface ReportNaming {
  /** Line (热线) code → display name, from config. */
  readonly lines?: Readonly<Record<string, string>>;
}

/** A KPI report read as it is computed: rows first, then the summary rows. */
export interface KpiReportStream {
  readonly request: KpiReportRequest;
  readonly columns: readonly ReportColumn[];
  readonly headers: readonly string[];
  /** The rows in period, then key order; can be read once. */
  rows(): AsyncGenerator<KpiReportRow>;
  /** Total and monthly average: complete once rows() has been read to the end. */
  summary(): KpiReportSummary;
}

/** A report's summary rows (the platform total adds what it left out and why). */
export interface KpiReportSummary {
  readonly total: KpiReportRow | null;
  readonly monthlyAverage: KpiReportRow | null;
}

/**
 * The KPI report of a request, computed by the database a few days at a time: each call sums
 * the 15-minute aggregates per period and key in SQL (ReportData.sums) and the rows go out as
 * soon as their period is complete, so neither the 15-minute rows nor the report are ever held
 * whole. By month, a month with no 15-minute rows at all (older than the interval retention,
 * or imported) comes from the stored monthly aggregates.
 */
export function kpiReport(
  data: ReportData,
  request: KpiReportRequest,
  naming: ReportNaming = {},
  pace: PaceOptions = {},
): KpiReportStream {
  const { lang, scope } = request;
  const paced = { ...pace, maxDays: pace.maxDays ?? daysPerCall(costScope(scope, request.key)) };
  const scopeLabel = header(SCOPE_LABELS[scope], lang);
  const nameOf = (key: string) => displayName(scope, key, lang, naming);
  const summary = new SummaryAccumulator(scope, scopeLabel, request.key ? nameOf(request.key) : '');
  let read = false;
  return {
    request,
    columns: KPI_COLUMNS,
    headers: KPI_COLUMNS.map((c) => header(c, lang)),
    async *rows() {
      if (read) throw new Error('a report stream can be read once');
      read = true;
      const groups =
        request.by === 'interval'
          ? intervalGroups(data, request, paced)
          : periodGroups(data, request, paced);
      for await (const group of groups) {
        const row: KpiReportRow = {
          period: group.label,
          periodStart: group.start,
          scopeKind: scope,
          scopeKey: group.key,
          counters: group.counters,
          partial: group.partial,
          values: reportValues(
            { period: group.label, scope: scopeLabel, name: nameOf(group.key) },
            group.counters,
            group.satisfactionRate,
            group.partial,
          ),
        };
        summary.add(row);
        yield row;
      }
    },
    summary: () => summary.summary(request),
  };
}

/** The whole report in memory: for small reports (scorecard, scheduled files, tests). */
export async function buildKpiReport(
  data: ReportData,
  request: KpiReportRequest,
  naming: ReportNaming = {},
  pace: PaceOptions = {},
): Promise<KpiReport> {
  return readKpiReport(kpiReport(data, request, naming, pace));
}

/** A report stream read whole, its summary with it. */
export async function readKpiReport<Summary extends KpiReportSummary>(
  stream: Omit<KpiReportStream, 'summary'> & { summary(): Summary },
): Promise<KpiReport & Summary> {
  const rows: KpiReportRow[] = [];
  for await (const row of stream.rows()) rows.push(row);
  const { request, columns, headers } = stream;
  return Object.assign({ request, columns, headers, rows }, stream.summary());
}

interface Group {
  readonly start: number;
  readonly label: string;
  readonly key: string;
  readonly counters: StoredCounters;
  readonly satisfactionRate: number | null;
  readonly partial: boolean;
}

/** by=interval: the stored rows themselves, a few days per call. */
async function* intervalGroups(
  data: ReportData,
  request: KpiReportRequest,
  pace: PaceOptions,
): AsyncGenerator<Group> {
  const days = new ReportDays(request.fromMs, request.toMs, request.timeZone);
  const pacer = new ReportPacer(days.total, pace);
  while (!days.done) {
    const chunk = days.take(pacer.nextDays());
    const rows = await pacer.step(chunk.length, () =>
      data.intervals(chunk[0].start, chunk[chunk.length - 1].end, request.scope, request.key),
    );
    // Rows come ordered by interval; keys within one are ordered as everywhere else (localeCompare).
    for (let i = 0; i < rows.length;) {
      const start = rows[i].intervalStart;
      let j = i;
      while (j < rows.length && rows[j].intervalStart === start) j++;
      const label = minuteKey(start, request.timeZone);
      for (const row of rows.slice(i, j).sort((a, b) => a.scopeKey.localeCompare(b.scopeKey))) {
        yield {
          start,
          label,
          key: row.scopeKey,
          counters: addCounters(emptyCounters(), row),
          satisfactionRate: null,
          partial: false,
        };
        await pacer.breathe();
      }
      i = j;
    }
  }
}

interface OpenPeriod extends ReportPeriod {
  readonly keys: Map<string, StoredCounters>;
}

/** by=day|week|month: sums per period and key from the database, a few days per call. */
async function* periodGroups(
  data: ReportData,
  request: KpiReportRequest,
  pace: PaceOptions,
): AsyncGenerator<Group> {
  const by = request.by as Exclude<KpiReportRequest['by'], 'interval'>;
  const { timeZone, scope, key } = request;
  const days = new ReportDays(request.fromMs, request.toMs, timeZone);
  const pacer = new ReportPacer(days.total, pace);
  let open: OpenPeriod | null = null;
  while (!days.done) {
    const chunk = days.take(pacer.nextDays());
    // Consecutive days of one period make one piece: one summed row per key and piece.
    const pieces: { period: OpenPeriod; first: ReportDay; last: ReportDay }[] = [];
    for (const day of chunk) {
      const period: ReportPeriod = periodOf(by, day.date, timeZone);
      const current = pieces[pieces.length - 1];
      if (current && current.period.start === period.start) current.last = day;
      else {
        const next = open?.start === period.start ? open : { ...period, keys: new Map() };
        pieces.push({ period: next, first: day, last: day });
      }
    }
    const bounds = [pieces[0].first.start, ...pieces.map((p) => p.last.end)];
    const sums = await pacer.step(chunk.length, () => data.sums(bounds, scope, key));
    for (const sum of sums) {
      const keys = pieces[sum.piece].period.keys;
      const counters = keys.get(sum.scopeKey);
      if (counters) addCounters(counters, sum.counters);
      else keys.set(sum.scopeKey, addCounters(emptyCounters(), sum.counters));
    }
    // Every period of the chunk is complete except, maybe, the last one.
    const following = days.peek();
    const lastPeriod = pieces[pieces.length - 1].period;
    open =
      following && periodOf(by, following, timeZone).start === lastPeriod.start ? lastPeriod : null;
    for (const { period } of pieces) {
      if (period === open) continue;
      yield* closePeriod(data, request, period, pacer);
    }
  }
}

async function* closePeriod(
  data: ReportData,
  request: KpiReportRequest,
  period: OpenPeriod,
  pacer: ReportPacer,
): AsyncGenerator<Group> {
  if (period.keys.size === 0 && request.by === 'month') {
    const months = (await data.months(period.label, period.label, request.scope)).filter(
      (m) => request.key === undefined || m.scopeKey === request.key,
    );
    for (const month of months.sort((a, b) => a.scopeKey.localeCompare(b.scopeKey)))
      yield {
        start: period.start,
        label: period.label,
        key: month.scopeKey,
        counters: pickCounters(month),
        satisfactionRate: month.satisfactionRate,
        partial: month.source === 'imported',
      };
    return;
  }
  for (const key of [...period.keys.keys()].sort((a, b) => a.localeCompare(b))) {
    yield {
      start: period.start,
      label: period.label,
      key,
      counters: period.keys.get(key)!,
      satisfactionRate: null,
      partial: false,
    };
    await pacer.breathe();
  }
}

function pickCounters(row: MonthlyAggregateRow): StoredCounters {
  const c = emptyCounters();
  for (const key of Object.keys(c) as (keyof StoredCounters)[]) c[key] = row[key];
  return c;
}

function displayName(
  scope: string,
  key: string,
  lang: ReportLanguage,
  naming: ReportNaming,
): string {
  if (scope === 'centre') return header(SUMMARY_LABELS.centreName, lang);
  if (scope === 'line') {
    if (key === UNKNOWN_LINE) return header(SUMMARY_LABELS.unknownLine, lang);
    const name = naming.lines?.[key];
    return name ? `${name} (${key})` : key;
  }
  return key;
}
