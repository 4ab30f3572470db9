import { AmiEventMapper } from '@hotline/asterisk/mapping';
import { AmiMessage } from '@hotline/asterisk/protocol/ami-message';
import { type AgentWorkConfig, KpiEngine, type KpiSnapshot } from '@hotline/kpi';
import { AmiEventRenderer } from '../ami/ami-event-renderer';
import type { ScenarioConfig } from '../model/scenario-config';
import { runModel } from '../run-model';

export interface WatchOptions {
  readonly scenario: ScenarioConfig;
  readonly seed: number;
  readonly startAt: number;
  readonly durationMs: number;
  /** The monitor's `agents.*` config (pause reasons meaning after-call work, wrap-up seconds). */
  readonly agentWork: AgentWorkConfig;
}

/**
 * A run of the scenario as the monitor sees it: the model's events rendered as AMI, mapped by
 * the Asterisk adapter and counted by the KPI engine (attached at the start, so every interval
 * is whole). `see` gets the snapshot at each of `instants` (ascending); the last snapshot, at
 * the run's end, is returned.
 */
export function watchOverAmi(
  options: WatchOptions,
  instants: readonly number[] = [],
  see: (snapshot: KpiSnapshot) => void = () => undefined,
): KpiSnapshot {
  const renderer = new AmiEventRenderer();
  const mapper = new AmiEventMapper();
  mapper.buildInFlightView([], [], options.startAt);
  const engine = new KpiEngine({ agents: options.agentWork });
  engine.resync({ at: options.startAt, waiting: [], talking: [], agents: [] });
  let next = 0;
  const seeUntil = (at: number) => {
    for (; next < instants.length && instants[next] <= at; next++) {
      engine.tick(instants[next]);
      see(engine.snapshot(instants[next]));
    }
  };
  runModel({
    scenario: options.scenario,
    seed: options.seed,
    startAt: options.startAt,
    durationMs: options.durationMs,
    onEvent: (event) => {
      seeUntil(event.at - 1);
      for (const frame of renderer.render(event)) {
        for (const mapped of mapper.map(new AmiMessage(frame.headers), frame.at)) {
          engine.tick(mapped.at);
          engine.apply(mapped);
        }
      }
    },
  });
  const endAt = options.startAt + options.durationMs;
  seeUntil(endAt);
  engine.tick(endAt);
  return engine.snapshot(endAt);
}
