export { PbxSimulator, type SimulatorOptions, type SimulatorProgress } from './pbx-simulator';
export { runModel, resolveRun, type RunModelOptions, type ResolvedRun } from './run-model';
export { TruthLedger } from './truth/truth-ledger';
export type { TruthCall, TruthOutcome } from './truth/truth-call';
export {
  summarizeCalls,
  kpiFigures,
  contactUnits,
  DEFAULT_THRESHOLDS,
  type TruthSummary,
  type KpiFigures,
  type KpiThresholds,
  type KpiUnit,
} from './truth/summarize-calls';
export { QueueLogWriter } from './truth/queue-log-writer';
export { loadScenario, resolveScenario } from './model/load-scenario';
export { DEFAULT_SCENARIO } from './model/default-scenario';
export {
  parseScenario,
  ScenarioError,
  type ScenarioConfig,
  type ScenarioInput,
} from './model/scenario-config';
export {
  readRotaPlan,
  asPlannedRota,
  scenarioWithRota,
  type PlannedRota,
} from './rota/planned-rota';
export { Prng } from './model/prng';
export { SCENARIO_TIME_ZONE, scenarioZone } from './model/scenario-time-zone';
export { drawSeconds, type DurationDistribution } from './model/distributions';
export { TrafficModel, wholeSecondsBetween } from './model/traffic-model';
export type { ModelEvent } from './model/model-event';
export { AmiServer, AMI_GREETING, type AmiServerOptions } from './ami/ami-server';
export { AmiEventRenderer } from './ami/ami-event-renderer';
export { faultSchema, type Fault, type FaultPlan, type PlannedFault } from './faults/fault';
export { readAmiCapture, type CapturedMessage } from './replay/ami-capture';
export { parseDuration } from './time/parse-duration';
export * from './esl';
export { peakHourCalls, peakHourScenario } from './model/peak-hour-scenario';
