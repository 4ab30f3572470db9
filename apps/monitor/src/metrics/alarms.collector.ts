import { Gauge, type Registry } from 'prom-client';
import { ALARM_KINDS, type AlarmKind, type AlarmRuleSummary } from '@hotline/alarms';
import { METRIC_PREFIX } from './metrics-registry';

/**
 * The monitor's own alarms (the ones the leader view lists), by rule. They watch this
 * instance's own site only (docs/adr/0006-sites.md), whose name they carry as `site`.
 */
export class AlarmsCollector {
  constructor(
    registry: Registry,
    site: string,
    read: () => Readonly<Record<AlarmKind, AlarmRuleSummary>>,
  ) {
    new Gauge({
      name: `${METRIC_PREFIX}alarm_active`,
      help: "Alarms active now on the instance's own site, by rule: long-wait, kpi-target, pbx-link.",
      labelNames: ['site', 'rule'],
      registers: [registry],
      collect() {
        const summary = read();
        for (const rule of ALARM_KINDS) this.set({ site, rule }, summary[rule].active);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}alarm_active_since_timestamp_seconds`,
      help: 'When the oldest active alarm of each rule was raised (absent when none is active).',
      labelNames: ['site', 'rule'],
      registers: [registry],
      collect() {
        this.reset();
        const summary = read();
        for (const rule of ALARM_KINDS) {
          const since = summary[rule].since;
          if (since !== null) this.set({ site, rule }, since / 1000);
        }
      },
    });
  }
}
