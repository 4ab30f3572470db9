import { z } from 'zod';
import type { MonitorConfig } from '../config/monitor-config.schema';

/**
 * What the staffing advisor needs beyond the KPI config. Until monitor-config.schema.ts has a
 * `staffing` section (proposed: exactly `staffingConfigSchema` below), the options are read
 * defensively from `config.staffing` when present and otherwise default to the spec's rota.
 */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:mm');

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
      .default(() => [
        { name: 'morning', start: '07:00', end: '15:00', agents: 21 },
        { name: 'afternoon', start: '14:00', end: '20:30', agents: 14 },
        { name: 'evening', start: '14:00', end: '22:00', agents: 16 },
        { name: 'night', start: '21:45', end: '07:10', agents: 8 },
        { name: 'day', start: '09:00', end: '17:00', agents: 21 },
      ]),
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
export function staffingOptionsFrom(config: MonitorConfig | undefined): StaffingOptions {
  return config?.staffing ?? staffingConfigSchema.parse({});
}
