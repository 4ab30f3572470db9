import type { SimAgent, SimVisit } from '../model/model-event';
import type { QueueConfig } from '../model/scenario-config';

/** What the AMI server reads to answer QueueStatus / QueueSummary / CoreShowChannels. */
export interface PbxStateView {
  /** Simulated now, epoch ms. */
  now(): number;
  queues(): readonly QueueConfig[];
  agents(): readonly SimAgent[];
  waiting(): ReadonlyMap<string, readonly SimVisit[]>;
  talking(): readonly SimVisit[];
}
