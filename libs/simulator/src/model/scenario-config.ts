import { CLOCK_TIME_PATTERN, MINUTES_PER_DAY } from '@hotline/calendar';
import { z } from 'zod';
import { validate } from '@hotline/validation';
import type { DurationDistribution } from './distributions';

const duration: z.ZodType<DurationDistribution> = z.lazy(() =>
  z.union([
    z.object({ kind: z.literal('fixed'), seconds: z.number().nonnegative() }),
    z.object({
      kind: z.literal('uniform'),
      min: z.number().nonnegative(),
      max: z.number().nonnegative(),
    }),
    z.object({ kind: z.literal('exponential'), mean: z.number().positive() }),
    z.object({
      kind: z.literal('lognormal'),
      median: z.number().positive(),
      sigma: z.number().nonnegative(),
      max: z.number().positive().optional(),
    }),
    z.object({
      kind: z.literal('mixture'),
      weight: z.number().min(0).max(1),
      first: duration,
      second: duration,
    }),
  ]),
);

const queueSchema = z.object({
  name: z.string().min(1),
  /** Share of first arrivals that dial into this queue. */
  weight: z.number().nonnegative(),
  /** Queue() timeout in seconds (EXITWITHTIMEOUT); 0 = none. */
  maxWaitSeconds: z.number().nonnegative().default(0),
  /** Queue to join after a timeout (same Uniqueid, same Linkedid), with this probability. */
  overflowTo: z.string().optional(),
  overflowProbability: z.number().min(0).max(1).default(1),
  /** queues.conf maxlen: callers beyond it are refused with QUEUESTATUS=FULL; 0 = unlimited. */
  maxLen: z.number().int().nonnegative().default(0),
  /** joinempty=no: refuse (JOINEMPTY) when no member is available. */
  joinEmpty: z.boolean().default(true),
  /** leavewhenempty=yes: waiting callers leave (EXITEMPTY) when no member is logged in. */
  leaveWhenEmpty: z.boolean().default(false),
  /** Queue a refused caller is sent to (same channel). */
  onRefuseTo: z.string().optional(),
  /** Which agents are members: every agent, or only those flagged with this skill. */
  members: z.union([z.literal('all'), z.string()]).default('all'),
  /** Probability that a waiting caller presses 9 to leave (EXITWITHKEY); when, from join. */
  keyExitProbability: z.number().min(0).max(1).default(0),
  keyExitAfter: duration.default({ kind: 'uniform', min: 5, max: 60 }),
});

const shiftSchema = z.object({
  name: z.string(),
  start: z.string(),
  end: z.string(),
  /** Agents rostered to this shift (each works 5 days of 7, staggered). */
  agents: z.number().int().nonnegative(),
});

/** One person's shift on one weekday of a planned rota, breaks at fixed offsets into it. */
const rosterShiftSchema = z.object({
  /** 'HH:MM' Asia/Shanghai. */
  start: z.string().regex(CLOCK_TIME_PATTERN, 'HH:MM'),
  minutes: z.number().int().positive().max(MINUTES_PER_DAY),
  breaks: z
    .array(
      z.object({
        reason: z.string().min(1),
        /** Minutes after the shift start. */
        after: z.number().nonnegative(),
        minutes: z.number().positive(),
      }),
    )
    .default([]),
});

/** A planned rota: one entry per person, a shift or null for each weekday (Monday first). */
const rosterPersonSchema = z.object({
  name: z.string().min(1),
  week: z.array(rosterShiftSchema.nullable()).length(7),
});

const pauseSchema = z.object({
  reason: z.string(),
  /** Mean minutes on duty between two such pauses (exponential); 0 = never. */
  everyMinutes: z.number().nonnegative(),
  length: duration,
});

/**
 * How the PBX shows the after-call work (`wrapUp`) the model holds each agent in after a call:
 * - `unseen` (the default, the calibrated scenarios): the PBX reports the member free while it
 *   is held (a centre whose wrap-up the PBX does not know);
 * - `wrapuptime`: the PBX's own wrap-up of `seconds` (Asterisk member `Wrapuptime`, FreeSWITCH
 *   agent `wrap-up-time`), replacing `wrapUp`'s draw with that fixed time;
 * - `pause-code`: the agent pauses with `reason` (话后) as the call ends and unpauses when the
 *   drawn `wrapUp` is over, the way centres that write a ticket after each call work.
 */
const afterCallWorkSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('unseen') }).strict(),
    z.object({ kind: z.literal('wrapuptime'), seconds: z.number().int().min(1) }).strict(),
    z.object({ kind: z.literal('pause-code'), reason: z.string().min(1).default('话后') }).strict(),
  ])
  .default({ kind: 'unseen' });

export type AfterCallWorkConfig = z.infer<typeof afterCallWorkSchema>;

export const scenarioSchema = z.object({
  name: z.string().default('custom'),
  description: z.string().default(''),
  /** Default simulated start (ISO) when none is given on the command line. */
  start: z.string().optional(),
  /** Default simulated duration, e.g. "31d", "2h". */
  duration: z.string().optional(),
  seed: z.number().int().default(1),
  seats: z.number().int().positive().default(58),
  callsPerDay: z.number().nonnegative(),
  /** 24 relative weights, Asia/Shanghai hours 0..23. */
  hourProfile: z.array(z.number().nonnegative()).length(24),
  /** 7 relative weights, Monday first. */
  weekdayProfile: z.array(z.number().nonnegative()).length(7),
  queues: z.array(queueSchema).min(1),
  /** HOTLINE values (integrated lines) with their share of arrivals and display names. */
  lines: z
    .array(z.object({ value: z.string(), name: z.string(), weight: z.number().nonnegative() }))
    .min(1),
  shifts: z.array(shiftSchema).min(1),
  /**
   * A planned rota (the planner's people, e.g. from `--rota plan.json`): replaces `shifts`.
   * Each person logs in for the shift of the weekday and takes its breaks as pauses.
   */
  roster: z.array(rosterPersonSchema).optional(),
  /** Share of agents who also serve skill-restricted queues, by skill name. */
  skills: z.record(z.string(), z.number().min(0).max(1)).default({}),
  agentNumberBase: z.number().int().default(101),
  talk: duration,
  /** Caller patience from the first join, spanning every queue the contact visits. */
  patience: duration,
  ring: duration,
  /** Probability that a ring attempt is never answered (RINGNOANSWER after memberTimeout). */
  ringNoAnswerProbability: z.number().min(0).max(1).default(0.01),
  memberTimeoutSeconds: z.number().positive().default(15),
  wrapUp: duration,
  afterCallWork: afterCallWorkSchema,
  /** Share of answered calls the caller ends (COMPLETECALLER); the rest COMPLETEAGENT. */
  callerEndsProbability: z.number().min(0).max(1).default(0.3),
  /** Share of answered calls blind-transferred to another queue. */
  transferProbability: z.number().min(0).max(1).default(0.01),
  transferTo: z.string().optional(),
  transferTalk: duration.optional(),
  /** Share of agent-ended calls whose caller leaves a rating; weights of scores 1..5. */
  surveyProbability: z.number().min(0).max(1).default(0.6),
  surveyWeights: z.array(z.number().nonnegative()).length(5).default([1, 1, 3, 25, 70]),
  pauses: z.array(pauseSchema).default([]),
  /** Real Asterisk writes no queue_log line for refusals; the lab dialplan did (QueueLog()). */
  queueLogRefusals: z.boolean().default(true),
  /** Faults to inject (see faults/fault.ts); validated by the simulator. */
  faults: z.array(z.unknown()).default([]),
});

export type ScenarioConfig = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type QueueConfig = ScenarioConfig['queues'][number];
export type ShiftConfig = ScenarioConfig['shifts'][number];
export type RosterPersonConfig = NonNullable<ScenarioConfig['roster']>[number];
export type RosterShiftConfig = NonNullable<RosterPersonConfig['week'][number]>;

export class ScenarioError extends Error {
  readonly code = 'SIM_ERR_SCENARIO';
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** Validates a scenario and checks cross-references (queue names). */
export function parseScenario(input: unknown): ScenarioConfig {
  const result = validate(scenarioSchema, input, '');
  if (!result.ok) throw new ScenarioError(`scenario ${result.problems[0]}`);
  const scenario = result.data;
  const names = new Set(scenario.queues.map((q) => q.name));
  const refs = [
    ...scenario.queues.flatMap((q) => [q.overflowTo, q.onRefuseTo]),
    scenario.transferTo,
  ].filter((n): n is string => n !== undefined);
  for (const ref of refs) {
    if (!names.has(ref)) throw new ScenarioError(`scenario refers to unknown queue ${ref}`);
  }
  return scenario;
}
