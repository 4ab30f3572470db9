import { type LiveStaffingFigures, round2 } from './advisor-inputs';
import type { HandleTime } from './advisor-views';

export interface HandleTimeSettings {
  /** Talk per call when no call was answered today. */
  readonly defaultTalkSeconds: number;
  /** After-call work per call as configured; undefined: measured from the agents' wrap-up. */
  readonly afterCallWorkSeconds?: number;
}

/**
 * The handle time (μ⁻¹) the live advisor uses: talk from the last hour, else today, else the
 * default; plus after-call work as configured, else measured (today's wrap-up seconds over
 * today's answered calls), else none.
 */
export function liveHandleTime(
  figures: Pick<LiveStaffingFigures, 'periods' | 'agents'>,
  settings: HandleTimeSettings,
): HandleTime {
  const centre = figures.periods.centre;
  const [talkSeconds, talkSource]: [number, HandleTime['talkSource']] =
    centre.last60m.ahtSeconds !== null
      ? [centre.last60m.ahtSeconds, 'last60m']
      : centre.today.ahtSeconds !== null
        ? [centre.today.ahtSeconds, 'today']
        : [settings.defaultTalkSeconds, 'default'];
  let afterCallWorkSeconds = 0;
  let afterCallWorkSource: HandleTime['afterCallWorkSource'] = 'none';
  if (settings.afterCallWorkSeconds !== undefined) {
    afterCallWorkSeconds = settings.afterCallWorkSeconds;
    afterCallWorkSource = 'config';
  } else {
    let wrapSeconds = 0;
    let answeredToday = 0;
    for (const agent of figures.agents) {
      wrapSeconds += agent.stateSecondsToday['wrap-up'] ?? 0;
      answeredToday += agent.answeredToday;
    }
    if (answeredToday > 0 && wrapSeconds > 0) {
      afterCallWorkSeconds = wrapSeconds / answeredToday;
      afterCallWorkSource = 'measured';
    }
  }
  return {
    talkSeconds: round2(talkSeconds),
    talkSource,
    afterCallWorkSeconds: round2(afterCallWorkSeconds),
    afterCallWorkSource,
    seconds: round2(talkSeconds + afterCallWorkSeconds),
  };
}
