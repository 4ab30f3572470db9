import { DEFAULT_KPI_CONFIG } from '@hotline/kpi';

/** The 12345 centre's targets (kpi-spec.md): answer rate ≥ 95 %, answered in 10 s ÷ answered ≥ 80 %. */
export interface CentreTargets {
  readonly answerRate: number;
  readonly answeredWithinSeconds: number;
  readonly answeredWithinRate: number;
}

/** The KPI defaults (`kpi.targets`, `kpi.answerThresholdSeconds`) as the advisor's targets. */
export const CENTRE_TARGETS: CentreTargets = {
  answerRate: DEFAULT_KPI_CONFIG.targets.answerRate,
  answeredWithinSeconds: DEFAULT_KPI_CONFIG.answerThresholdSeconds,
  answeredWithinRate: DEFAULT_KPI_CONFIG.targets.answeredIn10sRate,
};

/** Used when an interval has too few abandons to estimate patience (a few minutes is typical). */
export const DEFAULT_MEAN_PATIENCE_SECONDS = 180;
