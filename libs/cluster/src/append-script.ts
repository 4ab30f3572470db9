/**
 * Appends a batch of records to a site's stream, atomically, only under the current lease and
 * only once per record:
 * - the lease key must still hold the caller's fencing token (a holder whose lease lapsed and
 *   was taken over appends nothing more: it gets -1 and stops);
 * - each record's fingerprint is marked `SET seen:<fp> NX PX ttl` before its XADD: a record
 *   appended before (a retry after a reply lost with the connection, the same PBX event re-read
 *   by a standby's backfill) is skipped. The script runs whole or not at all, so a retried batch
 *   never appends a record twice.
 * The stream is trimmed by age (`MINID ~`) with every append and capped by length (`MAXLEN ~`)
 * once per batch.
 *
 * KEYS: lease, stream. ARGV: token, seen prefix, seen ttl ms, min id, max length, then
 * fingerprint, record JSON pairs. Returns { appended, skipped } or { -1, 0 } when fenced.
 * (It names the seen keys itself: one Redis, not Redis Cluster.)
 */
export const APPEND_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {-1, 0} end
local appended, skipped = 0, 0
for i = 6, #ARGV, 2 do
  if redis.call('SET', ARGV[2] .. ARGV[i], '1', 'NX', 'PX', ARGV[3]) then
    redis.call('XADD', KEYS[2], 'MINID', '~', ARGV[4], '*', 'r', ARGV[i + 1], 't', ARGV[1])
    appended = appended + 1
  else
    skipped = skipped + 1
  end
end
redis.call('XTRIM', KEYS[2], 'MAXLEN', '~', ARGV[5])
return {appended, skipped}
`;

/** Renews the lease only while it is still the caller's. */
export const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/** Gives the lease up only if it is still the caller's. */
export const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
