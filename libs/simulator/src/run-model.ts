import { DAY_MS } from '@hotline/calendar';
import { loadScenario, resolveScenario } from './model/load-scenario';
import type { ModelEvent } from './model/model-event';
import type { ScenarioConfig } from './model/scenario-config';
import { TrafficModel } from './model/traffic-model';
import { type PlannedRota, scenarioWithRota } from './rota/planned-rota';
import { parseDuration } from './time/parse-duration';
import type { TruthSummary } from './truth/summarize-calls';
import type { TruthCall } from './truth/truth-call';
import { TruthLedger } from './truth/truth-ledger';

export interface RunModelOptions {
  readonly scenario?: ScenarioConfig | string;
  readonly seed?: number;
  /** Simulated duration, ms; default the scenario's duration (or 1 day). */
  readonly durationMs?: number;
  /** Simulated start, epoch ms; default the scenario's start (or now). */
  readonly startAt?: number;
  /** Sees every model event (queue_log writers, counters). */
  readonly onEvent?: (event: ModelEvent) => void;
  /** A planned rota (the planner's plan.json) instead of the scenario's shift pools. */
  readonly rota?: PlannedRota;
}

export interface ResolvedRun {
  readonly scenario: ScenarioConfig;
  readonly seed: number;
  readonly startAt: number;
  readonly durationMs: number;
}

/** Fills in scenario, seed, start and duration the way the CLI and the server do. */
export function resolveRun(options: {
  scenario?: ScenarioConfig | string;
  seed?: number;
  durationMs?: number;
  startAt?: number;
  rota?: PlannedRota;
}): ResolvedRun {
  const named =
    options.scenario === undefined
      ? resolveScenario()
      : typeof options.scenario === 'string'
        ? loadScenario(options.scenario)
        : options.scenario;
  const scenario = options.rota ? scenarioWithRota(named, options.rota) : named;
  const startAt = options.startAt ?? (scenario.start ? Date.parse(scenario.start) : Date.now());
  const durationMs =
    options.durationMs ?? (scenario.duration ? parseDuration(scenario.duration) : DAY_MS);
  return { scenario, seed: options.seed ?? scenario.seed, startAt, durationMs };
}

/** Runs the traffic model with no TCP at all, as fast as possible. */
export function runModel(options: RunModelOptions = {}): {
  calls: TruthCall[];
  summary: TruthSummary;
} {
  const run = resolveRun(options);
  const ledger = new TruthLedger();
  const model = new TrafficModel(
    run.scenario,
    { seed: run.seed, startAt: run.startAt, endAt: run.startAt + run.durationMs },
    (event) => {
      ledger.record(event);
      options.onEvent?.(event);
    },
  );
  model.runToEnd();
  return { calls: [...ledger.calls()], summary: ledger.summary() };
}
