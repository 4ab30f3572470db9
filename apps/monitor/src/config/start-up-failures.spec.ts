import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KpiConfigError } from '@hotline/kpi';
import { ConfigError } from './config-error';
import { describeStartUpFailure } from './describe-start-up-failure';
import { loadMonitorConfig } from './load-monitor-config';
import { EX_CONFIG, StartUpError } from './start-up-error';

const dir = mkdtempSync(join(tmpdir(), 'hotline-start-up-'));
function yaml(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function failureOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return describeStartUpFailure(error, { host: '127.0.0.1', port: 3000 });
  }
  throw new Error('expected start-up to fail');
}

function errno(code: string, syscall = 'listen'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${syscall} ${code}: something`), { code, syscall });
}

describe('start-up failures exit 78 and name the key', () => {
  const asterisk = (extra: string) =>
    yaml(
      `ami-${Math.random()}.yaml`,
      `pbx:\n  type: asterisk\n  asterisk: { host: pbx1, ${extra} }\n`,
    );

  it('an unknown kpi.timeZone', () => {
    const file = yaml('tz.yaml', 'kpi:\n  timeZone: Mars/Olympus_Mons\n');
    const failure = failureOf(() => loadMonitorConfig({ env: {}, file }));
    expect(failure.exitCode).toBe(EX_CONFIG);
    expect(failure.problems).toEqual([
      expect.stringMatching(/^kpi\.timeZone: not an IANA time zone/),
    ]);
    // A real zone still passes, and so does the engine's own check (one rule: isValidTimeZone).
    const ok = yaml('tz-ok.yaml', 'kpi:\n  timeZone: Europe/Berlin\n');
    expect(loadMonitorConfig({ env: {}, file: ok }).kpi.timeZone).toBe('Europe/Berlin');
  });

  it('CR or LF in the AMI username or secret, from YAML or the environment', () => {
    const username = failureOf(() =>
      loadMonitorConfig({
        env: {},
        file: asterisk('username: "mon\\r\\nAction: Originate", secret: s'),
      }),
    );
    expect(username.exitCode).toBe(EX_CONFIG);
    expect(username.problems).toEqual(['pbx.asterisk.username: must not contain CR or LF']);
    const secret = failureOf(() =>
      loadMonitorConfig({
        env: { HOTLINE_AMI_SECRET: 'abc\nEvents: off' },
        file: asterisk('username: monitor'),
      }),
    );
    expect(secret.problems).toEqual(['pbx.asterisk.secret: must not contain CR or LF']);
    // The secret itself never appears in the message.
    expect(secret.problems.join()).not.toContain('abc');
  });

  it('CR or LF in the ESL password', () => {
    const file = yaml('esl.yaml', 'pbx:\n  type: freeswitch\n  freeswitch: { host: fs1 }\n');
    const failure = failureOf(() =>
      loadMonitorConfig({ env: { HOTLINE_ESL_PASSWORD: 'ClueCon\n\napi hupall' }, file }),
    );
    expect(failure.problems).toEqual(['pbx.freeswitch.password: must not contain CR or LF']);
  });

  it('a missing secret or password file, by its full key', () => {
    const ami = failureOf(() =>
      loadMonitorConfig({
        env: {},
        file: asterisk(`username: monitor, secretFile: ${join(dir, 'no-such.secret')}`),
      }),
    );
    expect(ami.exitCode).toBe(EX_CONFIG);
    expect(ami.problems[0]).toMatch(
      /^pbx\.asterisk\.secretFile: cannot read secret file .*no-such\.secret: ENOENT/,
    );
    const esl = yaml(
      'esl-file.yaml',
      `pbx:\n  type: freeswitch\n  freeswitch: { host: fs1, passwordFile: ${join(dir, 'nope')} }\n`,
    );
    const fs = failureOf(() => loadMonitorConfig({ env: {}, file: esl }));
    expect(fs.problems[0]).toMatch(/^pbx\.freeswitch\.passwordFile: cannot read secret file/);
  });

  it('the listening port or host', () => {
    const server = { host: '10.9.9.9', port: 80 };
    expect(describeStartUpFailure(errno('EADDRINUSE'), server)).toEqual({
      exitCode: EX_CONFIG,
      problems: [expect.stringMatching(/^server\.port: 10\.9\.9\.9:80 is already in use/)],
    });
    expect(describeStartUpFailure(errno('EACCES'), server).problems).toEqual([
      expect.stringMatching(/^server\.port: not allowed to listen on port 80/),
    ]);
    expect(describeStartUpFailure(errno('EADDRNOTAVAIL'), server).problems).toEqual([
      expect.stringMatching(/^server\.host: 10\.9\.9\.9 is not an address of this machine/),
    ]);
  });

  it('a failed start-up step that names its key; a retryable one exits 1', () => {
    const path = new StartUpError('storage.sqlite.path', 'cannot open the database /ro/x: EROFS');
    expect(describeStartUpFailure(path, undefined)).toEqual({
      exitCode: EX_CONFIG,
      problems: ['storage.sqlite.path: cannot open the database /ro/x: EROFS'],
    });
    const pgDown = new StartUpError('storage.postgres.url', 'ECONNREFUSED', true);
    expect(describeStartUpFailure(pgDown, undefined).exitCode).toBe(1);
    const kpi = new KpiConfigError('KPI_ERR_BAD_SHIFT', 'shifts[0].name', 'a shift needs a name');
    expect(describeStartUpFailure(kpi, undefined)).toEqual({
      exitCode: EX_CONFIG,
      problems: ['kpi.shifts[0].name: a shift needs a name'],
    });
    expect(describeStartUpFailure(new ConfigError(['a: b', 'c: d']), undefined).problems).toEqual([
      'a: b',
      'c: d',
    ]);
  });

  it('anything else exits 1 with one line, no stack', () => {
    const error = new Error('boom\n    at somewhere (file.ts:1:1)');
    expect(describeStartUpFailure(error, undefined)).toEqual({
      exitCode: 1,
      problems: ['start-up failed: boom'],
    });
  });
});
