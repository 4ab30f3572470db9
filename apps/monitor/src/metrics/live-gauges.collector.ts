import type { KpiSnapshot } from '@hotline/kpi';
import { Gauge, type Registry } from 'prom-client';
import { AGENT_STATES } from '@hotline/kpi';
import { METRIC_PREFIX } from './metrics-registry';

/** What is happening now: callers waiting, longest wait, talks, agents by state. */
export class LiveGaugesCollector {
  constructor(registry: Registry, snapshots: () => KpiSnapshot, perAgent: boolean) {
    const perQueue = (pick: 'waiting' | 'longest' | 'talking') =>
      function (this: Gauge<'queue'>) {
        this.reset();
        const snapshot = snapshots();
        const byQueue = new Map<string, number>();
        for (const queue of Object.keys(snapshot.periods.queues)) byQueue.set(queue, 0);
        if (pick === 'talking') {
          for (const call of snapshot.live.talking)
            byQueue.set(call.queue, (byQueue.get(call.queue) ?? 0) + 1);
        } else {
          for (const call of snapshot.live.waiting) {
            const seen = byQueue.get(call.queue) ?? 0;
            byQueue.set(
              call.queue,
              pick === 'waiting' ? seen + 1 : Math.max(seen, call.waitSeconds),
            );
          }
        }
        for (const [queue, value] of byQueue) this.set({ queue }, value);
      };
    new Gauge({
      name: `${METRIC_PREFIX}callers_waiting`,
      help: 'Callers waiting in the queue now.',
      labelNames: ['queue'],
      registers: [registry],
      collect: perQueue('waiting'),
    });
    new Gauge({
      name: `${METRIC_PREFIX}longest_wait_seconds`,
      help: 'Longest current wait of a caller still in the queue.',
      labelNames: ['queue'],
      registers: [registry],
      collect: perQueue('longest'),
    });
    new Gauge({
      name: `${METRIC_PREFIX}calls_talking`,
      help: 'Answered queue calls whose conversation is going on now.',
      labelNames: ['queue'],
      registers: [registry],
      collect: perQueue('talking'),
    });
    new Gauge({
      name: `${METRIC_PREFIX}queue_calls_outcome_unknown`,
      help: 'Queue calls of the month whose outcome is unknown now (a correction from the ledger lowers it).',
      labelNames: ['queue'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [queue, set] of Object.entries(snapshots().periods.queues))
          this.set({ queue }, set.month.unknown);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}figures_complete_since_timestamp_seconds`,
      help: 'From when the figures include every call (monitor attached, or restored from a complete record); absent before the first resync.',
      registers: [registry],
      collect() {
        this.reset();
        const from = snapshots().coverage.from;
        if (from !== null) this.set(from / 1000);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}agents`,
      help: 'Agents by state now.',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const counts = snapshots().agentCounts;
        for (const state of AGENT_STATES) this.set({ state }, counts[state]);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}seats_in_use`,
      help: 'Seats occupied by a logged-in agent now (agents on duty).',
      registers: [registry],
      collect() {
        this.set(snapshots().agentCounts.onDuty);
      },
    });
    if (perAgent) {
      new Gauge({
        name: `${METRIC_PREFIX}agent_state`,
        help: '1 for the state each agent is in now (enabled by metrics.perAgent).',
        labelNames: ['agent', 'state'],
        registers: [registry],
        collect() {
          this.reset();
          for (const agent of snapshots().agents) {
            for (const state of AGENT_STATES)
              this.set({ agent: agent.agent, state }, agent.state === state ? 1 : 0);
          }
        },
      });
    }
  }
}
