import { type LiveStaffingFigures, round2 } from './advisor-inputs';
import type { HandleTime } from './advisor-views';
import { afterCallWorkPerCall } from './after-call-work';

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
  let wrapUpSeconds = 0;
  let answeredCalls = 0;
  for (const agent of figures.agents) {
    wrapUpSeconds += agent.stateSecondsToday['wrap-up'] ?? 0;
    answeredCalls += agent.answeredToday;
  }
  const afterCallWork = afterCallWorkPerCall(settings.afterCallWorkSeconds, {
    wrapUpSeconds,
    answeredCalls,
  });
  return {
    talkSeconds: round2(talkSeconds),
    talkSource,
    afterCallWorkSeconds: round2(afterCallWork.seconds),
    afterCallWorkSource: afterCallWork.source,
    seconds: round2(talkSeconds + afterCallWork.seconds),
  };
}
