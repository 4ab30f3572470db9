import { RATE_SAMPLE } from './kpi-target-alarm-rule';
import type { SeverityScheme } from './severity-scheme';

/** The recorded 15-minute count of each rate sample (deploy/prometheus/hotline-recording-rules.yml). */
const SAMPLE_RECORD_15M = {
  finished: 'centre:hotline_contacts_finished:increase_15m',
  answered: 'centre:hotline_contacts_answered:increase_15m',
} as const;

/** A rate alert holds only with `minSample` calls in its own sample, as the boards and alarms judge. */
function sampleGate(kpi: 'answerRate' | 'answeredIn10sRate', minSample: number): string {
  return `${SAMPLE_RECORD_15M[RATE_SAMPLE[kpi]]} >= ${minSample}`;
}

/**
 * deploy/prometheus/hotline-alert-rules.yml, from the severity scheme: the answer-rate and
 * 10-second targets, the long-wait threshold and the minimum sample are the ones the monitor's
 * own alarms and the boards use, and each rate is gated on the sample the min-sample rule counts
 * for it (RATE_SAMPLE). The rate itself (recording rules) is over finished calls for the answer
 * rate, over answered calls for the 10-second rate. The rest of the file is fixed text.
 */
export function prometheusAlertRules(scheme: SeverityScheme): string {
  const answer = scheme.rates.answerRate;
  const within = scheme.rates.answeredIn10sRate;
  const wait = scheme.wait.alarmSeconds;
  return `# Alert rules for the 12345 hotline (docs/metrics.md). Annotations in Chinese first, English after.
# Generated from the severity scheme (@hotline/alarms) and the default config: do not edit by hand;
# regenerate with UPDATE_RULES=1 npx jest apps/monitor/src/metrics/prometheus-alert-rules.generated.spec.ts
# Every alert but HotlineMonitorDown is per site (label \`site\`, named in its summary), aggregated
# by site: several instances showing the same site (a cluster's serves) raise it once.
groups:
  - name: hotline-alerts
    rules:
      - alert: HotlineAnswerRateLow
        # Only with enough calls in the window to mean something (≥ ${scheme.minSample} contacts ${RATE_SAMPLE.answerRate} in 15 min).
        expr: centre:hotline_answer_rate:ratio_15m < ${ratio(answer.target)} and ${sampleGate('answerRate', scheme.minSample)}
        for: 5m
        labels: { severity: warning }
        annotations:
          summary: '{{ $labels.site }}：话务接通率低于 ${percent(answer.target)}（近 15 分钟 {{ $value | humanizePercentage }}）'
          summary_en: '{{ $labels.site }}: answer rate below ${percent(answer.target)} over 15 min ({{ $value | humanizePercentage }})'
          description: '近 15 分钟话务接通率低于考核目标 ${percent(answer.target)}，请值班班长检查在岗人数和小休安排。'
          description_en: 'The 15-minute answer rate is under the ${percent(answer.target)} target; check agents on duty and breaks.'
      - alert: HotlineTenSecondRateLow
        # Over answered calls: gated on ≥ ${scheme.minSample} contacts ${RATE_SAMPLE.answeredIn10sRate} in 15 min.
        expr: centre:hotline_answered_within_threshold_rate:ratio_15m < ${ratio(within.target)} and ${sampleGate('answeredIn10sRate', scheme.minSample)}
        for: 5m
        labels: { severity: warning }
        annotations:
          summary: '{{ $labels.site }}：热线10秒接通率低于 ${percent(within.target)}（近 15 分钟 {{ $value | humanizePercentage }}）'
          summary_en: '{{ $labels.site }}: 10-second answer rate below ${percent(within.target)} over 15 min ({{ $value | humanizePercentage }})'
          description: '近 15 分钟 10 秒内接通的比例低于目标 ${percent(within.target)}。'
          description_en: 'Fewer than ${percent(within.target)} of answered calls in the last 15 minutes were answered within 10 s.'
      - alert: HotlineCallersWaitingHigh
        expr: sum by (site) (max without (instance) (hotline_callers_waiting)) > 10
        for: 1m
        labels: { severity: warning }
        annotations:
          summary: '{{ $labels.site }}：排队等待人数过多（{{ $value }} 人）'
          summary_en: '{{ $labels.site }}: too many callers waiting ({{ $value }})'
          description: '当前排队来电超过 10 个，已持续 1 分钟。'
          description_en: 'More than 10 callers have been waiting for at least a minute.'
      - alert: HotlineLongestWaitHigh
        expr: max by (site) (hotline_longest_wait_seconds) > ${wait}
        for: 30s
        labels: { severity: critical }
        annotations:
          summary: '{{ $labels.site }}：最长等待超过 ${wait} 秒（{{ $value | humanizeDuration }}）'
          summary_en: '{{ $labels.site }}: longest wait over ${wait} s ({{ $value | humanizeDuration }})'
          description: '有来电排队超过 ${wait} 秒尚未接通。'
          description_en: 'A caller has been waiting for more than ${wait} seconds.'
      - alert: HotlinePbxLinkDown
        # Down only if no instance showing the site has its link (a standby ingest never has).
        expr: max by (site) (hotline_pbx_up) == 0
        for: 1m
        labels: { severity: critical }
        annotations:
          summary: '{{ $labels.site }}：与交换机（PBX）的连接中断'
          summary_en: '{{ $labels.site }}: PBX link down'
          description: '监控服务与交换机的 AMI/ESL 连接已中断 1 分钟，大屏数据不再更新。'
          description_en: 'The monitor has lost its AMI/ESL link to the PBX for a minute; the wallboard is not live.'
      - alert: HotlineNoEvents
        # The PBX link can be up while nothing arrives (filters, a stuck PBX): no call event for 30 min.
        expr: time() - max by (site) (hotline_last_event_timestamp_seconds) > 1800 and max by (site) (hotline_pbx_up) == 1
        for: 5m
        labels: { severity: warning }
        annotations:
          summary: '{{ $labels.site }}：30 分钟未收到任何呼叫事件'
          summary_en: '{{ $labels.site }}: no call events for 30 minutes'
          description: '连接正常但 30 分钟没有呼叫事件，请检查交换机事件过滤（eventfilter）和队列。'
          description_en: 'The link is up but no call event arrived for 30 minutes; check the PBX event filter and queues.'
      - alert: HotlineMonitorDown
        expr: up{job="hotline-monitor"} == 0
        for: 1m
        labels: { severity: critical }
        annotations:
          summary: '热线监控服务不可达'
          summary_en: 'Hotline Monitor is down'
          description: 'Prometheus 无法抓取监控服务的 /metrics。'
          description_en: "Prometheus cannot scrape the monitor's /metrics."
`;
}

/** 0.95 → "0.95", 0.8 → "0.80": Prometheus reads either; the file reads like the spec. */
function ratio(value: number): string {
  return value.toFixed(2);
}

function percent(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}
