import { z } from 'zod';
import { calendarDateProblem, isoWeekdayOf, parseCalendarDate } from '@hotline/calendar';
import { calendarDateParam } from '@hotline/reports';

export const forecastQuerySchema = z
  .object({ hours: z.coerce.number().positive().max(48).default(4) })
  .strict();

export const rotaQuerySchema = z
  .object({
    /** Omitted: the current week (local Monday) on the PBX clock. */
    weekStart: calendarDateParam('day').optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();

export const rotaPlanQuerySchema = z
  .object({
    // A date the calendar refuses has its own issue already (zod 4 runs every check).
    weekStart: calendarDateParam('day').refine(
      (d) =>
        calendarDateProblem(d, 'day') !== null || isoWeekdayOf(parseCalendarDate(d, 'day')) === 1,
      'must be a Monday',
    ),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    lang: z.enum(['zh', 'en']).default('zh'),
    monthlyCalls: z.coerce.number().int().positive().max(10_000_000).optional(),
    token: z.string().optional(),
  })
  .strict();
