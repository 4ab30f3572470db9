/** Asia/Shanghai has been UTC+8 without daylight saving since 1991. */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 86_400_000;

/** Fractional hour of day in Shanghai (0 ≤ h < 24). */
export function shanghaiHour(epochMs: number): number {
  const local = (((epochMs + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return local / 3_600_000;
}

/** Day of week in Shanghai, 0 = Monday … 6 = Sunday. */
export function shanghaiWeekday(epochMs: number): number {
  const days = Math.floor((epochMs + SHANGHAI_OFFSET_MS) / DAY_MS);
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  return (((days + 3) % 7) + 7) % 7;
}

/** Epoch ms of the Shanghai midnight that starts the local day containing epochMs. */
export function shanghaiMidnight(epochMs: number): number {
  return Math.floor((epochMs + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** "HH:MM" → minutes after midnight. */
export function parseClock(hhmm: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`not a clock time (HH:MM): ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}
