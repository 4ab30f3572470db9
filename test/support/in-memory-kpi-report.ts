/**
 * ORACLE for test/storage/report-sql-grouping.int-spec.ts: the report builder as it was before
 * issue 12 (commit 2c487c8, libs/reports/src/kpi-report.builder.ts), which loaded every
 * 15-minute row of the range and grouped them in memory. Kept verbatim (imports adapted) so the
 * database-computed reports can be checked to give exactly the same rows, totals and averages.
 * Not used by the service.
 */
import {
  addLocalDays,
  dayKey,
  minuteKey,
  parseLocalDate as monthStartFromKey,
  monthKey,
  startOfDay,
  startOfMonth,
  startOfWeek,
} from '@hotline/calendar';
import {
  addCounters,
  emptyCounters,
  type IntervalAggregateRow,
  type StoredCounters,
  type MonthlyAggregateRow,
  UNKNOWN_LINE,
} from '@hotline/storage';
import {
  header,
  KPI_COLUMNS,
  type KpiReport,
  type KpiReportRequest,
  type KpiReportRow,
  type ReportGrain,
  type ReportLanguage,
  type ReportNaming,
  reportValues,
  SCOPE_LABELS,
  SUMMARY_LABELS,
} from '@hotline/reports';

/**
 * Pure: groups 15-minute aggregates into the requested periods (and, by month, falls back to
 * stored monthly aggregates for months without 15-minute data — history older than the
 * interval retention, or imported reference months).
 */
export function inMemoryKpiReport(
  request: KpiReportRequest,
  intervals: readonly IntervalAggregateRow[],
  months: readonly MonthlyAggregateRow[],
  naming: ReportNaming = {},
): KpiReport {
  const { timeZone, by, lang } = request;
  const bucketOf = periodBucketer(by, timeZone);
  const groups = new Map<
    string,
    {
      start: number;
      label: string;
      key: string;
      c: StoredCounters;
      satisfactionRate: number | null;
      partial: boolean;
    }
  >();
  const monthsWithIntervals = new Set<string>();

  for (const row of intervals) {
    const bucket = bucketOf(row.intervalStart);
    if (by === 'month') monthsWithIntervals.add(bucket.label);
    const id = `${bucket.start}|${row.scopeKey}`;
    let group = groups.get(id);
    if (!group)
      groups.set(
        id,
        (group = {
          start: bucket.start,
          label: bucket.label,
          key: row.scopeKey,
          c: emptyCounters(),
          satisfactionRate: null,
          partial: false,
        }),
      );
    addCounters(group.c, row);
  }
  for (const month of months) {
    if (monthsWithIntervals.has(month.month)) continue;
    const start = monthStartFromKey(month.month, timeZone);
    groups.set(`${start}|${month.scopeKey}`, {
      start,
      label: month.month,
      key: month.scopeKey,
      c: { ...emptyCounters(), ...pickCounters(month) },
      satisfactionRate: month.satisfactionRate,
      partial: month.source === 'imported',
    });
  }

  const scopeLabel = header(SCOPE_LABELS[request.scope], lang);
  const nameOf = (key: string) => displayName(request.scope, key, lang, naming);
  const rows: KpiReportRow[] = [...groups.values()]
    .sort((a, b) => a.start - b.start || a.key.localeCompare(b.key))
    .map((g) => ({
      period: g.label,
      periodStart: g.start,
      scopeKind: request.scope,
      scopeKey: g.key,
      counters: g.c,
      partial: g.partial,
      values: reportValues(
        { period: g.label, scope: scopeLabel, name: nameOf(g.key) },
        g.c,
        g.satisfactionRate,
        g.partial,
      ),
    }));

  const total =
    rows.length > 0
      ? summaryRow(
          rows,
          header(SUMMARY_LABELS.total, lang),
          scopeLabel,
          request.key ? nameOf(request.key) : '',
          1,
        )
      : null;
  const monthCount = new Set(rows.map((r) => r.period)).size;
  const monthlyAverage =
    by === 'month' && monthCount > 1
      ? summaryRow(
          rows,
          header(SUMMARY_LABELS.monthlyAverage, lang),
          scopeLabel,
          request.key ? nameOf(request.key) : '',
          monthCount,
        )
      : null;
  return {
    request,
    columns: KPI_COLUMNS,
    headers: KPI_COLUMNS.map((c) => header(c, lang)),
    rows,
    total,
    monthlyAverage,
  };
}

function summaryRow(
  rows: readonly KpiReportRow[],
  period: string,
  scope: string,
  name: string,
  divisor: number,
): KpiReportRow {
  const sum = emptyCounters();
  for (const row of rows) addCounters(sum, row.counters);
  const partial = rows.some((r) => r.partial);
  // Ratings known everywhere: pool them. Otherwise (imported months carry a rate only) the
  // mean of the monthly rates, as the evaluation report does.
  const rates = rows
    .map((r) => r.values.satisfaction)
    .filter((v): v is number => typeof v === 'number');
  const satisfactionRate =
    rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
  const counters = divisor === 1 ? sum : averaged(sum, divisor);
  const values = reportValues({ period, scope, name }, counters, satisfactionRate, partial);
  if (divisor !== 1) {
    // Rates of an average month are the pooled rates, not ratios of rounded averages.
    const pooled = reportValues({ period, scope, name }, sum, satisfactionRate, partial);
    for (const id of [
      'answerRate',
      'answered10sRate',
      'over5minRate',
      'serviceLevel',
      'abandonRate',
      'asa',
      'aht',
      'satisfaction',
    ] as const)
      values[id] = pooled[id];
    values.maxWait = pooled.maxWait;
  }
  if (sum.ratings > 0 && !partial) values.satisfaction = sum.satisfied / sum.ratings;
  return {
    period,
    periodStart: null,
    scopeKind: rows[0].scopeKind,
    scopeKey: '',
    counters,
    partial,
    values,
  };
}

function averaged(c: StoredCounters, n: number): StoredCounters {
  const out = { ...c };
  for (const key of Object.keys(out) as (keyof StoredCounters)[]) {
    if (key === 'maxWait' || key === 'agentsOnDuty') continue;
    out[key] = Math.round(c[key] / n);
  }
  return out;
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

/** Maps an interval start to its report period (cached: Intl is the slow part). */
export function periodBucketer(
  by: ReportGrain,
  timeZone: string,
): (intervalStart: number) => { start: number; label: string } {
  const cache = new Map<number, { start: number; label: string }>();
  const compute = (t: number): { start: number; label: string } => {
    switch (by) {
      case 'interval':
        return { start: t, label: minuteKey(t, timeZone) };
      case 'day': {
        const start = startOfDay(t, timeZone);
        return { start, label: dayKey(start, timeZone) };
      }
      case 'week': {
        const start = startOfWeek(t, timeZone);
        return {
          start,
          label: `${dayKey(start, timeZone)} ~ ${dayKey(addLocalDays(start, 6, timeZone), timeZone)}`,
        };
      }
      case 'month': {
        const start = startOfMonth(t, timeZone);
        return { start, label: monthKey(start, timeZone) };
      }
    }
  };
  return (t) => {
    let hit = cache.get(t);
    if (!hit) cache.set(t, (hit = compute(t)));
    return hit;
  };
}
