import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadMonitorConfig } from './load-monitor-config';

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-config-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(loadMonitorConfig.name, () => {
  const noFile = tempFile('empty.yaml', '');

  it('runs the built-in simulator with nothing configured', () => {
    const config = loadMonitorConfig({ env: {}, file: noFile });
    expect(config.pbx.type).toBe('simulator');
    expect(config.kpi.timeZone).toBe('Asia/Shanghai');
    expect(config.kpi.shifts).toHaveLength(5);
    expect(config.server.port).toBe(3000);
  });

  it('names the key and the reason for a wrong value', () => {
    const file = tempFile(
      'bad.yaml',
      'server:\n  port: "http"\nkpi:\n  shifts:\n    - { name: early, start: "7:00", end: "15:00" }\n',
    );
    const problems = problemsOf(() => loadMonitorConfig({ env: {}, file }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^server\.port: Expected number/),
        expect.stringMatching(/^kpi\.shifts\[0\]\.start: must be HH:mm/),
      ]),
    );
  });

  it('reads after-call work, pause reasons and break limits, and names one it cannot mean', () => {
    const good = tempFile(
      'agents.yaml',
      'agents:\n  wrapUpSeconds: 120\n  wrapUpSecondsByQueue: { "12345-en": 60 }\n  pauseReasons: { 话后: after-call-work, 小休: break, 培训: training, 会议: meeting }\n  breakLimitMinutes: { break: 15, meeting: 90 }\n',
    );
    expect(loadMonitorConfig({ env: {}, file: good }).agents).toEqual({
      wrapUpSeconds: 120,
      wrapUpSecondsByQueue: { '12345-en': 60 },
      pauseReasons: { 话后: 'after-call-work', 小休: 'break', 培训: 'training', 会议: 'meeting' },
      breakLimitMinutes: { break: 15, training: 60, meeting: 90, other: 10 },
    });
    const bad = tempFile(
      'agents-bad.yaml',
      'agents:\n  wrapUpSeconds: -5\n  pauseReasons: { 午饭: lunch }\n  breakLimitMinutes: { break: 0, lunch: 30 }\n',
    );
    expect(problemsOf(() => loadMonitorConfig({ env: {}, file: bad }))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^agents\.wrapUpSeconds: /),
        expect.stringMatching(/^agents\.pauseReasons\.午饭: .*after-call-work/),
        expect.stringMatching(/^agents\.breakLimitMinutes\.break: /),
        expect.stringMatching(/^agents\.breakLimitMinutes: .*lunch/),
      ]),
    );
  });

  it('reads the alarms hysteresis and hold time, and names an impossible one', () => {
    expect(loadMonitorConfig({ env: {}, file: noFile }).alarms).toEqual({
      hysteresis: 0.01,
      holdSeconds: 60,
      minSample: 20,
    });
    const good = tempFile(
      'alarms.yaml',
      'alarms:\n  hysteresis: 0.02\n  holdSeconds: 120\n  minSample: 30\n',
    );
    expect(loadMonitorConfig({ env: {}, file: good }).alarms).toEqual({
      hysteresis: 0.02,
      holdSeconds: 120,
      minSample: 30,
    });
    const bad = tempFile(
      'alarms-bad.yaml',
      'alarms:\n  hysteresis: 5\n  holdSeconds: -1\n  minSample: 2.5\n',
    );
    expect(problemsOf(() => loadMonitorConfig({ env: {}, file: bad }))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^alarms\.hysteresis: .*0–0\.2/),
        expect.stringMatching(/^alarms\.holdSeconds: /),
        expect.stringMatching(/^alarms\.minSample: /),
      ]),
    );
  });

  it('reads seats as a count (58 by default) or as desks with names, and says which desk is wrong', () => {
    expect(loadMonitorConfig({ env: {}, file: noFile }).seats).toBe(58);
    const good = tempFile(
      'seats.yaml',
      [
        'seats:',
        '  places:',
        '    - { seat: 1, row: 1, col: 1, agent: PJSIP/101, name: 张三, staffNo: A012 }',
        '    - { seat: 2, row: 1, col: 3 }',
        '  people:',
        '    - { agent: PJSIP/120, name: 王五 }',
        '',
      ].join('\n'),
    );
    expect(loadMonitorConfig({ env: {}, file: good }).seats).toEqual({
      places: [
        { seat: 1, row: 1, col: 1, agent: 'PJSIP/101', name: '张三', staffNo: 'A012' },
        { seat: 2, row: 1, col: 3 },
      ],
      people: [{ agent: 'PJSIP/120', name: '王五' }],
    });
    const bad = tempFile(
      'seats-bad.yaml',
      [
        'seats:',
        '  places:',
        '    - { seat: 1, row: 1, col: 1, agent: PJSIP/101 }',
        '    - { seat: 2, row: 1, col: 1, agent: PJSIP/101 }',
        '    - { seat: 3, row: 0, col: 2 }',
        '',
      ].join('\n'),
    );
    expect(problemsOf(() => loadMonitorConfig({ env: {}, file: bad }))).toEqual(
      expect.arrayContaining([
        'seats.places[1].col: row 1, col 1 is already taken by seat 1',
        'seats.places[1].agent: PJSIP/101 already has seat 1',
        expect.stringMatching(/^seats\.places\[2\]\.row: /),
      ]),
    );
  });

  it('rejects an unknown key instead of ignoring a typo', () => {
    const file = tempFile('typo.yaml', 'pbx:\n  typ: asterisk\n');
    expect(problemsOf(() => loadMonitorConfig({ env: {}, file }))).toEqual([
      expect.stringMatching(/^pbx: Unrecognized key\(s\) in object: 'typ'/),
    ]);
  });

  it('applies environment overrides and says where a bad one came from', () => {
    const config = loadMonitorConfig({
      env: { HOTLINE__SERVER__PORT: '8080', HOTLINE__KPI__TICK_MS: '250' },
      file: noFile,
    });
    expect(config.server.port).toBe(8080);
    expect(config.kpi.tickMs).toBe(250);
    const problems = problemsOf(() =>
      loadMonitorConfig({ env: { HOTLINE__SERVER__PORT: 'eighty' }, file: noFile }),
    );
    expect(problems).toEqual([expect.stringContaining('(from env HOTLINE__SERVER__PORT)')]);
  });

  it('takes the AMI secret from the environment or a file, and demands one for asterisk', () => {
    const file = tempFile(
      'ami.yaml',
      'pbx:\n  type: asterisk\n  asterisk: { host: pbx1, username: monitor }\n',
    );
    expect(problemsOf(() => loadMonitorConfig({ env: {}, file }))).toEqual([
      expect.stringMatching(/^pbx\.asterisk\.secret: no AMI secret/),
    ]);
    const fromEnv = loadMonitorConfig({ env: { HOTLINE_AMI_SECRET: 's3cret' }, file });
    expect(fromEnv.pbx.asterisk?.secret).toBe('s3cret');
    const secretFile = tempFile('ami.secret', 'from-file\n');
    const withFile = tempFile(
      'ami2.yaml',
      `pbx:\n  type: asterisk\n  asterisk: { host: pbx1, username: monitor, secretFile: ${secretFile} }\n`,
    );
    expect(loadMonitorConfig({ env: {}, file: withFile }).pbx.asterisk?.secret).toBe('from-file');
  });

  it('takes the PostgreSQL URL and the role tokens from the environment, over the file', () => {
    const file = tempFile(
      'pg.yaml',
      'storage:\n  driver: postgres\n  postgres: { url: "postgres://file@db/x" }\nauth: 3\n',
    );
    const config = loadMonitorConfig({
      env: {
        HOTLINE_STORAGE_PG_URL: 'postgres://env:pw@db/hotline',
        HOTLINE_TOKEN_LEADER: 'leader-token-0123456789',
        HOTLINE_TOKEN_METRICS: 'metrics-token-0123456789',
      },
      file,
    });
    expect(config.storage.postgres?.url).toBe('postgres://env:pw@db/hotline');
    expect(config.auth.tokens).toEqual({
      leader: 'leader-token-0123456789',
      metrics: 'metrics-token-0123456789',
    });
  });

  it('requires the asterisk section when the type says asterisk', () => {
    const file = tempFile('type.yaml', 'pbx:\n  type: asterisk\n');
    expect(problemsOf(() => loadMonitorConfig({ env: {}, file }))).toEqual([
      expect.stringMatching(/^pbx\.asterisk: required when type is "asterisk"/),
    ]);
  });
});
