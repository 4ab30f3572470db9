import { z } from 'zod';
import { ALARM_DAMPING_LIMITS, DEFAULT_ALARM_DAMPING as ALARMS, MIN_SAMPLE } from '@hotline/alarms';
import { parseImportFrom } from '@hotline/history';
import { AMI_CLIENT_DEFAULTS as AMI, hasAmiLineBreak } from '@hotline/asterisk';
import { CLOCK_TIME_PATTERN, isValidTimeZone } from '@hotline/calendar';
import { DEFAULT_RECONNECT_POLICY as RECONNECT } from '@hotline/call-events';
import { ESL_CLIENT_DEFAULTS as ESL, hasEslLineBreak } from '@hotline/freeswitch';
import {
  DEFAULT_BREAK_LIMIT_MINUTES as BREAK_LIMITS,
  DEFAULT_KPI_CONFIG as KPI,
  DEFAULT_SHIFTS,
  PAUSE_ACTIVITIES,
  PLATFORM_SITE,
} from '@hotline/kpi';
import { MAX_GRID, seatPlanProblems } from '@hotline/seats';
import { staffingConfigSchema } from '../staffing/staffing-options';

const hhmm = z.string().regex(CLOCK_TIME_PATTERN, 'must be HH:mm (24-hour), e.g. "07:00"');
const port = z.number().int().min(1).max(65535);
const ratio = z.number().min(0).max(1);
const minutes = z
  .number()
  .positive()
  .max(24 * 60);
/** Sent in an AMI header: a CR or LF would end it early (header injection), so it is refused here. */
const amiHeaderValue = z
  .string()
  .min(1)
  .refine((value) => !hasAmiLineBreak(value), 'must not contain CR or LF');
/** Sent in an ESL command line: a CR or LF would start a second command. */
const eslCommandValue = z
  .string()
  .min(1)
  .refine((value) => !hasEslLineBreak(value), 'must not contain CR or LF');

/** History sources that read one PBX's own tables or files. */
const HISTORY_SOURCE_PBX = [
  ['queueLogTable', 'asterisk'],
  ['asteriskCdr', 'asterisk'],
  ['freeswitchCdr', 'freeswitch'],
] as const;

/** A choice (pbx.type, storage.driver) whose own section is missing: the issue at that key. */
function missingSection(ctx: z.RefinementCtx, section: string, when: string): void {
  ctx.addIssue({ code: z.ZodIssueCode.custom, path: [section], message: `required when ${when}` });
}

/** A scheduled report: on by default, on its day (`day`: the one key naming it), at 08:00. */
function reportSchedule<Day extends Record<string, z.ZodDefault>>(day: Day) {
  const schedule = z
    .object({ enabled: z.boolean().default(true), ...day, at: hhmm.default('08:00') })
    .strict();
  // Every key has a default (Day's too), so {} is a whole input.
  return schedule.prefault({} as z.input<typeof schedule>);
}

const gridIndex = z.number().int().min(1).max(MAX_GRID);
const agentId = z.string().min(1);
const personName = z.string().min(1).max(40);
/**
 * The floor (docs/configuration.md "Seats"): a count laid out as a grid, or every desk by seat
 * number, row and column (gaps where no desk is), with the agent who sits there and their name
 * and staff number; `people` names the agents without a desk of their own.
 */
const seatsSchema = z
  .union([
    z.number().int().positive().max(10_000),
    z
      .object({
        places: z
          .array(
            z
              .object({
                seat: z.number().int().positive(),
                row: gridIndex,
                col: gridIndex,
                agent: agentId.optional(),
                name: personName.optional(),
                staffNo: z.string().min(1).max(20).optional(),
              })
              .strict(),
          )
          .min(1, 'name at least one desk (or give seats as a count, e.g. 58)'),
        people: z
          .array(
            z
              .object({
                agent: agentId,
                name: personName,
                staffNo: z.string().min(1).max(20).optional(),
              })
              .strict(),
          )
          .default([]),
      })
      .strict(),
  ])
  .superRefine((seats, ctx) => {
    for (const problem of seatPlanProblems(seats))
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [...problem.path],
        message: problem.message,
      });
  });

const reconnectSchema = z
  .object({
    initialDelayMs: z.number().int().positive().default(RECONNECT.initialDelayMs),
    maxDelayMs: z.number().int().positive().default(RECONNECT.maxDelayMs),
    multiplier: z.number().min(1).default(RECONNECT.multiplier),
    jitter: ratio.default(RECONNECT.jitter),
  })
  .strict()
  .prefault({});

const asteriskSchema = z
  .object({
    host: z.string().min(1),
    port: port.default(5038),
    username: amiHeaderValue,
    /** Prefer HOTLINE_AMI_SECRET or secretFile: a secret in a YAML file ends up in backups. */
    secret: amiHeaderValue.optional(),
    secretFile: z.string().min(1).optional(),
    filterEvents: z.boolean().default(true),
    lineVariable: z.string().min(1).default('HOTLINE'),
    surveyUserEvent: z.string().min(1).default('SurveyResult'),
    heartbeatIntervalMs: z.number().int().positive().default(AMI.heartbeatIntervalMs),
    heartbeatTimeoutMs: z.number().int().positive().default(AMI.heartbeatTimeoutMs),
    actionTimeoutMs: z.number().int().positive().default(AMI.actionTimeoutMs),
    connectTimeoutMs: z.number().int().positive().default(AMI.connectTimeoutMs),
    reconnect: reconnectSchema,
    /**
     * Asterisk's queue_log (e.g. /var/log/asterisk/queue_log), readable by the monitor: after a
     * reconnect, calls that moved while the AMI link was down are read from it, and on every
     * connect the callers waiting or talking get their exact join and answer from it. Optional;
     * without it a call that ended unseen is `unknown` (deploy/asterisk/README.md).
     */
    queueLogPath: z.string().min(1).optional(),
  })
  .strict();

const freeswitchSchema = z
  .object({
    host: z.string().min(1),
    port: port.default(8021),
    password: eslCommandValue.optional(),
    passwordFile: z.string().min(1).optional(),
    lineVariable: z.string().min(1).default('hotline'),
    /** mod_callcenter queues read on every (re)connect to rebuild what is in flight. */
    queues: z.array(z.string().min(1)).min(1).default(['12345@default']),
    heartbeatIntervalMs: z.number().int().positive().default(ESL.heartbeatIntervalMs),
    heartbeatTimeoutMs: z.number().int().positive().default(ESL.heartbeatTimeoutMs),
    reconnect: reconnectSchema,
  })
  .strict();

const simulatorSchema = z
  .object({
    scenario: z.string().min(1).default('month-2021-01'),
    speed: z.number().positive().max(100_000).default(1),
    seed: z.number().int().default(12345),
    /** Port of the embedded simulator's AMI server; 0 picks a free one. */
    port: z.number().int().min(0).max(65535).default(0),
  })
  .strict()
  .prefault({});

/**
 * History from the PBX's own ledger on a first start (docs/architecture.md "History"): with an
 * empty store (or one that ends before today) the monitor imports the calls since `importFrom`
 * before it goes live. The ledger: Asterisk's `pbx.asterisk.queueLogPath` file, or its realtime
 * `queueLogTable`; FreeSWITCH's `freeswitchCdr`.
 */
const historySchema = z
  .object({
    importFrom: z
      .string()
      .default('month')
      .superRefine((text, ctx) => {
        const parsed = parseImportFrom(text);
        if (typeof parsed === 'object' && 'error' in parsed)
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
      }),
    /** Asterisk realtime queue_log table (extconfig.conf `queue_log => odbc,…`), PostgreSQL. */
    queueLogTable: z
      .object({
        /** Prefer HOTLINE_HISTORY_QUEUE_LOG_TABLE_URL: the URL carries the password. */
        url: z
          .string()
          .min(1)
          .superRefine((url, ctx) => {
            const message = /^(mysql|mariadb):/i.test(url)
              ? 'MySQL/MariaDB queue_log tables are not supported yet (only PostgreSQL is tested); import the queue_log file instead'
              : /^postgres(ql)?:\/\//i.test(url)
                ? undefined
                : 'must be a postgres:// URL';
            if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
          }),
        table: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an SQL identifier')
          .default('queue_log'),
        schema: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an SQL identifier')
          .optional(),
        /** The zone of the `time` column's wall-clock text (the PBX's local time); default kpi.timeZone. */
        timeZone: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /**
     * Asterisk's CDR (cdr_csv Master.csv, `newcdrcolumns = yes`; its rotated siblings too): the
     * import groups queue_log's channels into contacts by its Linkedid.
     */
    asteriskCdr: z.string().min(1).optional(),
    /** FreeSWITCH CDR with mod_callcenter's cc_* variables. */
    freeswitchCdr: z
      .object({
        /** A mod_cdr_csv file (its rotated siblings too) or a folder of CDR files. */
        path: z.string().min(1),
        format: z.enum(['csv', 'json']).default('csv'),
        /** The cdr_csv.conf.xml template, when the CSV has no header line naming its columns. */
        csvTemplate: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .prefault({});

/** A PBX link: what today's `pbx:` and every `pbxes:` entry say (its rules checked by pbxRules). */
const pbxFields = {
  /** 'simulator' runs the built-in PBX simulator: the demo default when no PBX is configured. */
  type: z.enum(['asterisk', 'freeswitch', 'simulator']).default('simulator'),
  asterisk: asteriskSchema.optional(),
  freeswitch: freeswitchSchema.optional(),
  simulator: simulatorSchema,
};

/** The rules of one PBX link, for `pbx:` and for each `pbxes:` entry alike. */
function pbxRules(
  pbx: { readonly type: string; readonly asterisk?: unknown; readonly freeswitch?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (pbx.type === 'asterisk' && !pbx.asterisk)
    missingSection(ctx, 'asterisk', 'type is "asterisk" (host, username, and a secret)');
  if (pbx.type === 'freeswitch' && !pbx.freeswitch)
    missingSection(ctx, 'freeswitch', 'type is "freeswitch" (host and a password)');
}

const pbxSchema = z.object(pbxFields).strict().superRefine(pbxRules);

/** The site of an embedded monitor's one PBX (`pbx:`), and of a cluster without `cluster.site`. */
export const DEFAULT_SITE = 'default';

const siteName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,63}$/,
    'a lower-case name (letters, digits, - and _), e.g. "lvliang"',
  )
  .refine(
    (name) => name !== PLATFORM_SITE,
    `"${PLATFORM_SITE}" is reserved: ?site=${PLATFORM_SITE} asks the reports for the total of every site`,
  );

/** A `pbxes:` entry: a PBX link and the site it is. */
const pbxEntrySchema = z
  .object({ site: siteName, ...pbxFields })
  .strict()
  .superRefine(pbxRules);

/**
 * `mode: cluster` (docs/cluster.md): this instance's role, its own site (every Redis key
 * carries a site's name) and, for a serve, every site it shows (docs/adr/0006-sites.md).
 */
const clusterSchema = z
  .object({
    role: z.enum(['ingest', 'serve']),
    /** The site whose PBX this ingest links to, or whose database this serve stores into. */
    site: siteName.default(DEFAULT_SITE),
    /**
     * A serve: the sites it reads and shows (each its own stream and engine); `site` is among
     * them whether listed or not. Default: `site` alone.
     */
    sites: z
      .array(siteName)
      .min(1)
      .max(64)
      .refine((names) => new Set(names).size === names.length, 'a site is listed twice')
      .optional(),
    redis: z
      .object({
        url: z.string().regex(/^rediss?:\/\/\S+$/, 'a redis:// URL, e.g. "redis://127.0.0.1:6379"'),
      })
      .strict(),
    lease: z
      .object({
        /** The ingest lease's lifetime: a standby takes over this long after the holder died. */
        ttlMs: z.number().int().min(1_000).max(60_000).default(5_000),
        renewMs: z.number().int().min(100).default(1_000),
        /** How often a standby ingest tries to take the lease. */
        pollMs: z.number().int().min(100).max(10_000).default(1_000),
      })
      .strict()
      .prefault({})
      .refine((lease) => lease.renewMs * 2 <= lease.ttlMs, {
        message: 'renewMs must be at most half of ttlMs (a renewal may be late once)',
        path: ['renewMs'],
      }),
    stream: z
      .object({
        /** Entries older than this are trimmed (MINID ~); an event's append-once mark lasts as long. */
        retentionHours: z
          .number()
          .min(1)
          .max(24 * 31)
          .default(48),
        /** A cap whatever the age (MAXLEN ~). */
        maxLength: z.number().int().min(1_000).default(2_000_000),
      })
      .strict()
      .prefault({}),
    /** Records an ingest holds while Redis is unreachable; beyond it the newest are refused. */
    bufferCapacity: z.number().int().min(100).max(10_000_000).default(200_000),
  })
  .strict();

const shiftSchema = z.object({ name: z.string().min(1), start: hhmm, end: hhmm }).strict();

export const monitorConfigSchema = z
  .object({
    server: z
      .object({ host: z.string().min(1).default('0.0.0.0'), port: port.default(3000) })
      .strict()
      .prefault({}),
    /** `embedded`: one process, no Redis (the default); `cluster`: a role on a Redis Stream. */
    mode: z.enum(['embedded', 'cluster']).default('embedded'),
    cluster: clusterSchema.optional(),
    log: z
      .object({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info'),
      })
      .strict()
      .prefault({}),
    /** One PBX, the instance's own site's (`pbxes:` with one entry says the same). */
    pbx: pbxSchema.optional(),
    /**
     * Every PBX this instance links to, each its own site (docs/adr/0006-sites.md); the first is
     * the instance's own site (storage, staffing, alarms). A cluster ingest takes exactly one.
     */
    pbxes: z
      .array(pbxEntrySchema)
      .min(1)
      .max(64)
      .superRefine((entries, ctx) => {
        const seen = new Set<string>();
        entries.forEach((entry, index) => {
          if (seen.has(entry.site))
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              path: [index, 'site'],
              message: `"${entry.site}" is the site of an earlier entry: each PBX is its own site`,
            });
          seen.add(entry.site);
        });
      })
      .optional(),
    kpi: z
      .object({
        timeZone: z
          .string()
          .min(1)
          .refine(isValidTimeZone, 'not an IANA time zone this Node.js knows, e.g. "Asia/Shanghai"')
          .default(KPI.timeZone),
        shifts: z.array(shiftSchema).default(() => DEFAULT_SHIFTS.map((s) => ({ ...s }))),
        answerThresholdSeconds: z.number().int().positive().default(KPI.answerThresholdSeconds),
        longTalkSeconds: z.number().int().positive().default(KPI.longTalkSeconds),
        shortAbandonSeconds: z.number().int().nonnegative().default(KPI.shortAbandonSeconds),
        satisfiedMinScore: z.number().int().min(1).max(5).default(KPI.satisfiedMinScore),
        /** How often live KPIs are recomputed and pushed; also the engine's tick. */
        tickMs: z.number().int().min(50).max(60_000).default(1_000),
        targets: z
          .object({
            answerRate: ratio.default(KPI.targets.answerRate),
            answeredIn10sRate: ratio.default(KPI.targets.answeredIn10sRate),
            overFiveMinuteRate: ratio.default(KPI.targets.overFiveMinuteRate),
            satisfactionRate: ratio.default(KPI.targets.satisfactionRate),
            monthlyOffered: z.number().int().positive().default(KPI.targets.monthlyOffered),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /**
     * After-call work (话后) and pauses (docs/kpi-spec.md, agent states): the wrap-up after each
     * answered call when the PBX does not report the agent's own (an Asterisk queue's
     * `wrapuptime` is not on AMI), and what each PBX pause reason means.
     */
    agents: z
      .object({
        wrapUpSeconds: z.number().int().nonnegative().default(KPI.agents.wrapUpSeconds),
        wrapUpSecondsByQueue: z
          .record(z.string().min(1), z.number().int().nonnegative())
          .default(() => ({ ...KPI.agents.wrapUpSecondsByQueue })),
        pauseReasons: z
          .record(z.string().min(1), z.enum(PAUSE_ACTIVITIES))
          .default(() => ({ ...KPI.agents.pauseReasons })),
        /**
         * The boards flag a pause longer than this many minutes, per kind (what its reason means
         * in pauseReasons; other: a reason not named there). Talk is flagged past kpi.longTalkSeconds.
         */
        breakLimitMinutes: z
          .object({
            break: minutes.default(BREAK_LIMITS.break),
            training: minutes.default(BREAK_LIMITS.training),
            meeting: minutes.default(BREAK_LIMITS.meeting),
            other: minutes.default(BREAK_LIMITS.other),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /**
     * Access by role (docs/security.md; the README lists each route's role). With no
     * wallboard, leader or admin token set, every page and API is open (a closed LAN). Reading
     * the wallboard needs no token while `wallboardPublic` is true; the leader view, the
     * snapshot, staffing and reports APIs need the leader or admin token, storage status the
     * admin token (`Authorization: Bearer …`; a page's `?token=` becomes a cookie). /metrics
     * is open until `tokens.metrics` is set (Prometheus' own token).
     */
    auth: z
      .object({
        wallboardPublic: z.boolean().default(true),
        tokens: z
          .object({
            wallboard: z.string().min(16, 'tokens must be at least 16 characters').optional(),
            leader: z.string().min(16, 'tokens must be at least 16 characters').optional(),
            admin: z.string().min(16, 'tokens must be at least 16 characters').optional(),
            metrics: z.string().min(16, 'tokens must be at least 16 characters').optional(),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /** WebSocket push (docs/websocket-api.md). */
    push: z
      .object({
        cadenceMs: z.number().int().min(100).max(60_000).default(1_000),
        waitAlarmSeconds: z.number().int().positive().default(60),
        heartbeatMs: z.number().int().min(1_000).default(15_000),
        maxPayloadBytes: z.number().int().min(256).max(1_048_576).default(4_096),
        maxBufferedBytes: z.number().int().min(65_536).default(1_048_576),
        clientMessagesPerSecond: z.number().positive().default(5),
        /** Open WebSocket connections in all; beyond it an upgrade gets 503. */
        maxConnections: z.number().int().min(1).max(100_000).default(500),
        /**
         * Open connections from one remote address (429 beyond). Behind a reverse proxy every
         * client has the proxy's address: raise it to maxConnections and cap at the proxy.
         */
        maxConnectionsPerAddress: z.number().int().min(1).max(100_000).default(50),
        /** Open connections per role, so anonymous clients cannot crowd out the token holders. */
        maxConnectionsPerRole: z
          .object({
            public: z.number().int().min(0).max(100_000).default(200),
            wallboard: z.number().int().min(0).max(100_000).default(300),
            leader: z.number().int().min(0).max(100_000).default(100),
            admin: z.number().int().min(0).max(100_000).default(50),
          })
          .strict()
          .prefault({}),
        /**
         * Distinct queue/line filters subscribed at once (each costs one engine snapshot per
         * push); a subscription adding one beyond it gets a TOO_MANY_FILTERS error.
         */
        maxDistinctFilters: z.number().int().min(1).max(1_000).default(32),
      })
      .strict()
      .prefault({}),
    /**
     * KPI-target alarms that hold still (libs/alarms alarm-damping.ts): raised when a rate is
     * past its target, cleared once it has been back beyond target ± `hysteresis` (a rate 0–1)
     * for `holdSeconds` without a break.
     */
    alarms: z
      .object({
        hysteresis: z
          .number()
          .min(0)
          .max(ALARM_DAMPING_LIMITS.maxHysteresis, 'a rate 0–0.2 (0.01 is one percentage point)')
          .default(ALARMS.hysteresis),
        holdSeconds: z
          .number()
          .int()
          .min(0)
          .max(ALARM_DAMPING_LIMITS.maxHoldSeconds, 'at most an hour')
          .default(ALARMS.holdSeconds),
        /**
         * A rate over fewer calls than this is not judged: no alarm, and the boards show it
         * neutral with its count instead of red or green (rates swing just after midnight).
         */
        minSample: z.number().int().min(0).max(10_000).default(MIN_SAMPLE),
      })
      .strict()
      .prefault({}),
    metrics: z
      .object({
        /** Per-agent state series (80 agents × 6 states); off to keep label sets small. */
        perAgent: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** Call records (docs/reports.md): SQLite by default, PostgreSQL for production. */
    storage: z
      .object({
        driver: z.enum(['sqlite', 'postgres']).default('sqlite'),
        sqlite: z
          .object({ path: z.string().min(1).default('./data/hotline.sqlite') })
          .strict()
          .prefault({}),
        postgres: z
          .object({
            /** Prefer HOTLINE_STORAGE_PG_URL: the URL carries the password. */
            url: z.string().min(1),
            schema: z
              .string()
              .regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier')
              .default('public'),
            poolSize: z.number().int().min(1).max(100).default(10),
            /**
             * A cluster serve: the schemas (in this database) of its other sites (cluster.sites),
             * their own instances' records: each such site's engine is restored from its schema
             * before its stream is read. Read only; nothing of another site is written.
             */
            siteSchemas: z
              .record(
                siteName,
                z.string().regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier'),
              )
              .default({}),
          })
          .strict()
          .optional(),
        writer: z
          .object({
            maxBacklog: z.number().int().positive().default(50_000),
            batchSize: z.number().int().positive().default(500),
            flushIntervalMs: z.number().int().positive().default(1_000),
            retryInitialDelayMs: z.number().int().positive().default(500),
            retryMaxDelayMs: z.number().int().positive().default(30_000),
            spillPath: z.string().min(1).default('./data/spill/storage-backlog.jsonl'),
          })
          .strict()
          .prefault({}),
        retention: z
          .object({
            rawMonths: z.number().int().min(1).default(24),
            intervalAggregateMonths: z.number().int().min(1).default(120),
          })
          .strict()
          .prefault({}),
        purgeAt: hhmm.default('03:30'),
      })
      .strict()
      .prefault({})
      .superRefine((storage, ctx) => {
        if (storage.driver === 'postgres' && !storage.postgres)
          missingSection(
            ctx,
            'postgres',
            'storage.driver is "postgres" (url, or HOTLINE_STORAGE_PG_URL)',
          );
      }),
    history: historySchema,
    /** Scheduled reports: weekly on Wednesday for the week before, monthly on the 1st. */
    reports: z
      .object({
        folder: z.string().min(1).default('./data/reports'),
        language: z.enum(['zh', 'en']).default('zh'),
        weekly: reportSchedule({ isoWeekday: z.number().int().min(1).max(7).default(3) }),
        monthly: reportSchedule({ dayOfMonth: z.number().int().min(1).max(28).default(1) }),
        peakIntervals: z.number().int().min(1).max(500).default(20),
      })
      .strict()
      .prefault({}),
    /** Staffing advisor: the rota and the model's inputs (docs/staffing.md). */
    staffing: staffingConfigSchema.prefault({}),
    /** Integrated hotline (热线) codes as the PBX reports them → display names. */
    lines: z.record(z.string(), z.string()).default({}),
    /** Seats on the floor, for the seat map: a count, or every desk where it is (libs/seats). */
    seats: seatsSchema.default(58),
  })
  .strict()
  .superRefine((config, ctx) => {
    const { history } = config;
    pbxesRules(config, ctx);
    const home = config.pbxes?.[0] ?? config.pbx;
    const homeKey = config.pbxes ? 'pbxes[0].type' : 'pbx.type';
    siteSchemaRules(config, ctx);
    if (config.cluster?.sites && config.cluster.role !== 'serve')
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['cluster', 'sites'],
        message: 'applies to role "serve" only (an ingest links to its own site\'s PBX)',
      });
    if (config.mode === 'cluster' && !config.cluster)
      missingSection(ctx, 'cluster', 'mode is "cluster" (role, and redis.url)');
    if (config.mode === 'embedded' && config.cluster)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['cluster'],
        message: 'applies to mode "cluster" only (set mode: cluster)',
      });
    for (const [source, type] of HISTORY_SOURCE_PBX) {
      // The ledger is the own site's PBX's: the first entry's (docs/adr/0006-sites.md, decision 4).
      if (history[source] && (home?.type ?? 'simulator') !== type)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['history', source],
          message: `applies to ${homeKey} "${type}" only`,
        });
    }
  })
  .transform(({ pbx, pbxes, ...config }) => {
    const entries = pbxes ?? [
      { site: config.cluster?.site ?? DEFAULT_SITE, ...(pbx ?? pbxSchema.parse({})) },
    ];
    return { ...config, pbx: entries[0], pbxes: entries as [PbxEntry, ...PbxEntry[]] };
  });

/**
 * `storage.postgres.siteSchemas`: a serve reads its other sites' schemas; an embedded monitor
 * with several PBXs stores each further site's calls in its own (required, and none shared),
 * the layout a cluster of those sites would have.
 */
function siteSchemaRules(
  config: {
    readonly pbxes?: readonly { readonly site: string }[];
    readonly cluster?: { readonly role: string; readonly site: string; readonly sites?: string[] };
    readonly storage: {
      readonly driver: string;
      readonly postgres?: { readonly schema: string; readonly siteSchemas: Record<string, string> };
    };
  },
  ctx: z.RefinementCtx,
): void {
  const { cluster, storage } = config;
  const ownSite = cluster?.site ?? config.pbxes?.[0]?.site ?? DEFAULT_SITE;
  const written = cluster ? [] : (config.pbxes ?? []).slice(1).map((entry) => entry.site);
  const shown = cluster?.role === 'serve' ? (cluster.sites ?? []) : written;
  const schemas = storage.postgres?.siteSchemas ?? {};
  const issue = (site: string, message: string) =>
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['storage', 'postgres', 'siteSchemas', site],
      message,
    });
  for (const site of Object.keys(schemas)) {
    if (site === ownSite)
      issue(site, "is this instance's own site: its schema is storage.postgres.schema");
    else if (!shown.includes(site))
      issue(
        site,
        'names a site this instance does not show (a cluster serve lists its sites in cluster.sites, an embedded monitor its PBXs in pbxes)',
      );
  }
  if (storage.driver !== 'postgres' || !storage.postgres) return;
  const taken = new Map([[storage.postgres.schema, 'storage.postgres.schema']]);
  for (const site of written) {
    const schema = schemas[site];
    if (schema === undefined) {
      issue(site, `required: the schema site "${site}"'s calls are stored in (pbxes)`);
      continue;
    }
    const holder = taken.get(schema);
    if (holder)
      issue(site, `schema "${schema}" is already ${holder}'s: each site's calls have their own`);
    taken.set(schema, `storage.postgres.siteSchemas.${site}`);
  }
}

/**
 * `pbx` and `pbxes` say the same thing two ways: one of them. A cluster ingest links to its
 * own site's PBX (one entry, that site); a serve links to none (it reads the sites' streams).
 */
function pbxesRules(
  config: {
    readonly pbx?: unknown;
    readonly pbxes?: readonly { readonly site: string }[];
    readonly mode: string;
    readonly cluster?: { readonly role: string; readonly site: string };
  },
  ctx: z.RefinementCtx,
): void {
  const { pbxes, cluster } = config;
  if (!pbxes) return;
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  if (config.pbx !== undefined)
    issue(['pbxes'], 'pbx and pbxes are both set: give one PBX as pbx, or every PBX as pbxes');
  if (config.mode !== 'cluster' || !cluster) return;
  if (cluster.role === 'serve')
    issue(['pbxes'], "a cluster serve links to no PBX (it reads the sites' streams): remove it");
  else if (pbxes.length !== 1)
    issue(['pbxes'], `a cluster ingest links to one PBX, its site's: ${pbxes.length} are listed`);
  else if (pbxes[0].site !== cluster.site)
    issue(
      ['pbxes', 0, 'site'],
      `must be cluster.site ("${cluster.site}"): an ingest links to its own site's PBX`,
    );
}

/** A PBX link and its site, as the app sees every PBX (`pbx:` is the entry of the own site). */
export type PbxEntry = z.output<typeof pbxEntrySchema>;
export type MonitorConfigInput = z.input<typeof monitorConfigSchema>;
export type MonitorConfig = z.output<typeof monitorConfigSchema>;
