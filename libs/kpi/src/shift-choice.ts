import type { ActiveShift } from './kpi-snapshot';

/**
 * The shift 本班次 means when shifts overlap: the one the leader chose while it is running,
 * else the one that started last among those running now. Undefined when none is running.
 */
export function chosenShift(
  active: readonly ActiveShift[],
  preferred: string | null,
): ActiveShift | undefined {
  const named = preferred === null ? undefined : active.find((s) => s.name === preferred);
  return named ?? [...active].sort((a, b) => b.from - a.from)[0];
}
