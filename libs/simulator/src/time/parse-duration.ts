const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

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
