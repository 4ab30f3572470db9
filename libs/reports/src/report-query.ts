import { z } from 'zod';
import { assertTimeZone, parseLocalDate } from '@hotline/storage';

export const REPORT_GRAINS = ['interval', 'day', 'week', 'month'] as const;
export type ReportGrain = (typeof REPORT_GRAINS)[number];
export const REPORT_SCOPES = ['centre', 'queue', 'line', 'agent'] as const;
export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_LANGUAGES = ['zh', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

const date = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be YYYY-MM-DD (or YYYY-MM)');

/** Most 15-minute rows one request may ask for (about a month per scope key). */
export const MAX_INTERVAL_DAYS = 31;
/** Longest range any report covers. */
export const MAX_RANGE_DAYS = 3700;

/**
 * Query of GET /api/v1/reports/kpi. `to` is inclusive: from=2026-11-01&to=2026-11-30 is all of
 * November. A month (YYYY-MM) as `to` means to the end of that month.
 */
export const kpiReportQuerySchema = z
  .object({
    from: date,
    to: date,
    by: z.enum(REPORT_GRAINS).default('day'),
    scope: z.enum(REPORT_SCOPES).default('centre'),
    /** Only this queue / line / agent. */
    key: z.string().min(1).max(128).optional(),
    format: z.enum(REPORT_FORMATS).default('json'),
    lang: z.enum(REPORT_LANGUAGES).default('zh'),
  })
  .strict();

export type KpiReportQueryInput = z.input<typeof kpiReportQuerySchema>;
export type KpiReportQuery = z.output<typeof kpiReportQuerySchema>;

/** A validated query resolved to instants in the report time zone. */
export interface KpiReportRequest extends KpiReportQuery {
  readonly fromMs: number;
  /** Exclusive. */
  readonly toMs: number;
  readonly timeZone: string;
}

export class ReportQueryError extends Error {
  readonly code = 'REPORTS_ERR_QUERY';
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(message);
    this.name = 'ReportQueryError';
  }
}

/** Validates raw query parameters; throws ReportQueryError listing every problem. */
export function parseKpiReportQuery(raw: unknown, timeZone: string): KpiReportRequest {
  assertTimeZone(timeZone);
  const parsed = kpiReportQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`);
    throw new ReportQueryError(`invalid report query: ${problems.join('; ')}`, problems);
  }
  const query = parsed.data;
  const fromMs = parseLocalDate(query.from, timeZone);
  const toMs = endOfInclusive(query.to, timeZone);
  const problems: string[] = [];
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) problems.push('from/to: not a calendar date');
  if (toMs <= fromMs) problems.push('to: must not be before from');
  const days = (toMs - fromMs) / 86_400_000;
  if (days > MAX_RANGE_DAYS) problems.push(`to: a report covers at most ${MAX_RANGE_DAYS} days`);
  if (query.by === 'interval' && days > MAX_INTERVAL_DAYS + 1)
    problems.push(`by: 15-minute rows are limited to ${MAX_INTERVAL_DAYS} days; use by=day`);
  if (query.key && query.scope === 'centre') problems.push('key: not allowed with scope=centre');
  if (problems.length > 0)
    throw new ReportQueryError(`invalid report query: ${problems.join('; ')}`, problems);
  return { ...query, fromMs, toMs, timeZone };
}

function endOfInclusive(text: string, timeZone: string): number {
  const isMonth = /^\d{4}-\d{2}$/.test(text);
  const [y, m, d] = text.split('-').map(Number);
  if (isMonth)
    return parseLocalDate(
      `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}`,
      timeZone,
    );
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return parseLocalDate(
    `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, '0')}-${String(next.getUTCDate()).padStart(2, '0')}`,
    timeZone,
  );
}
