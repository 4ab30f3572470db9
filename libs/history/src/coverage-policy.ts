/** From when stored calls are complete, and on what that rests. */
export interface Coverage {
  /** Epoch ms. */
  readonly coveredFrom: number;
  readonly basis: 'import' | 'live';
}

/**
 * The coverage after an import of [from, to): stored calls are complete from `from` when the
 * import reached the coverage already held (or there was none and it reached now); an import
 * of an older, separate stretch (the command, for months before deployment) leaves it alone.
 * `reachedNowAt` is set when the import ran up to the present (the monitor's start).
 */
export function coverageAfterImport(
  held: Coverage | undefined,
  range: { readonly from: number; readonly to: number },
  reachedNow: boolean,
): Coverage | undefined {
  if (held === undefined)
    return reachedNow ? { coveredFrom: range.from, basis: 'import' } : undefined;
  if (range.from < held.coveredFrom && range.to >= held.coveredFrom)
    return { coveredFrom: range.from, basis: 'import' };
  if (reachedNow && range.from < held.coveredFrom)
    return { coveredFrom: range.from, basis: 'import' };
  return held;
}

/**
 * The coverage when the PBX link first attaches in a run of the monitor. Nothing held: the
 * calls are complete from this attach on. Held, and a ledger fills what happened while no
 * monitor ran (the queue_log backfill on the first connect): unchanged. Held but no ledger: the
 * time the monitor was down is unknown, so the calls are complete only from this attach.
 */
export function coverageAtAttach(
  held: Coverage | undefined,
  attachAt: number,
  gapFilledFromLedger: boolean,
): Coverage {
  if (held === undefined) return { coveredFrom: attachAt, basis: 'live' };
  if (gapFilledFromLedger) return held;
  return held.coveredFrom >= attachAt ? held : { coveredFrom: attachAt, basis: 'live' };
}
