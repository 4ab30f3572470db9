import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadMonitorConfig } from './load-monitor-config';

function fileWith(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hotline-cluster-config-')), 'monitor.yaml');
  writeFileSync(path, content);
  return path;
}

function problemsOf(content: string): readonly string[] {
  try {
    loadMonitorConfig({ env: {}, file: fileWith(content) });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('mode and cluster config', () => {
  it('is embedded with nothing configured: no cluster, no Redis', () => {
    const config = loadMonitorConfig({ env: {}, file: fileWith('') });
    expect(config.mode).toBe('embedded');
    expect(config.cluster).toBeUndefined();
  });

  it('reads a cluster role with the defaults for the site, lease, stream and buffer', () => {
    const config = loadMonitorConfig({
      env: {},
      file: fileWith(
        'mode: cluster\ncluster:\n  role: serve\n  redis: { url: "redis://10.0.0.5:6379" }\n',
      ),
    });
    expect(config.cluster).toEqual({
      role: 'serve',
      site: 'default',
      redis: { url: 'redis://10.0.0.5:6379' },
      lease: { ttlMs: 5_000, renewMs: 1_000, pollMs: 1_000 },
      stream: { retentionHours: 48, maxLength: 2_000_000 },
      bufferCapacity: 200_000,
    });
  });

  it('reads the sites a serve shows, and refuses them on an ingest, twice, or badly named', () => {
    const serve = (sites: string, role = 'serve') =>
      `mode: cluster\ncluster:\n  role: ${role}\n  site: lvliang\n  sites: ${sites}\n  redis: { url: "redis://10.0.0.5:6379" }\n`;
    const config = loadMonitorConfig({ env: {}, file: fileWith(serve('[lvliang, taiyuan]')) });
    expect(config.cluster?.sites).toEqual(['lvliang', 'taiyuan']);
    expect(problemsOf(serve('[lvliang, taiyuan]', 'ingest'))).toEqual([
      expect.stringMatching(/^cluster\.sites: applies to role "serve" only/),
    ]);
    expect(problemsOf(serve('[taiyuan, taiyuan]'))).toEqual([
      expect.stringMatching(/^cluster\.sites: a site is listed twice/),
    ]);
    expect(problemsOf(serve('[Taiyuan]'))).toEqual([
      expect.stringMatching(/^cluster\.sites\[0\]: a lower-case name/),
    ]);
  });

  it("takes other sites' schemas on a serve that shows them, and names the wrong ones", () => {
    const file = (role: string, schemas: string) =>
      `mode: cluster\ncluster:\n  role: ${role}\n  site: lvliang\n${role === 'serve' ? '  sites: [lvliang, taiyuan]\n' : ''}  redis: { url: "redis://10.0.0.5:6379" }\nstorage:\n  driver: postgres\n  postgres: { url: "postgres://h/db", schema: lvliang, siteSchemas: ${schemas} }\n`;
    const config = loadMonitorConfig({ env: {}, file: fileWith(file('serve', '{ taiyuan: ty }')) });
    expect(config.storage.postgres?.siteSchemas).toEqual({ taiyuan: 'ty' });
    expect(problemsOf(file('serve', '{ lvliang: lv }'))).toEqual([
      expect.stringMatching(
        /^storage\.postgres\.siteSchemas\.lvliang: is this instance's own site/,
      ),
    ]);
    expect(problemsOf(file('serve', '{ datong: dt }'))).toEqual([
      expect.stringMatching(
        /^storage\.postgres\.siteSchemas\.datong: names a site this instance does not show/,
      ),
    ]);
    expect(problemsOf(file('ingest', '{ taiyuan: ty }'))).toEqual([
      expect.stringMatching(/^storage\.postgres\.siteSchemas\.taiyuan: names a site/),
    ]);
  });

  it('refuses a site named "all" (the reports\' total of every site) at every key naming a site', () => {
    const reserved = /"all" is reserved: \?site=all asks the reports for the total of every site/;
    const serve = (site: string, sites: string, schemas = '{}') =>
      `mode: cluster\ncluster:\n  role: serve\n  site: ${site}\n  sites: ${sites}\n  redis: { url: "redis://10.0.0.5:6379" }\nstorage:\n  driver: postgres\n  postgres: { url: "postgres://h/db", siteSchemas: ${schemas} }\n`;
    const problems = (content: string) => problemsOf(content).filter((p) => reserved.test(p));
    expect(problems(serve('all', '[lvliang]'))).toEqual([
      expect.stringMatching(/^cluster\.site: /),
    ]);
    expect(problems(serve('lvliang', '[lvliang, all]'))).toEqual([
      expect.stringMatching(/^cluster\.sites\[1\]: /),
    ]);
    expect(problems(serve('lvliang', '[lvliang, taiyuan]', '{ all: al }'))).toEqual([
      expect.stringMatching(/^storage\.postgres\.siteSchemas\.all: /),
    ]);
    expect(
      loadMonitorConfig({ env: {}, file: fileWith(serve('lvliang', '[lvliang, alla]')) }).cluster
        ?.sites,
    ).toEqual(['lvliang', 'alla']);
  });

  it('names the key and the reason for each mistake', () => {
    expect(problemsOf('mode: cluster\n')).toEqual([
      expect.stringMatching(/^cluster: required when mode is "cluster"/),
    ]);
    expect(problemsOf('cluster:\n  role: ingest\n  redis: { url: "redis://h:6379" }\n')).toEqual([
      expect.stringMatching(/^cluster: applies to mode "cluster" only/),
    ]);
    const problems = problemsOf(
      'mode: cluster\ncluster:\n  role: both\n  site: "Lv Liang"\n  redis: { url: "10.0.0.5:6379" }\n  lease: { ttlMs: 2000, renewMs: 1500 }\n',
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^cluster\.role: /),
        expect.stringMatching(/^cluster\.site: a lower-case name/),
        expect.stringMatching(/^cluster\.redis\.url: a redis:\/\/ URL/),
        expect.stringMatching(/^cluster\.lease\.renewMs: renewMs must be at most half of ttlMs/),
      ]),
    );
  });
});
