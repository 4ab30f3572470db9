import { CLOCK_TIME_OR_END_OF_DAY_PATTERN } from '@hotline/calendar';
import {
  DEFAULT_MIN_ANSWERING,
  DEFAULT_PLANNER_SHRINKAGE,
  DEFAULT_ROTA,
  DEFAULT_SHIFT_RULES,
  DEFAULT_WEEK_SHAPE,
  EVALUATION_MONTHLY_CALLS,
  type ShiftRules,
  validateShiftRules,
} from '@hotline/staffing';
import { z } from 'zod';

/**
 * What the staffing advisor needs beyond the KPI config: the `staffing` section of the monitor
 * config (monitor-config.schema.ts composes it; this file imports nothing back from there).
 * A rota window may end at '24:00' (the end of the day).
 */
const clock = z.string().regex(CLOCK_TIME_OR_END_OF_DAY_PATTERN, 'HH:mm');

const breakSchema = z
  .object({
    /** Pause reason the agent uses (e.g. meal, break). */
    reason: z.string().min(1),
    minutes: z.number().int().positive(),
    /** Window for the break's start, minutes after the shift start (equal: fixed). */
    earliestAfterMinutes: z.number().int().nonnegative(),
    latestAfterMinutes: z.number().int().nonnegative(),
  })
  .strict();

const shiftTypeSchema = z
  .object({
    name: z.string().min(1),
    lengthMinutes: z.number().int().positive(),
    /** First and last allowed start, on the `startEveryMinutes` grid. */
    firstStart: clock,
    lastStart: clock,
    breaks: z.array(breakSchema).default([]),
    /** Counts for `maxConsecutiveNights`. */
    night: z.boolean().default(false),
  })
  .strict();

/** The rota planner (docs/staffing.md "Rota planner"); defaults from @hotline/staffing. */
const plannerSchema = z
  .object({
    shiftTypes: z
      .array(shiftTypeSchema)
      .min(1)
      .default(DEFAULT_SHIFT_RULES.shiftTypes.map((t) => ({ ...t, breaks: [...t.breaks] }))),
    /** Shifts start on this grid (30: on the hour and the half hour). */
    startEveryMinutes: z.number().int().positive().default(DEFAULT_SHIFT_RULES.startEveryMinutes),
    /** Working days in 7; the days off are taken together. */
    workDaysPerWeek: z
      .number()
      .int()
      .min(1)
      .max(6)
      .default(DEFAULT_SHIFT_RULES.labour.workDaysPerWeek),
    maxConsecutiveNights: z
      .number()
      .int()
      .nonnegative()
      .default(DEFAULT_SHIFT_RULES.labour.maxConsecutiveNights),
    minRestHours: z.number().min(0).max(24).default(DEFAULT_SHIFT_RULES.labour.minRestHours),
    /** Share of answering time lost to pauses the rota does not schedule (training, meetings). */
    shrinkage: z.number().min(0).max(0.9).default(DEFAULT_PLANNER_SHRINKAGE),
    /** Agents answering in every 15 minutes at least (skills, a 24×7 floor). */
    minAgentsAnswering: z.number().int().nonnegative().default(DEFAULT_MIN_ANSWERING),
    /** Solver time for one week's plan, seconds (the plan says what it proved in that time). */
    timeLimitSeconds: z.number().positive().max(600).default(25),
    /** A typical week for a centre with no stored history: 24 hour and 7 weekday weights. */
    weekShape: z
      .object({
        hours: z.array(z.number().nonnegative()).length(24),
        weekdays: z.array(z.number().nonnegative()).length(7),
      })
      .strict()
      .default({
        hours: [...DEFAULT_WEEK_SHAPE.hours],
        weekdays: [...DEFAULT_WEEK_SHAPE.weekdays],
      }),
    /** Calls per month ('YYYY-MM' → calls) when there is no history: the evaluation's table. */
    monthlyCalls: z
      .record(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'), z.number().int().positive())
      .default({ ...EVALUATION_MONTHLY_CALLS }),
  })
  .strict()
  .superRefine((planner, ctx) => {
    try {
      validateShiftRules(shiftRulesOf(planner));
    } catch (error) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
    }
  });

type PlannerOptions = z.output<typeof plannerSchema>;

/** The planner's shift rules from its config section. */
export function shiftRulesOf(
  planner: Omit<PlannerOptions, 'weekShape' | 'monthlyCalls'>,
): ShiftRules {
  return {
    shiftTypes: planner.shiftTypes,
    startEveryMinutes: planner.startEveryMinutes,
    labour: {
      workDaysPerWeek: planner.workDaysPerWeek,
      maxConsecutiveNights: planner.maxConsecutiveNights,
      minRestHours: planner.minRestHours,
    },
  };
}

export const staffingConfigSchema = z
  .object({
    /** People on the rota: the planner's limit (the centre's ~80 agents). */
    headcount: z.number().int().positive().default(80),
    planner: plannerSchema.prefault({}),
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
      .default(() => DEFAULT_ROTA.map((shift) => ({ ...shift }))),
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
