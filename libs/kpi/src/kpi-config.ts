import {
  DEFAULT_TIME_ZONE,
  HOUR_MS,
  type ShiftWindow,
  clockTimeMinutes,
  isValidTimeZone,
} from '@hotline/calendar';
import {
  type AgentWorkConfig,
  DEFAULT_AGENT_WORK_CONFIG,
  PAUSE_ACTIVITIES,
} from './after-call-work';
import { KpiConfigError } from './kpi-config-error';

/** The hotline's targets (appendix 2 of the evaluation report). Rates are fractions 0–1. */
export interface KpiTargets {
  readonly answerRate: number;
  readonly answeredIn10sRate: number;
  /** Must stay *below* this. */
  readonly overFiveMinuteRate: number;
  readonly satisfactionRate: number;
  readonly monthlyOffered: number;
}

export interface KpiEngineConfig {
  /** IANA zone the periods (day, week, month, shifts, intervals) are cut in. */
  readonly timeZone: string;
  readonly shifts: readonly ShiftWindow[];
  /** An answer with wait <= this many seconds is "within 10 s". */
  readonly answerThresholdSeconds: number;
  /** A talk of more than this many seconds is "over 5 minutes" (exactly 300 is not). */
  readonly longTalkSeconds: number;
  /** An abandon with wait < this many seconds is a short abandon. */
  readonly shortAbandonSeconds: number;
  /** A survey score >= this is satisfied. */
  readonly satisfiedMinScore: number;
  readonly targets: KpiTargets;
  /** How long finished calls and idle contacts stay linkable for transfers and late events. */
  readonly contactRetentionMs?: number;
  /**
   * A call in flight with no event for this long is assumed lost (its end was missed without a
   * reconnect): it is set aside like a call missing from a resync view. Default 12 h.
   */
  readonly staleCallMs?: number;
  /** After-call work and pause reasons (the monitor's `agents.*`; after-call-work.ts). */
  readonly agents?: Partial<AgentWorkConfig>;
}

export const DEFAULT_CONTACT_RETENTION_MS = 2 * HOUR_MS;
export const DEFAULT_STALE_CALL_MS = 12 * HOUR_MS;

/** A shift of the rota with the agents rostered on it. */
export interface RotaShiftDefault extends ShiftWindow {
  /** The staffing advisor's name for it: its API has named the rota's shifts in English. */
  readonly nameEn: string;
  readonly agents: number;
}

/**
 * The rota in the 2020 evaluation report (shifts overlap; ~80 agents): the one default of
 * `kpi.shifts` (the KPI periods) and of `staffing.rota` (the advisor's agents per shift).
 */
export const EVALUATION_ROTA: readonly RotaShiftDefault[] = [
  { name: '早班', nameEn: 'morning', start: '07:00', end: '15:00', agents: 21 },
  { name: '中班', nameEn: 'afternoon', start: '14:00', end: '20:30', agents: 14 },
  { name: '晚班', nameEn: 'evening', start: '14:00', end: '22:00', agents: 16 },
  { name: '夜班', nameEn: 'night', start: '21:45', end: '07:10', agents: 8 },
  { name: '白班', nameEn: 'day', start: '09:00', end: '17:00', agents: 21 },
];

export const DEFAULT_SHIFTS: readonly ShiftWindow[] = EVALUATION_ROTA.map(
  ({ name, start, end }) => ({ name, start, end }),
);

export const DEFAULT_KPI_TARGETS: KpiTargets = {
  answerRate: 0.95,
  answeredIn10sRate: 0.8,
  overFiveMinuteRate: 0.36,
  satisfactionRate: 0.95,
  monthlyOffered: 30_000,
};

/** The one set of KPI defaults: the engine's, and the monitor config's (`kpi.*`). */
export const DEFAULT_KPI_CONFIG: ResolvedKpiConfig = {
  timeZone: DEFAULT_TIME_ZONE,
  shifts: DEFAULT_SHIFTS,
  answerThresholdSeconds: 10,
  longTalkSeconds: 300,
  shortAbandonSeconds: 5,
  satisfiedMinScore: 3,
  targets: DEFAULT_KPI_TARGETS,
  contactRetentionMs: DEFAULT_CONTACT_RETENTION_MS,
  staleCallMs: DEFAULT_STALE_CALL_MS,
  agents: DEFAULT_AGENT_WORK_CONFIG,
};

/** The configuration after defaults and validation. */
export type ResolvedKpiConfig = Required<Omit<KpiEngineConfig, 'agents'>> & {
  readonly agents: AgentWorkConfig;
};

/** Merges the defaults and rejects nonsense with a KpiConfigError naming the key. */
export function resolveKpiConfig(partial: Partial<KpiEngineConfig> = {}): ResolvedKpiConfig {
  const d = DEFAULT_KPI_CONFIG;
  const config: ResolvedKpiConfig = {
    timeZone: partial.timeZone ?? d.timeZone,
    shifts: partial.shifts ?? d.shifts,
    answerThresholdSeconds: partial.answerThresholdSeconds ?? d.answerThresholdSeconds,
    longTalkSeconds: partial.longTalkSeconds ?? d.longTalkSeconds,
    shortAbandonSeconds: partial.shortAbandonSeconds ?? d.shortAbandonSeconds,
    satisfiedMinScore: partial.satisfiedMinScore ?? d.satisfiedMinScore,
    targets: { ...d.targets, ...(partial.targets ?? {}) },
    contactRetentionMs: partial.contactRetentionMs ?? d.contactRetentionMs,
    staleCallMs: partial.staleCallMs ?? d.staleCallMs,
    agents: { ...d.agents, ...(partial.agents ?? {}) },
  };
  if (!isValidTimeZone(config.timeZone)) {
    throw new KpiConfigError(
      'KPI_ERR_UNKNOWN_TIME_ZONE',
      'timeZone',
      `unknown IANA time zone "${String(config.timeZone)}"`,
    );
  }
  const names = new Set<string>();
  config.shifts.forEach((shift, i) => {
    const key = `shifts[${i}]`;
    if (!shift || typeof shift.name !== 'string' || shift.name.trim().length === 0) {
      throw new KpiConfigError('KPI_ERR_BAD_SHIFT', `${key}.name`, 'a shift needs a name');
    }
    if (names.has(shift.name)) {
      throw new KpiConfigError(
        'KPI_ERR_BAD_SHIFT',
        `${key}.name`,
        `duplicate shift name "${shift.name}"`,
      );
    }
    names.add(shift.name);
    const start = clockTimeMinutes(shift.start);
    const end = clockTimeMinutes(shift.end);
    if (start === undefined) {
      throw new KpiConfigError(
        'KPI_ERR_BAD_SHIFT',
        `${key}.start`,
        `"${String(shift.start)}" is not HH:mm`,
      );
    }
    if (end === undefined) {
      throw new KpiConfigError(
        'KPI_ERR_BAD_SHIFT',
        `${key}.end`,
        `"${String(shift.end)}" is not HH:mm`,
      );
    }
  });
  const nonNegative: (
    'answerThresholdSeconds' | 'longTalkSeconds' | 'shortAbandonSeconds' | 'satisfiedMinScore'
  )[] = ['answerThresholdSeconds', 'longTalkSeconds', 'shortAbandonSeconds', 'satisfiedMinScore'];
  for (const key of nonNegative) {
    const value: unknown = config[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new KpiConfigError(
        'KPI_ERR_BAD_THRESHOLD',
        key,
        `must be a finite number >= 0, got ${JSON.stringify(value)}`,
      );
    }
  }
  if (!Number.isFinite(config.staleCallMs) || config.staleCallMs <= 0) {
    throw new KpiConfigError(
      'KPI_ERR_BAD_THRESHOLD',
      'staleCallMs',
      'must be a positive number of ms',
    );
  }
  if (!Number.isFinite(config.contactRetentionMs) || config.contactRetentionMs <= 0) {
    throw new KpiConfigError(
      'KPI_ERR_BAD_THRESHOLD',
      'contactRetentionMs',
      'must be a positive number of ms',
    );
  }
  checkAgentWork(config.agents);
  const rates: (keyof KpiTargets)[] = [
    'answerRate',
    'answeredIn10sRate',
    'overFiveMinuteRate',
    'satisfactionRate',
  ];
  for (const key of rates) {
    const value = config.targets[key];
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new KpiConfigError(
        'KPI_ERR_BAD_TARGET',
        `targets.${key}`,
        `must be a fraction 0–1, got ${String(value)}`,
      );
    }
  }
  const monthly = config.targets.monthlyOffered;
  if (typeof monthly !== 'number' || !Number.isFinite(monthly) || monthly < 0) {
    throw new KpiConfigError(
      'KPI_ERR_BAD_TARGET',
      'targets.monthlyOffered',
      'must be a number >= 0',
    );
  }
  return config;
}

function checkAgentWork(agents: AgentWorkConfig): void {
  const seconds = (value: unknown): boolean =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0;
  if (!seconds(agents.wrapUpSeconds)) {
    throw new KpiConfigError(
      'KPI_ERR_BAD_THRESHOLD',
      'agents.wrapUpSeconds',
      `must be whole seconds >= 0, got ${JSON.stringify(agents.wrapUpSeconds)}`,
    );
  }
  for (const [queue, value] of Object.entries(agents.wrapUpSecondsByQueue)) {
    if (!seconds(value)) {
      throw new KpiConfigError(
        'KPI_ERR_BAD_THRESHOLD',
        `agents.wrapUpSecondsByQueue.${queue}`,
        `must be whole seconds >= 0, got ${JSON.stringify(value)}`,
      );
    }
  }
  for (const [reason, activity] of Object.entries(agents.pauseReasons)) {
    if (!(PAUSE_ACTIVITIES as readonly string[]).includes(activity)) {
      throw new KpiConfigError(
        'KPI_ERR_BAD_PAUSE_REASON',
        `agents.pauseReasons.${reason}`,
        `must be one of ${PAUSE_ACTIVITIES.join(', ')}, got ${JSON.stringify(activity)}`,
      );
    }
  }
}
