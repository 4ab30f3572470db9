import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { homeSite } from '../live/home-site';
import { ConfigError } from './config-error';
import { loadMonitorConfig } from './load-monitor-config';

const folder = mkdtempSync(join(tmpdir(), 'hotline-pbxes-config-'));
let files = 0;

function fileWith(content: string): string {
  const path = join(folder, `monitor-${files++}.yaml`);
  writeFileSync(path, content);
  return path;
}

function problemsOf(content: string, env: NodeJS.ProcessEnv = {}): readonly string[] {
  try {
    loadMonitorConfig({ env, file: fileWith(content) });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const asterisk = (site: string, host: string) =>
  `  - site: ${site}\n    type: asterisk\n    asterisk: { host: ${host}, username: monitor, secret: s3cret }\n`;
const simulator = (site: string, seed: number) =>
  `  - site: ${site}\n    simulator: { seed: ${seed} }\n`;
const CLUSTER = (role: string) =>
  `mode: cluster\ncluster:\n  role: ${role}\n  site: lvliang\n  redis: { url: "redis://10.0.0.5:6379" }\n`;

describe('pbx and pbxes', () => {
  it('reads pbx: as one entry of the site "default", the home site', () => {
    const config = loadMonitorConfig({
      env: {},
      file: fileWith(
        'pbx:\n  type: asterisk\n  asterisk: { host: pbx1, username: m, secret: x }\n',
      ),
    });
    expect(config.pbxes.map((entry) => [entry.site, entry.type, entry.asterisk?.host])).toEqual([
      ['default', 'asterisk', 'pbx1'],
    ]);
    expect(config.pbx).toBe(config.pbxes[0]);
    expect(homeSite(config)).toBe('default');
  });

  it('runs the demo simulator as the site "default" with nothing configured', () => {
    const config = loadMonitorConfig({ env: {}, file: fileWith('') });
    expect(config.pbxes).toEqual([expect.objectContaining({ site: 'default', type: 'simulator' })]);
  });

  it('reads pbxes: in order, the first entry being the home site, each with its defaults', () => {
    const config = loadMonitorConfig({
      env: {},
      file: fileWith(`pbxes:\n${asterisk('lvliang', 'pbx1')}${simulator('taiyuan', 7)}`),
    });
    expect(config.pbxes.map((entry) => entry.site)).toEqual(['lvliang', 'taiyuan']);
    expect(config.pbxes[0].asterisk).toMatchObject({ host: 'pbx1', port: 5038 });
    expect(config.pbxes[1]).toMatchObject({ type: 'simulator', simulator: { seed: 7, speed: 1 } });
    expect(config.pbx).toBe(config.pbxes[0]);
    expect(homeSite(config)).toBe('lvliang');
  });

  it('reads a one-entry pbxes: exactly as pbx:, with its site as the home site', () => {
    const viaPbx = loadMonitorConfig({
      env: {},
      file: fileWith(
        'pbx:\n  type: asterisk\n  asterisk: { host: pbx1, username: m, secret: x }\n',
      ),
    });
    const viaPbxes = loadMonitorConfig({
      env: {},
      file: fileWith(
        'pbxes:\n  - site: lvliang\n    type: asterisk\n    asterisk: { host: pbx1, username: m, secret: x }\n',
      ),
    });
    const { site: _site, ...entry } = viaPbxes.pbx;
    const { site: _default, ...single } = viaPbx.pbx;
    expect(entry).toEqual(single);
    expect(homeSite(viaPbxes)).toBe('lvliang');
  });

  it('refuses pbx and pbxes together, naming both keys', () => {
    expect(problemsOf(`pbx:\n  type: simulator\npbxes:\n${simulator('lvliang', 1)}`)).toEqual([
      expect.stringMatching(/^pbxes: pbx and pbxes are both set/),
    ]);
  });

  it('names the entry and the key of each wrong entry', () => {
    expect(problemsOf(`pbxes:\n${simulator('lvliang', 1)}${simulator('lvliang', 2)}`)).toEqual([
      expect.stringMatching(/^pbxes\[1\]\.site: "lvliang" is the site of an earlier entry/),
    ]);
    expect(problemsOf(`pbxes:\n${simulator('lvliang', 1)}${simulator('Tai Yuan', 2)}`)).toEqual([
      expect.stringMatching(/^pbxes\[1\]\.site: a lower-case name/),
    ]);
    expect(problemsOf(`pbxes:\n${simulator('lvliang', 1)}  - type: simulator\n`)).toEqual([
      expect.stringMatching(/^pbxes\[1\]\.site: /),
    ]);
    expect(
      problemsOf(`pbxes:\n${simulator('lvliang', 1)}  - site: taiyuan\n    type: freeswitch\n`),
    ).toEqual([
      expect.stringMatching(/^pbxes\[1\]\.freeswitch: required when type is "freeswitch"/),
    ]);
    expect(problemsOf('pbxes: []\n')).toEqual([expect.stringMatching(/^pbxes: /)]);
  });

  it("takes each entry's secret from its own file; the environment's is the home site's", () => {
    const secretFile = join(folder, 'taiyuan.secret');
    writeFileSync(secretFile, 'from-file\n');
    const entry = (site: string, extra: string) =>
      `  - site: ${site}\n    type: asterisk\n    asterisk: { host: h, username: m${extra} }\n`;
    const yaml = `pbxes:\n${entry('lvliang', '')}${entry('taiyuan', `, secretFile: ${secretFile}`)}`;
    const config = loadMonitorConfig({
      env: { HOTLINE_AMI_SECRET: 'from-env' },
      file: fileWith(yaml),
    });
    expect(config.pbxes.map((pbx) => pbx.asterisk?.secret)).toEqual(['from-env', 'from-file']);
    expect(
      problemsOf(`pbxes:\n${entry('lvliang', '')}${entry('taiyuan', '')}`, {
        HOTLINE_AMI_SECRET: 'from-env',
      }),
    ).toEqual([
      'pbxes[1].asterisk.secret: no AMI secret: set HOTLINE_AMI_SECRET or pbxes[1].asterisk.secretFile',
    ]);
  });

  it("checks history's ledger against the home site's PBX, the first entry", () => {
    expect(
      problemsOf(
        `pbxes:\n${simulator('lvliang', 1)}${asterisk('taiyuan', 'h')}history:\n  asteriskCdr: /var/log/asterisk/cdr-csv/Master.csv\n`,
      ),
    ).toEqual(['history.asteriskCdr: applies to pbxes[0].type "asterisk" only']);
  });

  it('gives a cluster ingest one entry, its own site, and a serve none', () => {
    const ingest = loadMonitorConfig({
      env: {},
      file: fileWith(`${CLUSTER('ingest')}pbxes:\n${asterisk('lvliang', 'pbx1')}`),
    });
    expect(homeSite(ingest)).toBe('lvliang');
    expect(ingest.pbxes).toHaveLength(1);
    expect(
      problemsOf(`${CLUSTER('ingest')}pbxes:\n${asterisk('lvliang', 'a')}${asterisk('ty', 'b')}`),
    ).toEqual([expect.stringMatching(/^pbxes: a cluster ingest links to one PBX/)]);
    expect(problemsOf(`${CLUSTER('ingest')}pbxes:\n${asterisk('taiyuan', 'a')}`)).toEqual([
      expect.stringMatching(/^pbxes\[0\]\.site: must be cluster\.site \("lvliang"\)/),
    ]);
    expect(problemsOf(`${CLUSTER('serve')}pbxes:\n${asterisk('lvliang', 'a')}`)).toEqual([
      expect.stringMatching(/^pbxes: a cluster serve links to no PBX/),
    ]);
    // pbx: keeps meaning the cluster's own site, as before.
    const serve = loadMonitorConfig({ env: {}, file: fileWith(CLUSTER('serve')) });
    expect(homeSite(serve)).toBe('lvliang');
  });

  it("stores each further site's calls in its own PostgreSQL schema, named and not shared", () => {
    const yaml = (schemas: string) =>
      `pbxes:\n${simulator('lvliang', 1)}${simulator('taiyuan', 2)}${simulator('datong', 3)}storage:\n  driver: postgres\n  postgres: { url: "postgres://h/db", schema: lvliang${schemas} }\n`;
    const config = loadMonitorConfig({
      env: {},
      file: fileWith(yaml(', siteSchemas: { taiyuan: ty, datong: dt }')),
    });
    expect(config.storage.postgres?.siteSchemas).toEqual({ taiyuan: 'ty', datong: 'dt' });
    expect(problemsOf(yaml(', siteSchemas: { taiyuan: ty }'))).toEqual([
      expect.stringMatching(
        /^storage\.postgres\.siteSchemas\.datong: required: the schema site "datong"/,
      ),
    ]);
    expect(problemsOf(yaml(', siteSchemas: { taiyuan: lvliang, datong: ty }'))).toEqual([
      'storage.postgres.siteSchemas.taiyuan: schema "lvliang" is already storage.postgres.schema\'s: each site\'s calls have their own',
    ]);
    expect(problemsOf(yaml(', siteSchemas: { taiyuan: ty, datong: ty, lvliang: lv }'))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^storage\.postgres\.siteSchemas\.lvliang: is this instance's own site/,
        ),
        expect.stringMatching(
          /^storage\.postgres\.siteSchemas\.datong: schema "ty" is already storage\.postgres\.siteSchemas\.taiyuan's/,
        ),
      ]),
    );
  });
});

describe('config/monitor.pbxes.example.yaml', () => {
  it('is a valid config of three sites, the first its own', () => {
    const secrets = mkdtempSync(join(tmpdir(), 'hotline-pbxes-secrets-'));
    for (const name of ['lvliang-ami.secret', 'taiyuan-ami.secret', 'datong-esl.password'])
      writeFileSync(join(secrets, name), `${name}-value\n`);
    const example = readFileSync(
      join(__dirname, '..', '..', '..', '..', 'config', 'monitor.pbxes.example.yaml'),
      'utf8',
    ).replaceAll('/etc/hotline-monitor/', `${secrets}/`);
    const config = loadMonitorConfig({ env: {}, file: fileWith(example) });
    expect(config.pbxes.map((pbx) => [pbx.site, pbx.type])).toEqual([
      ['lvliang', 'asterisk'],
      ['taiyuan', 'asterisk'],
      ['datong', 'freeswitch'],
    ]);
    expect(config.pbxes[1].asterisk?.secret).toBe('taiyuan-ami.secret-value');
    expect(config.pbxes[2].freeswitch?.password).toBe('datong-esl.password-value');
    expect(homeSite(config)).toBe('lvliang');
  });
});
