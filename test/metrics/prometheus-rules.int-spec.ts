import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const PROMTOOL = '/usr/bin/promtool';
const RULES = resolve(__dirname, '../../deploy/prometheus');

const havePromtool = existsSync(PROMTOOL);
if (!havePromtool && process.env.CI)
  throw new Error('promtool missing: .ci/run installs the prometheus package');
if (!havePromtool) console.warn('promtool not installed: skipping the rule checks (CI runs them)');

(havePromtool ? describe : describe.skip)('deploy/prometheus rules', () => {
  const promtool = (...args: string[]) =>
    execFileSync(PROMTOOL, args, { cwd: RULES, encoding: 'utf8' });

  it('pass promtool check rules', () => {
    const output = promtool(
      'check',
      'rules',
      'hotline-recording-rules.yml',
      'hotline-alert-rules.yml',
    );
    expect(output).toMatch(/hotline-recording-rules\.yml\s+SUCCESS: 66 rules found/);
    expect(output).toMatch(/hotline-alert-rules\.yml\s+SUCCESS: 7 rules found/);
  });

  it('pass their unit tests (promtool test rules): every recording and alert rule', () => {
    expect(promtool('test', 'rules', 'hotline-rules.test.yml')).toMatch(/SUCCESS/);
  });

  it('the scrape config is valid', () => {
    // check config also resolves the rule files named in it.
    expect(promtool('check', 'config', 'prometheus.yml')).toMatch(/SUCCESS/);
  });
});
