/** From when stored calls are complete, and on what that rests. */
export interface Coverage {
  /** Epoch ms. */
  readonly coveredFrom: number;
  readonly basis: 'import' | 'live';
}

/**
 * The coverage after an import of [from, to): stored calls are complete from `from` when the
 * import reached the coverage already held, or when it ran up to the present (`reachedNow`, the
 * monitor's start) and either nothing was held or what was held runs on into it without a hole
 * (`storedUntil`, the latest end stored before the import, is not before `from`). An import of
 * an older, separate stretch (the command, for months before deployment) leaves it alone.
 */
export function coverageAfterImport(
  held: Coverage | undefined,
  range: { readonly from: number; readonly to: number },
  reachedNow: boolean,
  storedUntil?: number,
): Coverage | undefined {
  const fromImport: Coverage = { coveredFrom: range.from, basis: 'import' };
  if (held === undefined) return reachedNow ? fromImport : undefined;
  if (range.from < held.coveredFrom && range.to >= held.coveredFrom) return fromImport;
  if (!reachedNow) return held;
  // Held and imported join when the calls held reach into the range; else the hole between
  // them (a monitor down since before the range) is not covered, and the import's start counts.
  const joined = storedUntil !== undefined && storedUntil >= range.from;
  if (joined) return range.from < held.coveredFrom ? fromImport : held;
  return fromImport;
}

/** What the first view of a run finds stored, for the coverage (coverageAtAttach). */
export interface StoryAtAttach {
  /** PBX time of the first view. */
  readonly attachAt: number;
  /** How far this run's import of the ledger reached (PBX time), if one ran to its end. */
  readonly importedUpTo?: number;
  /** The PBX link reads what happened since the latest stored end from the ledger (queue_log). */
  readonly linkBackfills: boolean;
  /** Up to when the stored calls are complete as given to the link (−Infinity: nothing stored). */
  readonly storedUntil: number;
}

/**
 * Whether the stored calls reach the first view without a hole: this run's import reached it
 * (planned on the PBX's clock, up to the view's instant), or the link reads the ledger from the
 * latest stored end on. An import that reached less (the link was lost while it ran, so the
 * view came later) and no backfill leave what happened between unknown.
 */
export function storyReachesAttach(story: StoryAtAttach): boolean {
  if (story.importedUpTo !== undefined && story.importedUpTo >= story.attachAt) return true;
  return story.linkBackfills && Number.isFinite(story.storedUntil);
}

/**
 * The coverage when the PBX link first attaches in a run of the monitor. Nothing held: the
 * calls are complete from this attach on. Held, and the stored calls reach the attach
 * (storyReachesAttach): unchanged. Held but a hole before the attach: the calls are complete
 * only from this attach.
 */
export function coverageAtAttach(
  held: Coverage | undefined,
  attachAt: number,
  storedReachAttach: boolean,
): Coverage {
  if (held === undefined) return { coveredFrom: attachAt, basis: 'live' };
  if (storedReachAttach) return held;
  return held.coveredFrom >= attachAt ? held : { coveredFrom: attachAt, basis: 'live' };
}
