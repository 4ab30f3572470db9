import type { CallEvent } from '@hotline/call-events';
import type { AgentStateInterval } from './agent-board';
import type { KpiEngineConfig } from './kpi-config';
import { KpiEngine } from './kpi-engine';

/**
 * The agent-state intervals a KPI engine closes over the events, each applied at its own time
 * (the clock ticked to it first), the clock then moved on to `until`: for specs that read a
 * capture's agent states back through the engine.
 */
export function agentStateSpansOf(
  events: readonly CallEvent[],
  until: number,
  config: Partial<KpiEngineConfig> = {},
): AgentStateInterval[] {
  const engine = new KpiEngine(config);
  const spans: AgentStateInterval[] = [];
  engine.onAgentStateInterval((span) => spans.push(span));
  for (const event of events) {
    engine.tick(event.at);
    engine.apply(event);
  }
  engine.tick(until);
  return spans;
}
