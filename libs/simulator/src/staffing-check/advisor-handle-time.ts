import { AmiEventMapper } from '@hotline/asterisk/mapping';
import { AmiMessage } from '@hotline/asterisk/protocol/ami-message';
import { type AgentWorkConfig, KpiEngine } from '@hotline/kpi';
import { type HandleTime, liveHandleTime } from '@hotline/staffing';
import { AmiEventRenderer } from '../ami/ami-event-renderer';
import type { ScenarioConfig } from '../model/scenario-config';
import { runModel } from '../run-model';

export interface AdvisorHandleTimeOptions {
  readonly scenario: ScenarioConfig;
  readonly seed: number;
  readonly startAt: number;
  readonly durationMs: number;
  /** The monitor's `agents.*` config (pause reasons meaning after-call work, wrap-up seconds). */
  readonly agentWork: AgentWorkConfig;
  readonly defaultTalkSeconds: number;
}

/**
 * The handle time the live advisor would use after watching a run of the scenario: the model's
 * events rendered as AMI, mapped by the Asterisk adapter and counted by the KPI engine, so the
 * after-call work is what the PBX shows and the monitor measures (not the model's own mean).
 * The day's talk is used rather than the last hour's: at a stationary peak both estimate the
 * same mean, the day's with a fraction of the noise (the check tests the staffing rule).
 */
export function advisorHandleTime(options: AdvisorHandleTimeOptions): HandleTime {
  const renderer = new AmiEventRenderer();
  const mapper = new AmiEventMapper();
  mapper.buildInFlightView([], [], options.startAt);
  const engine = new KpiEngine({ agents: options.agentWork });
  runModel({
    scenario: options.scenario,
    seed: options.seed,
    startAt: options.startAt,
    durationMs: options.durationMs,
    onEvent: (event) => {
      for (const frame of renderer.render(event)) {
        for (const mapped of mapper.map(new AmiMessage(frame.headers), frame.at)) {
          engine.tick(mapped.at);
          engine.apply(mapped);
        }
      }
    },
  });
  const snapshot = engine.snapshot(options.startAt + options.durationMs);
  const centre = snapshot.periods.centre;
  return liveHandleTime(
    { periods: { centre: { ...centre, last60m: { ahtSeconds: null } } }, agents: snapshot.agents },
    { defaultTalkSeconds: options.defaultTalkSeconds },
  );
}
