import { z } from 'zod';
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
    weekStart: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a calendar date')
      .refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, 'must be a Monday'),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    lang: z.enum(['zh', 'en']).default('zh'),
    monthlyCalls: z.coerce.number().int().positive().max(10_000_000).optional(),
    token: z.string().optional(),
  })
  .strict();
