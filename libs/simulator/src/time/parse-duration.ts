import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '@hotline/calendar';

const UNITS: Record<string, number> = {
  ms: 1,
  s: SECOND_MS,
  m: MINUTE_MS,
  h: HOUR_MS,
  d: DAY_MS,
};

/** "30d", "2h", "90m", "45s", "1d12h" or plain milliseconds → milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
    throw new Error(`not a duration (e.g. 30d, 2h, 90m, 45s): ${text}`);
  }
  return parts.reduce((total, p) => total + Number(p[1]) * UNITS[p[2]], 0);
}
