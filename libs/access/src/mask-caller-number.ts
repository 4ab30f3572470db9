/** `last4`: a shift leader's view; `none`: not one digit. */
export type CallerVisibility = 'last4' | 'none';

/** At most this many trailing characters are ever shown. */
export const MAX_VISIBLE_DIGITS = 4;

/**
 * The one caller-number mask. `last4` shows at most the last 4 characters and never more than
 * half of them (a 7-digit local number keeps 3, an extension of 4 keeps 2), so no length
 * leaves a number readable; `none` stars every character. The length is kept: the leader can
 * still tell a mobile from a landline. Unknown stays null.
 */
export function maskCallerNumber(
  value: string | null | undefined,
  visibility: CallerVisibility,
): string | null {
  if (value === null || value === undefined || value === '') return null;
  const chars = [...value];
  const shown =
    visibility === 'none' ? 0 : Math.min(MAX_VISIBLE_DIGITS, Math.floor(chars.length / 2));
  return '*'.repeat(chars.length - shown) + chars.slice(chars.length - shown).join('');
}

/**
 * Fields that carry a caller's number in our own objects (call events, snapshots, push rows)
 * and in PBX messages as they are logged (AMI, ESL headers).
 */
const CALLER_FIELDS = new Set(
  [
    'callerNumber',
    'caller',
    'CallerIDNum',
    'ConnectedLineNum',
    'CC-Member-CID-Number',
    'Caller-Caller-ID-Number',
    'Caller-Orig-Caller-ID-Number',
    'Caller-ANI',
    'cid_number',
  ].map((name) => name.toLowerCase()),
);

const MAX_DEPTH = 12;

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` with every caller-number field (`CALLER_FIELDS`, any depth) masked; for
 * objects that are not plain data (requests, errors, buffers) the reference is kept as it is.
 * Untouched branches are shared, never mutated.
 */
export function maskCallerFields<T>(value: T, visibility: CallerVisibility): T {
  return walk(value, visibility, 0) as T;
}

function walk(value: unknown, visibility: CallerVisibility, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const masked = walk(item, visibility, depth + 1);
      if (masked !== item) changed = true;
      return masked;
    });
    return changed ? out : value;
  }
  if (!isPlain(value)) return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const masked =
      CALLER_FIELDS.has(key.toLowerCase()) && typeof item === 'string'
        ? maskCallerNumber(item, visibility)
        : walk(item, visibility, depth + 1);
    if (masked !== item) {
      out ??= { ...value };
      out[key] = masked;
    }
  }
  return out ?? value;
}
