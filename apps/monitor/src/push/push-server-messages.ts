import { z } from 'zod';
import { ALARM_TRANSITION_STATES } from '@hotline/alarms';
import {
  PUSH_ERROR_CODES,
  PUSH_PERIODS,
  PUSH_ROLES,
  PUSH_SCHEMA_VERSION,
  PUSH_VIEWS,
  type ServerMessageType,
} from './push-protocol';
import { PAUSE_ACTIVITIES } from '@hotline/kpi';
import { STAFFING_CAUSES, STAFFING_STATUSES, type StaffingNow } from '@hotline/staffing';
import { PAUSE_KINDS } from '@hotline/kpi';

/**
 * The shapes of what the server sends. Outgoing messages are built from these types, the
 * JSON Schemas in docs/schemas/ are generated from these schemas, and the integration test
 * checks real server messages against those JSON Schemas.
 */
const epochMs = z.number().int().nonnegative();
const rate = z.number().min(0).max(1).nullable();
const count = z.number().int().nonnegative();
const seconds = z.number().nonnegative();
const agentState = z.enum(['logged-out', 'available', 'ringing', 'on-call', 'wrap-up', 'paused']);

export const linkStatusSchema = z
  .object({
    up: z.boolean(),
    ready: z.boolean(),
    since: epochMs,
    reason: z.string().optional(),
    lastEventAt: epochMs.optional(),
    /** Receive time minus PBX time of the latest call event, ms (negative: PBX clock ahead). */
    lastEventLagMs: z.number().optional(),
  })
  .strict();

export type LinkData = z.infer<typeof linkStatusSchema>;

/**
 * The listed fields of `source` that are set, in that order: a message carries its documented
 * fields only, so a field added to the service does not leak out unchecked.
 */
function documentedFields<T extends object, K extends keyof T>(
  source: T,
  keys: readonly K[],
): Pick<T, K> {
  const fields = {} as Pick<T, K>;
  for (const key of keys) if (source[key] !== undefined) fields[key] = source[key];
  return fields;
}

export function linkData(link: LinkData): LinkData {
  return documentedFields(link, [
    'up',
    'ready',
    'since',
    'reason',
    'lastEventAt',
    'lastEventLagMs',
  ]);
}

export const ratingsSchema = z.object({ count, satisfied: count, rate }).strict();

export const kpiTargetsSchema = z
  .object({
    answerRate: z.number(),
    answeredIn10sRate: z.number(),
    overFiveMinuteRate: z.number(),
    satisfactionRate: z.number(),
    monthlyOffered: z.number(),
  })
  .strict();

/** The figures of the subscribed scope over the subscribed period. */
export const kpiSectionSchema = z
  .object({
    period: z.string(),
    from: epochMs,
    to: epochMs,
    offered: count,
    answered: count,
    answerRate: rate,
    answeredWithin10s: count,
    answeredIn10sRate: rate,
    serviceLevel: rate,
    overFiveMinutes: count,
    overFiveMinuteRate: rate,
    unanswered: count,
    abandoned: count,
    shortAbandons: count,
    exited: count,
    blocked: count,
    /** Gone while the monitor could not see the PBX, outcome not known: counted in offered. */
    unknown: count,
    inProgress: count,
    abandonRate: rate,
    asaSeconds: seconds.nullable(),
    ahtSeconds: seconds.nullable(),
    longestWaitSeconds: seconds,
    satisfaction: ratingsSchema,
    /** The tile shows today's satisfaction whatever the period. */
    satisfactionToday: ratingsSchema,
    /** The shifts running now (they overlap): a subscription's `shift` chooses among them. */
    shifts: z.array(z.object({ name: z.string(), from: epochMs, to: epochMs }).strict()),
    /**
     * The calls each rate is over (libs/alarms rateSample): below `severity.minSample` a board
     * shows the rate neutral with this count, neither red nor green.
     */
    samples: z
      .object({
        answerRate: count,
        answeredIn10sRate: count,
        overFiveMinuteRate: count,
        satisfactionRate: count,
      })
      .strict(),
  })
  .strict();

export const liveSectionSchema = z
  .object({
    waiting: count,
    longestCurrentWaitSeconds: seconds,
    /** When the longest waiting caller joined (PBX clock), so the board can count up itself. */
    longestWaitingSince: epochMs.nullable(),
    talking: count,
    talkingOverFiveMinutes: count,
  })
  .strict();

export const agentCountsSectionSchema = z
  .object({
    available: count,
    ringing: count,
    onCall: count,
    wrapUp: count,
    paused: count,
    loggedOut: count,
    onDuty: count,
  })
  .strict();

export const scopeRowSchema = z
  .object({
    kind: z.enum(['queue', 'line']),
    id: z.string(),
    name: z.string(),
    offered: count,
    answered: count,
    answerRate: rate,
    answeredIn10sRate: rate,
    abandoned: count,
    waiting: count,
    longestCurrentWaitSeconds: seconds,
    /** When this scope's longest waiting caller joined (PBX clock); null: nobody waiting. */
    longestWaitingSince: epochMs.nullable(),
    /** Calls the answer rate is over (finished: offered less those still waiting); below `severity.minSample` it is shown neutral. */
    answerRateSample: count,
  })
  .strict();

/**
 * The limit the agent's current state runs against (libs/kpi time-in-state-limits): the board
 * flags the agent once its PBX clock is past `overAfter`, counting up between pushes. null: the
 * state has none.
 */
export const timeLimitSchema = z
  .object({
    kind: z.enum(['long-talk', 'long-pause']),
    pauseKind: z.enum(PAUSE_KINDS).nullable(),
    limitSeconds: seconds,
    overAfter: epochMs,
  })
  .strict()
  .nullable();
/** An agent's name and staff number from config `seats` (null: not configured). */
const personFields = {
  name: z.string().nullable(),
  staffNo: z.string().nullable(),
};
/** What a pause means (config agents.pauseReasons); null: a reason the config does not name. */
const pauseKind = z.enum(PAUSE_ACTIVITIES).nullable();

export const seatSchema = z
  .object({
    seat: z.number().int().positive(),
    /** Position on the wall's grid (config `seats`), 1-based; gaps have no seat. */
    row: z.number().int().positive(),
    col: z.number().int().positive(),
    agent: z.string().nullable(),
    /** The agent whose own desk it is (config), on duty or not; null: any agent may sit here. */
    owner: z.string().nullable(),
    /** Of the agent sitting here, else of the desk's owner. */
    ...personFields,
    state: agentState,
    /** Start of the current state (PBX clock); time in state = pbxAt − since. */
    since: epochMs.nullable(),
    pauseReason: z.string().nullable(),
    timeLimit: timeLimitSchema,
    pauseKind,
  })
  .strict();

export const agentRowSchema = z
  .object({
    agent: z.string(),
    ...personFields,
    state: agentState,
    since: epochMs,
    pauseReason: z.string().nullable(),
    pauseKind,
    queues: z.array(z.string()),
    answeredToday: count,
    ahtSecondsToday: seconds.nullable(),
    overFiveMinutesToday: count,
    satisfactionToday: ratingsSchema,
    occupancyToday: rate,
    timeLimit: timeLimitSchema,
  })
  .strict();

export const waitingRowSchema = z
  .object({
    callId: z.string(),
    queue: z.string(),
    line: z.string().nullable(),
    lineName: z.string().nullable(),
    /** Caller number masked by role (libs/access maskCallerNumber): at most the last 4 to a leader. */
    caller: z.string().nullable(),
    joinedAt: epochMs,
    waitSeconds: seconds,
  })
  .strict();

export const trendPointSchema = z
  .object({
    from: epochMs,
    offered: count,
    answered: count,
    answerRate: rate,
    answeredIn10sRate: rate,
    overFiveMinuteRate: rate,
    abandoned: count,
    unknown: count,
    agentsOnDutyMax: count.nullable(),
  })
  .strict();

/**
 * From when the figures include every call (the engine's KpiCoverage): when `complete` is
 * false, today's figures start at `from` (the monitor attached then and nothing earlier was
 * imported) and the boards say so (数据自 15:30 起).
 */
export const coverageSectionSchema = z
  .object({ from: epochMs.nullable(), complete: z.boolean() })
  .strict();

export const alarmSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['long-wait', 'kpi-target', 'pbx-link']),
    severity: z.enum(['warning', 'critical']),
    subject: z.string(),
    value: z.number().nullable(),
    threshold: z.number().nullable(),
    detail: z.record(z.string(), z.string()),
    raisedAt: epochMs,
    clearedAt: epochMs.nullable(),
    /** A leader has seen it: who (display name, or the token's role) and when; null until then. */
    acknowledged: z.object({ by: z.string(), at: epochMs }).strict().nullable(),
  })
  .strict();

export const alarmsSectionSchema = z
  .object({ active: z.array(alarmSchema), recent: z.array(alarmSchema) })
  .strict();

/**
 * The staffing advisor's needed-versus-answering figure for the current 15-minute interval — the
 * centre's, whatever the subscription's queue or line filter (the advisor staffs the centre) —
 * where the agents on duty are, and the advice's status with its causes. The same numbers as
 * GET /api/v1/staffing/now, without its per-call `at`, so the section only changes when the
 * figure does.
 */
export const staffingSectionSchema = z
  .object({
    intervalStart: epochMs,
    intervalEnd: epochMs,
    /** Agents answering needed for the centre's targets (Erlang A, with abandonment). */
    neededNow: count,
    /** Agents logged in now, centre-wide (在岗). */
    onDuty: count,
    /** 在岗 = 可接 + 话后 + paused by kind. */
    floor: z
      .object({
        /** 可接: logged in, not paused, not in wrap-up. */
        ableToAnswer: count,
        /** 话后: in wrap-up (after-call work). */
        afterCallWork: count,
        /** 可接 + 话后: compared with neededNow (the handle time holds the after-call work). */
        answering: count,
        paused: count,
        /** Paused by what the reason means (agents.pauseReasons); other: a reason not named. */
        pausedByKind: z
          .object({ break: count, training: count, meeting: count, other: count })
          .strict(),
      })
      .strict(),
    /** neededNow − floor.answering: positive = agents short, negative = more than needed. */
    gap: z.number().int(),
    /** missed / short: red; spare only when the last finished interval met the targets. */
    status: z.enum(STAFFING_STATUSES),
    /** Why the last finished interval missed a target (status missed), most direct first. */
    causes: z.array(z.enum(STAFFING_CAUSES)),
    /** The interval before this one (null when today's figures do not hold all its calls). */
    lastInterval: z
      .object({
        from: epochMs,
        to: epochMs,
        offered: count,
        answerRate: rate,
        answeredWithinRate: rate,
        missed: z.array(z.enum(['answerRate', 'answeredWithinRate'])),
        /** Calls forecast for it when it began (null: no forecast). */
        expectedCalls: z.number().nonnegative().nullable(),
        /** Agents answering it needed for the calls it got. */
        needed: count,
      })
      .strict()
      .nullable(),
    /** The forecast made for this interval when it began (null until made); no-history: none. */
    forecast: z
      .object({
        method: z.enum(['history', 'today-level', 'no-history']),
        expectedCalls: z.number().nonnegative().nullable(),
      })
      .strict()
      .nullable(),
    /** Erlangs: arrivals of the last 15 minutes × handle time (talk + after-call work). */
    offeredLoad: z.number().nonnegative(),
    arrivalsPerHour: z.number().nonnegative(),
    /** Handle time in seconds and its after-call work part (measured, configured or none). */
    handleTimeSeconds: seconds,
    afterCallWorkSeconds: seconds,
    /** Erlang C's answer (callers infinitely patient), for comparison. */
    neededErlangC: count,
    /** Agents the configured rota puts on this interval (partial cover pro rata). */
    scheduled: z.number().nonnegative(),
  })
  .strict();

export type StaffingSection = z.infer<typeof staffingSectionSchema>;

/** The advisor's figure as the wall shows it (the service's view carries more than it needs). */
export function staffingData(now: StaffingNow): StaffingSection {
  const { floor, lastInterval: last } = now;
  return {
    ...documentedFields(now, [
      'intervalStart',
      'intervalEnd',
      'neededNow',
      'onDuty',
      'gap',
      'status',
      'offeredLoad',
      'arrivalsPerHour',
      'scheduled',
    ]),
    floor: {
      ...documentedFields(floor, ['ableToAnswer', 'afterCallWork', 'answering', 'paused']),
      pausedByKind: { ...floor.pausedByKind },
    },
    causes: [...now.causes],
    lastInterval: last && {
      ...documentedFields(last, [
        'from',
        'to',
        'offered',
        'answerRate',
        'answeredWithinRate',
        'expectedCalls',
        'needed',
      ]),
      missed: [...last.missed],
    },
    forecast: now.forecast && documentedFields(now.forecast, ['method', 'expectedCalls']),
    handleTimeSeconds: now.handleTime.seconds,
    afterCallWorkSeconds: now.handleTime.afterCallWorkSeconds,
    neededErlangC: now.erlangC.agents,
  };
}

/** Every section a subscription can carry; which ones depends on its views. */
export const pushSectionsSchema = z
  .object({
    coverage: coverageSectionSchema.optional(),
    kpis: kpiSectionSchema.optional(),
    live: liveSectionSchema.optional(),
    agentCounts: agentCountsSectionSchema.optional(),
    scopes: z.array(scopeRowSchema).optional(),
    seats: z.array(seatSchema).optional(),
    agents: z.array(agentRowSchema).optional(),
    waiting: z.array(waitingRowSchema).optional(),
    trend: z.array(trendPointSchema).optional(),
    staffing: staffingSectionSchema.optional(),
    alarms: alarmsSectionSchema.optional(),
  })
  .strict();
export type PushSections = z.infer<typeof pushSectionsSchema>;
export type PushSectionName = keyof PushSections;

export const subscriptionSchema = z
  .object({
    /** The site shown: every figure, the link and the seats are that site's. */
    site: z.string(),
    views: z.array(z.enum(PUSH_VIEWS)),
    queues: z.array(z.string()),
    lines: z.array(z.string()),
    period: z.enum(PUSH_PERIODS),
    /** The shift the leader chose for period `shift`; null: the one that started last. */
    shift: z.string().nullable(),
  })
  .strict();

const rateBandSchema = z
  .object({
    bound: z.enum(['floor', 'ceiling']),
    target: z.number().min(0).max(1),
    near: z.number().min(0).max(1),
    critical: z.number().min(0).max(1),
  })
  .strict();

/** The one severity scheme (@hotline/alarms): the boards colour figures by it, alarms fire by it. */
export const severitySchemeSchema = z
  .object({
    rates: z
      .object({
        answerRate: rateBandSchema,
        answeredIn10sRate: rateBandSchema,
        overFiveMinuteRate: rateBandSchema,
        satisfactionRate: rateBandSchema,
      })
      .strict(),
    wait: z
      .object({
        nearSeconds: z.number().nonnegative(),
        alarmSeconds: z.number().positive(),
        criticalSeconds: z.number().positive(),
      })
      .strict(),
    minSample: z.number().int().nonnegative(),
  })
  .strict();

export const helloDataSchema = z
  .object({
    role: z.enum(PUSH_ROLES),
    allowedViews: z.array(z.enum(PUSH_VIEWS)),
    /** The sites this monitor shows, its own first (the default of a subscription). */
    sites: z.array(z.string()).min(1),
    cadenceMs: z.number().int().positive(),
    heartbeatMs: z.number().int().positive(),
    seats: z.number().int().positive(),
    waitAlarmSeconds: z.number().int().positive(),
    lineNames: z.record(z.string(), z.string()),
    severity: severitySchemeSchema,
    /** What the boards flag: talk past longTalkSeconds (the KPI's), pauses past their kind's minutes. */
    timeLimits: z
      .object({
        longTalkSeconds: z.number().int().positive(),
        breakLimitMinutes: z
          .object({
            break: z.number().positive(),
            training: z.number().positive(),
            meeting: z.number().positive(),
            other: z.number().positive(),
          })
          .strict(),
      })
      .strict(),
  })
  .strict();

export const snapshotDataSchema = z
  .object({
    reason: z.enum(['subscribe', 'resume']),
    /** The lastSeq the client resumed from (its previous connection's numbering). */
    resumedFrom: z.number().int().nonnegative().nullable(),
    subscription: subscriptionSchema,
    pbxAt: epochMs,
    timeZone: z.string(),
    targets: kpiTargetsSchema,
    link: linkStatusSchema,
    sections: pushSectionsSchema,
  })
  .strict();

export const updateDataSchema = z.object({ pbxAt: epochMs, sections: pushSectionsSchema }).strict();

export const alarmDataSchema = z
  .object({ state: z.enum(ALARM_TRANSITION_STATES), at: epochMs, alarm: alarmSchema })
  .strict();

export const pongDataSchema = z.object({ pbxAt: epochMs }).strict();

export const errorDataSchema = z
  .object({
    code: z.enum(PUSH_ERROR_CODES),
    message: z.string(),
    issues: z.array(z.string()).optional(),
  })
  .strict();

export const byeDataSchema = z.object({ code: z.number().int(), reason: z.string() }).strict();

export const serverDataSchemas = {
  hello: helloDataSchema,
  snapshot: snapshotDataSchema,
  update: updateDataSchema,
  alarm: alarmDataSchema,
  link: linkStatusSchema,
  pong: pongDataSchema,
  error: errorDataSchema,
  bye: byeDataSchema,
} satisfies Record<ServerMessageType, z.ZodTypeAny>;

export type ServerData = { [K in ServerMessageType]: z.infer<(typeof serverDataSchemas)[K]> };

export function serverEnvelopeSchema<T extends ServerMessageType>(type: T) {
  return z
    .object({
      type: z.literal(type),
      v: z.literal(PUSH_SCHEMA_VERSION),
      seq: z.number().int().positive(),
      at: epochMs,
      data: serverDataSchemas[type],
    })
    .strict();
}
