import { type HandleTime, liveHandleTime } from '@hotline/staffing';
import { type WatchOptions, watchOverAmi } from './watch-over-ami';

/**
 * The handle time the live advisor would use after watching a run of the scenario: the
 * after-call work is what the PBX shows and the monitor measures (not the model's own mean).
 * The day's talk is used rather than the last hour's: at a stationary peak both estimate the
 * same mean, the day's with a fraction of the noise (the check tests the staffing rule).
 */
export function advisorHandleTime(
  options: WatchOptions & { readonly defaultTalkSeconds: number },
): HandleTime {
  const snapshot = watchOverAmi(options);
  const centre = snapshot.periods.centre;
  return liveHandleTime(
    { periods: { centre: { ...centre, last60m: { ahtSeconds: null } } }, agents: snapshot.agents },
    { defaultTalkSeconds: options.defaultTalkSeconds },
  );
}
