/**
 * Fixed lengths of time. A local day is not always DAY_MS long (23 or 25 hours on a DST change):
 * use the zone's arithmetic (zoned-time.ts) for local days, weeks and months.
 */
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const MINUTES_PER_DAY = 24 * 60;

/** The length of the centre's reporting interval (15 minutes, kpi-spec.md). */
export const INTERVAL_MINUTES = 15;
export const FIFTEEN_MINUTES_MS = INTERVAL_MINUTES * MINUTE_MS;
