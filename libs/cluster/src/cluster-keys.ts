/**
 * The Redis keys of one site. Every key of a site carries its name, so several sites (the
 * later `pbxes:` list) share one Redis without meeting; `default` is the one site of today.
 */
export const DEFAULT_SITE = 'default';

const PREFIX = 'hotline';

/** The site's call events, in PBX order (a Redis Stream). */
export function streamKey(site: string): string {
  return `${PREFIX}:events:${site}`;
}

/** Who may append to the site's stream now (value: the holder's fencing token). */
export function leaseKey(site: string): string {
  return `${PREFIX}:lease:${site}`;
}

/** The counter fencing tokens are drawn from: each holder's token is higher than the last. */
export function leaseEpochKey(site: string): string {
  return `${PREFIX}:lease-epoch:${site}`;
}

/** The prefix of the site's "already appended" marks, one key per record fingerprint. */
export function seenKeyPrefix(site: string): string {
  return `${PREFIX}:seen:${site}:`;
}
