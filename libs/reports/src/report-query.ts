import { z } from 'zod';
import {
  addCalendarDays,
  assertTimeZone,
  type CalendarDate,
  type CalendarDateForm,
  calendarDateProblem,
  calendarDaysBetween,
  daysInMonth,
  parseCalendarDate,
  startOfCalendarDate,
} from '@hotline/calendar';
import { validate } from '@hotline/validation';
import { costScope, rangeCapProblem } from './report-limits';

export const REPORT_GRAINS = ['interval', 'day', 'week', 'month'] as const;
export type ReportGrain = (typeof REPORT_GRAINS)[number];
export const REPORT_SCOPES = ['centre', 'queue', 'line', 'agent'] as const;
export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_LANGUAGES = ['zh', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/**
 * A date parameter read by the one strict calendar parser (@hotline/calendar calendar-date):
 * an impossible date is a 400 with the reason, never rolled over.
 */
export function calendarDateParam(form: CalendarDateForm) {
  return z.string().superRefine((text, ctx) => {
    const problem = calendarDateProblem(text, form);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });
}

/**
 * Query of GET /api/v1/reports/kpi. `to` is inclusive: from=2026-11-01&to=2026-11-30 is all of
 * November. A month (YYYY-MM) as `to` means to the end of that month.
 */
export const kpiReportQuerySchema = z
  .object({
    from: calendarDateParam('day-or-month'),
    to: calendarDateParam('day-or-month'),
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

/** Throws ReportQueryError listing every problem zod found. */
export function parseQuery<T extends z.ZodTypeAny>(
  schema: T,
  raw: unknown,
  what: string,
): z.output<T> {
  const parsed = validate(schema, raw, 'query');
  if (!parsed.ok)
    throw new ReportQueryError(
      `invalid ${what} query: ${parsed.problems.join('; ')}`,
      parsed.problems,
    );
  return parsed.data;
}

/** Validates raw query parameters; throws ReportQueryError listing every problem. */
export function parseKpiReportQuery(raw: unknown, timeZone: string): KpiReportRequest {
  assertTimeZone(timeZone);
  const query = parseQuery(kpiReportQuerySchema, raw, 'report');
  const first = parseCalendarDate(query.from, 'day-or-month');
  const last = lastDayOf(parseCalendarDate(query.to, 'day-or-month'));
  const days = calendarDaysBetween(first, last) + 1;
  const problems: string[] = [];
  if (days < 1) problems.push('to: must not be before from');
  else {
    const cap = rangeCapProblem(query.by, costScope(query.scope, query.key), days);
    if (cap) problems.push(cap);
  }
  if (query.key && query.scope === 'centre') problems.push('key: not allowed with scope=centre');
  if (problems.length > 0)
    throw new ReportQueryError(`invalid report query: ${problems.join('; ')}`, problems);
  return {
    ...query,
    fromMs: startOfCalendarDate(first, timeZone),
    toMs: startOfCalendarDate(addCalendarDays(last, 1), timeZone),
    timeZone,
  };
}

/** The day itself, or the last day of a whole month. */
function lastDayOf(date: CalendarDate): CalendarDate {
  return date.day !== null ? date : { ...date, day: daysInMonth(date.year, date.month) };
}
