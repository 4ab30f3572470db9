import { z } from 'zod';
import { PUSH_VIEWS, ROLES, type PushView, type Role } from '@hotline/access';

/** Version of every message's schema; bumped on any incompatible change (docs/websocket-api.md). */
export const PUSH_SCHEMA_VERSION = 1;

/** The views and roles are the access policy's (libs/access): one list each. */
export { PUSH_VIEWS, type PushView };

export const PUSH_PERIODS = ['today', 'shift', 'last60m', 'last15m', 'week', 'month'] as const;
export type PushPeriod = (typeof PUSH_PERIODS)[number];

const name = z.string().min(1).max(64);

export const subscribeMessageSchema = z
  .object({
    type: z.literal('subscribe'),
    v: z.literal(PUSH_SCHEMA_VERSION),
    views: z.array(z.enum(PUSH_VIEWS)).min(1).max(PUSH_VIEWS.length),
    /** The site to show (hello lists them); default the monitor's own. */
    site: name.optional(),
    queues: z.array(name).max(50).optional(),
    lines: z.array(name).max(200).optional(),
    period: z.enum(PUSH_PERIODS).optional(),
    /** For period `shift` when shifts overlap: which running shift (kpis.shifts names them). */
    shift: name.optional(),
    /** The last sequence number the client saw before it reconnected. */
    lastSeq: z.number().int().nonnegative().optional(),
  })
  .strict();

export const pingMessageSchema = z
  .object({ type: z.literal('ping'), v: z.literal(PUSH_SCHEMA_VERSION) })
  .strict();

/**
 * A shift leader acknowledges an active alarm (leader or admin token). `by`: the leader's
 * display name from the page; without one the acknowledgement names the token's role.
 */
export const ackMessageSchema = z
  .object({
    type: z.literal('ack'),
    v: z.literal(PUSH_SCHEMA_VERSION),
    alarmId: z.string().min(1).max(200),
    by: z.string().trim().max(40).optional(),
  })
  .strict();

/** What a client may send. Anything else gets an `error` reply; the connection stays usable. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  subscribeMessageSchema,
  pingMessageSchema,
  ackMessageSchema,
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type SubscribeMessage = Extract<ClientMessage, { type: 'subscribe' }>;
export type AckMessage = Extract<ClientMessage, { type: 'ack' }>;

export type ServerMessageType =
  'hello' | 'snapshot' | 'update' | 'alarm' | 'link' | 'pong' | 'error' | 'bye';

/** Every server message: type, schema version, per-connection sequence number, server time. */
export interface ServerEnvelope<T extends ServerMessageType, D> {
  readonly type: T;
  readonly v: typeof PUSH_SCHEMA_VERSION;
  readonly seq: number;
  readonly at: number;
  readonly data: D;
}

export const PUSH_ERROR_CODES = [
  'BAD_JSON',
  'BAD_MESSAGE',
  'RATE_LIMITED',
  'UNAUTHORIZED',
  'TOO_SLOW',
  'NOT_SUBSCRIBED',
  /** A queue or line the monitor does not know (issues name them); the subscription is unchanged. */
  'UNKNOWN_FILTER',
  /** A site the monitor does not show (hello lists them); the subscription is unchanged. */
  'UNKNOWN_SITE',
  /** The subscription would add a queue/line filter beyond push.maxDistinctFilters. */
  'TOO_MANY_FILTERS',
  /** An `ack` of an alarm that is not active, or is already acknowledged. */
  'UNKNOWN_ALARM',
] as const;
export type PushErrorCode = (typeof PUSH_ERROR_CODES)[number];

/** WebSocket close codes the server uses (RFC 6455 §7.4.1; 4xxx are ours). */
export const PUSH_CLOSE = {
  /** Server restarting or shutting down. */
  goingAway: { code: 1001, reason: 'server shutting down' },
  /** Kept sending after being rate limited. */
  policy: { code: 1008, reason: 'rate limit abuse' },
  /** A token was presented and is not valid. */
  unauthorized: { code: 4401, reason: 'unauthorized' },
  /** Could not keep up with the updates (RFC 6455 1013 "try again later"). */
  tooSlow: { code: 1013, reason: 'too slow' },
} as const;

export const PUSH_ROLES = ROLES;
export type PushRole = Role;
