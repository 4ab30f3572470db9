import type { TruthCall } from '@hotline/simulator';

/** Call ids as the mapper and queue_log number them: `<uniqueid>@<queue>`, then `#2`… */
export function truthCallIds(calls: readonly TruthCall[]): Map<TruthCall, string> {
  const ids = new Map<TruthCall, string>();
  const seen = new Map<string, number>();
  for (const call of [...calls].sort((a, b) => a.joinedAt - b.joinedAt || a.visit - b.visit)) {
    const key = `${call.uniqueid}@${call.queue}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    ids.set(call, n === 1 ? key : `${key}#${n}`);
  }
  return ids;
}
