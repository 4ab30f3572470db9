import { CLOCK_TIME_OR_END_OF_DAY_PATTERN } from '@hotline/calendar';
import { DEFAULT_ROTA } from '@hotline/staffing';
import { z } from 'zod';

/**
 * What the staffing advisor needs beyond the KPI config: the `staffing` section of the monitor
 * config (monitor-config.schema.ts composes it; this file imports nothing back from there).
 * A rota window may end at '24:00' (the end of the day).
 */
const clock = z.string().regex(CLOCK_TIME_OR_END_OF_DAY_PATTERN, 'HH:mm');

export const staffingConfigSchema = z
  .object({
    /** The daily rota: agents rostered on each shift (the spec's five windows, ~80 agents). */
    rota: z
      .array(
        z
          .object({
            name: z.string().min(1),
            start: clock,
            end: clock,
            agents: z.number().int().nonnegative(),
          })
          .strict(),
      )
      .min(1)
      .default(DEFAULT_ROTA.map((shift) => ({ ...shift }))),
    /** Mean patience when too few callers abandoned to estimate it (seconds). */
    defaultPatienceSeconds: z.number().positive().default(180),
    /** Abandons needed before the estimated patience replaces the default. */
    minAbandonsForPatience: z.number().int().positive().default(20),
    /** How far back finished calls feed the patience estimate (hours). */
    patienceWindowHours: z
      .number()
      .positive()
      .max(24 * 31)
      .default(24),
    /** Talk time per call when nothing was answered yet (seconds). */
    defaultTalkSeconds: z.number().positive().default(240),
    /**
     * After-call work per answered call, seconds. Omitted: measured live from the agents'
     * wrap-up time today ÷ calls answered today, and 0 until something was measured.
     */
    afterCallWorkSeconds: z.number().nonnegative().optional(),
    /** Same weekday & interval over this many past weeks for the forecast. */
    forecastWeeks: z.number().int().min(1).max(52).default(4),
    /** Longest forecast the API gives (hours). */
    maxForecastHours: z.number().int().min(1).max(48).default(24),
  })
  .strict();

export type StaffingOptions = z.output<typeof staffingConfigSchema>;
export type StaffingConfigInput = z.input<typeof staffingConfigSchema>;

export const STAFFING_OPTIONS = Symbol('STAFFING_OPTIONS');

/** The options from `config.staffing` if the monitor config carries one, else the defaults. */
export function staffingOptionsFrom(
  config: { readonly staffing?: StaffingOptions } | undefined,
): StaffingOptions {
  return config?.staffing ?? staffingConfigSchema.parse({});
}
