/*
 * How mod_callcenter's fields are read, wherever they come from (event headers, the members
 * table, the CDR): an epoch second of 0 means "not set", an empty string means "none".
 */

/** A positive whole number of seconds (an epoch or a duration); 0, empty or junk: undefined. */
export function positiveWholeSeconds(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value > 0 ? value : undefined;
}

/** The value, or undefined when absent or empty. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
