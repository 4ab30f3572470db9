/** Stable codes so callers (and the monitor's exception filter) can tell staffing failures apart. */
export enum StaffingErrorCode {
  InvalidInput = 'STAFFING_ERR_INVALID_INPUT',
  TargetUnreachable = 'STAFFING_ERR_TARGET_UNREACHABLE',
  BadShiftTime = 'STAFFING_ERR_BAD_SHIFT_TIME',
  /** Nothing is known of the period asked about (the monitor answers 404). */
  NoHistory = 'STAFFING_ERR_NO_HISTORY',
}

/** A staffing computation refused its input or could not meet its target. */
export class StaffingError extends Error {
  override readonly name = 'StaffingError';
  constructor(
    readonly code: StaffingErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Throws InvalidInput unless `value` is a finite number ≥ `min` (or > `min` when `strict`). */
export function assertFiniteAtLeast(
  name: string,
  value: number,
  min: number,
  strict = false,
): void {
  const ok = Number.isFinite(value) && (strict ? value > min : value >= min);
  if (!ok) {
    throw new StaffingError(
      StaffingErrorCode.InvalidInput,
      `${name} must be a finite number ${strict ? '>' : '≥'} ${min}, got ${value}`,
    );
  }
}

/** Throws InvalidInput unless `value` is a non-negative whole number. */
export function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new StaffingError(
      StaffingErrorCode.InvalidInput,
      `${name} must be a whole number ≥ 0, got ${value}`,
    );
  }
}

/** Throws InvalidInput unless `value` is a ratio in [0, 1]. */
export function assertRatio(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new StaffingError(
      StaffingErrorCode.InvalidInput,
      `${name} must be a ratio in [0, 1], got ${value}`,
    );
  }
}
