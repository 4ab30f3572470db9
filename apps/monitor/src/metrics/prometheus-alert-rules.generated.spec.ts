import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prometheusAlertRules, rateSample, severityScheme } from '@hotline/alarms';
import { monitorConfigSchema } from '../config/monitor-config.schema';

const RULES = join(__dirname, '../../../../deploy/prometheus/hotline-alert-rules.yml');

/** The committed alert rules are generated from the default config's severity scheme. */
describe(prometheusAlertRules.name, () => {
  const defaults = monitorConfigSchema.parse({});
  const generated = prometheusAlertRules(
    severityScheme(defaults.kpi.targets, defaults.push.waitAlarmSeconds),
  );

  if (process.env.UPDATE_RULES === '1') writeFileSync(RULES, generated);

  it('deploy/prometheus/hotline-alert-rules.yml equals the file generated from the scheme', () => {
    expect(readFileSync(RULES, 'utf8')).toBe(generated);
  });

  it('puts the targets and the wait threshold of the scheme into the expressions', () => {
    const scheme = severityScheme(
      { answerRate: 0.9, answeredIn10sRate: 0.75, overFiveMinuteRate: 0.3, satisfactionRate: 0.9 },
      90,
    );
    const text = prometheusAlertRules(scheme);
    expect(text).toContain('centre:hotline_answer_rate:ratio_15m < 0.90 and');
    expect(text).toContain('centre:hotline_answered_within_threshold_rate:ratio_15m < 0.75 and');
    expect(text).toContain('max by (site) (hotline_longest_wait_seconds) > 90');
    expect(text).toContain('话务接通率低于 90%');
  });

  it('names the site in every alert but the scrape one, and keeps site in its expression', () => {
    const alerts = generated.split('      - alert: ').slice(1);
    expect(alerts).toHaveLength(7);
    for (const alert of alerts) {
      const name = alert.slice(0, alert.indexOf('\n'));
      const expr = /expr: (.*)/.exec(alert)?.[1] ?? '';
      const perSite = {
        summary: /summary: '\{\{ \$labels\.site \}\}：/.test(alert),
        summaryEn: /summary_en: '\{\{ \$labels\.site \}\}: /.test(alert),
        // Recorded per site, or aggregated by site: never a sum or max over every site.
        expr: !/\b(sum|max)\(/.test(expr) && /by \(site\)|^centre:/.test(expr),
      };
      const expected = name !== 'HotlineMonitorDown';
      expect({ name, ...perSite }).toEqual({
        name,
        summary: expected,
        summaryEn: expected,
        expr: expected,
      });
    }
  });

  it('gates each rate alert on the sample the boards and alarms count for it (rateSample)', () => {
    const scheme = severityScheme(defaults.kpi.targets, defaults.push.waitAlarmSeconds, 35);
    const text = prometheusAlertRules(scheme);
    // 4 offered, 3 of them still waiting: 1 finished.
    const figures = { offered: 4, inProgress: 3, answered: 2 };
    const record = { 1: 'finished', 2: 'answered' } as const;
    const gate = (kpi: 'answerRate' | 'answeredIn10sRate') =>
      `centre:hotline_contacts_${record[rateSample(kpi, figures) as 1 | 2]}:increase_15m >= 35`;
    expect(text).toMatch(
      new RegExp(`centre:hotline_answer_rate:ratio_15m < [0-9.]+ and ${gate('answerRate')}\\n`),
    );
    expect(text).toMatch(
      new RegExp(
        `centre:hotline_answered_within_threshold_rate:ratio_15m < [0-9.]+ and ${gate('answeredIn10sRate')}\\n`,
      ),
    );
  });
});
