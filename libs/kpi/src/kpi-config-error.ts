export type KpiConfigErrorCode =
  | 'KPI_ERR_UNKNOWN_TIME_ZONE'
  | 'KPI_ERR_BAD_SHIFT'
  | 'KPI_ERR_BAD_THRESHOLD'
  | 'KPI_ERR_BAD_TARGET'
  | 'KPI_ERR_BAD_PAUSE_REASON';

/** The KPI engine was given a configuration it cannot compute with. */
export class KpiConfigError extends Error {
  override readonly name = 'KpiConfigError';

  constructor(
    readonly code: KpiConfigErrorCode,
    readonly key: string,
    message: string,
  ) {
    super(`${key}: ${message}`);
  }
}
