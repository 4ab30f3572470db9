import type { KpiSnapshot } from '@hotline/kpi';
import { Gauge, type Registry } from 'prom-client';
import { AGENT_STATES } from '@hotline/kpi';
import { METRIC_PREFIX, perSiteGauge } from './metrics-registry';
import type { MetricsSite } from './metrics-site';

/** What is happening now at every site: callers waiting, longest wait, talks, agents by state. */
export class LiveGaugesCollector {
  constructor(registry: Registry, sites: () => readonly MetricsSite[], perAgent: boolean) {
    const perQueue = (pick: 'waiting' | 'longest' | 'talking') =>
      function (this: Gauge<'site' | 'queue'>) {
        this.reset();
        for (const live of sites()) {
          for (const [queue, value] of byQueue(live.snapshot(), pick))
            this.set({ site: live.site, queue }, value);
        }
      };

    new Gauge({
      name: `${METRIC_PREFIX}callers_waiting`,
      help: 'Callers waiting in the queue now.',
      labelNames: ['site', 'queue'],
      registers: [registry],
      collect: perQueue('waiting'),
    });
    new Gauge({
      name: `${METRIC_PREFIX}longest_wait_seconds`,
      help: 'Longest current wait of a caller still in the queue.',
      labelNames: ['site', 'queue'],
      registers: [registry],
      collect: perQueue('longest'),
    });
    new Gauge({
      name: `${METRIC_PREFIX}calls_talking`,
      help: 'Answered queue calls whose conversation is going on now.',
      labelNames: ['site', 'queue'],
      registers: [registry],
      collect: perQueue('talking'),
    });
    new Gauge({
      name: `${METRIC_PREFIX}queue_calls_outcome_unknown`,
      help: 'Queue calls of the month whose outcome is unknown now (a correction from the ledger lowers it).',
      labelNames: ['site', 'queue'],
      registers: [registry],
      collect() {
        this.reset();
        for (const live of sites()) {
          for (const [queue, set] of Object.entries(live.snapshot().periods.queues))
            this.set({ site: live.site, queue }, set.month.unknown);
        }
      },
    });
    perSiteGauge(
      registry,
      'figures_complete_since_timestamp_seconds',
      "From when the site's figures include every call (monitor attached, or restored from a complete record); absent before the first resync.",
      sites,
      (live) => {
        const from = live.snapshot().coverage.from;
        return from === null ? undefined : from / 1000;
      },
    );
    new Gauge({
      name: `${METRIC_PREFIX}agents`,
      help: 'Agents by state now.',
      labelNames: ['site', 'state'],
      registers: [registry],
      collect() {
        for (const live of sites()) {
          const counts = live.snapshot().agentCounts;
          for (const state of AGENT_STATES) this.set({ site: live.site, state }, counts[state]);
        }
      },
    });
    perSiteGauge(
      registry,
      'seats_in_use',
      'Seats occupied by a logged-in agent now (agents on duty).',
      sites,
      (live) => live.snapshot().agentCounts.onDuty,
    );
    if (perAgent) {
      new Gauge({
        name: `${METRIC_PREFIX}agent_state`,
        help: '1 for the state each agent is in now (enabled by metrics.perAgent).',
        labelNames: ['site', 'agent', 'state'],
        registers: [registry],
        collect() {
          this.reset();
          for (const live of sites()) {
            for (const agent of live.snapshot().agents) {
              for (const state of AGENT_STATES)
                this.set(
                  { site: live.site, agent: agent.agent, state },
                  agent.state === state ? 1 : 0,
                );
            }
          }
        },
      });
    }
  }
}

/** Per queue of the snapshot (every queue with a period, 0 when idle): callers waiting, longest wait or talks. */
function byQueue(
  snapshot: KpiSnapshot,
  pick: 'waiting' | 'longest' | 'talking',
): Map<string, number> {
  const values = new Map<string, number>();
  for (const queue of Object.keys(snapshot.periods.queues)) values.set(queue, 0);
  if (pick === 'talking') {
    for (const call of snapshot.live.talking)
      values.set(call.queue, (values.get(call.queue) ?? 0) + 1);
  } else {
    for (const call of snapshot.live.waiting) {
      const seen = values.get(call.queue) ?? 0;
      values.set(call.queue, pick === 'waiting' ? seen + 1 : Math.max(seen, call.waitSeconds));
    }
  }
  return values;
}
