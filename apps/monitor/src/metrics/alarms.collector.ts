import { Gauge, type Registry } from 'prom-client';
import { ALARM_KINDS, type AlarmKind, type AlarmRuleSummary } from '@hotline/alarms';
import { METRIC_PREFIX } from './metrics-registry';

/** The monitor's own alarms (the ones the leader view lists), by rule. */
export class AlarmsCollector {
  constructor(registry: Registry, read: () => Readonly<Record<AlarmKind, AlarmRuleSummary>>) {
    new Gauge({
      name: `${METRIC_PREFIX}alarm_active`,
      help: 'Alarms active now, by rule: long-wait, kpi-target, pbx-link.',
      labelNames: ['rule'],
      registers: [registry],
      collect() {
        const summary = read();
        for (const rule of ALARM_KINDS) this.set({ rule }, summary[rule].active);
      },
    });
    new Gauge({
      name: `${METRIC_PREFIX}alarm_active_since_timestamp_seconds`,
      help: 'When the oldest active alarm of each rule was raised (absent when none is active).',
      labelNames: ['rule'],
      registers: [registry],
      collect() {
        this.reset();
        const summary = read();
        for (const rule of ALARM_KINDS) {
          const since = summary[rule].since;
          if (since !== null) this.set({ rule }, since / 1000);
        }
      },
    });
  }
}
