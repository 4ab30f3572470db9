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
