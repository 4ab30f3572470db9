/** The 12345 centre's targets (kpi-spec.md): answer rate ≥ 95 %, answered in 10 s ÷ answered ≥ 80 %. */
export interface CentreTargets {
  readonly answerRate: number;
  readonly answeredWithinSeconds: number;
  readonly answeredWithinRate: number;
}

export const CENTRE_TARGETS: CentreTargets = {
  answerRate: 0.95,
  answeredWithinSeconds: 10,
  answeredWithinRate: 0.8,
};

/** Used when an interval has too few abandons to estimate patience (a few minutes is typical). */
export const DEFAULT_MEAN_PATIENCE_SECONDS = 180;
