/** Where the after-call work per call came from. */
export type AfterCallWorkSource = 'config' | 'measured' | 'none';

export interface AfterCallWorkPerCall {
  readonly seconds: number;
  readonly source: AfterCallWorkSource;
}

/** The agents' wrap-up seconds after a set of answered calls. */
export interface MeasuredWrapUp {
  readonly wrapUpSeconds: number;
  readonly answeredCalls: number;
}

/**
 * After-call work per answered call, the one rule of the live advisor and the rota planner:
 * as configured (`staffing.afterCallWorkSeconds`) when it is; else the measured wrap-up over
 * the answered calls; else none (0 s), said as such.
 */
export function afterCallWorkPerCall(
  configured: number | undefined,
  measured: MeasuredWrapUp | undefined,
): AfterCallWorkPerCall {
  if (configured !== undefined) return { seconds: configured, source: 'config' };
  if (measured && measured.answeredCalls > 0 && measured.wrapUpSeconds > 0)
    return { seconds: measured.wrapUpSeconds / measured.answeredCalls, source: 'measured' };
  return { seconds: 0, source: 'none' };
}
