import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { RotaPlan } from '@hotline/staffing';
import { ScenarioError, type ScenarioConfig } from '../model/scenario-config';

/** The part of the planner's output (RotaPlan, `hotline-rota-plan/1`) the simulator runs. */
const planSchema = z.object({
  format: z.literal('hotline-rota-plan/1'),
  people: z.array(
    z.object({
      id: z.string().min(1),
      week: z
        .array(
          z
            .object({
              start: z.string(),
              lengthMinutes: z.number().int().positive(),
              breaks: z.array(
                z.object({
                  reason: z.string().min(1),
                  afterMinutes: z.number().nonnegative(),
                  minutes: z.number().positive(),
                }),
              ),
            })
            .nullable(),
        )
        .length(7),
    }),
  ),
});

/** What the simulator needs of a plan (a whole RotaPlan is one). */
export interface PlannedRota {
  readonly people: readonly {
    readonly id: string;
    readonly week: readonly (PlannedShift | null)[];
  }[];
}

interface PlannedShift {
  readonly start: string;
  readonly lengthMinutes: number;
  readonly breaks: readonly {
    readonly reason: string;
    readonly afterMinutes: number;
    readonly minutes: number;
  }[];
}

/** The planner's output is a PlannedRota: the compiler checks the two formats agree. */
export const asPlannedRota = (plan: RotaPlan): PlannedRota => plan;

/** Reads and checks a plan file (`--rota plan.json`). */
export function readRotaPlan(path: string): PlannedRota {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ScenarioError(`--rota ${path}: ${(error as Error).message}`);
  }
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ScenarioError(`--rota ${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The scenario with the plan's people instead of its shift pools. The plan schedules breaks;
 * the scenario's random pauses of the same reasons (e.g. `break`) would be the same breaks twice,
 * so they are dropped — the others (training, meetings) stay: the planner's shrinkage is for them.
 */
export function scenarioWithRota(scenario: ScenarioConfig, plan: PlannedRota): ScenarioConfig {
  const planned = new Set(
    plan.people.flatMap((p) => p.week.flatMap((day) => day?.breaks.map((b) => b.reason) ?? [])),
  );
  return {
    ...scenario,
    roster: plan.people.map((person) => ({
      name: person.id,
      week: person.week.map((day) =>
        day
          ? {
              start: day.start,
              minutes: day.lengthMinutes,
              breaks: day.breaks.map((b) => ({
                reason: b.reason,
                after: b.afterMinutes,
                minutes: b.minutes,
              })),
            }
          : null,
      ),
    })),
    pauses: scenario.pauses.filter((pause) => !planned.has(pause.reason)),
  };
}
