import { CliError, parseCli } from './parse-cli';

describe(parseCli.name, () => {
  it('reads every option', () => {
    const cli = parseCli(
      [
        '--port',
        '0',
        '--secret',
        's3',
        '--speed',
        '3600',
        '--seed',
        '7',
        '--duration',
        '30d',
        '--start',
        '2021-01-01T00:00:00+08:00',
        '--scenario',
        'day-peak',
        '--rota',
        'plan.json',
        '--truth-dir',
        '/tmp/t',
        '--no-timestamps',
        '--replay',
        'x.ami.gz',
      ],
      {},
    );
    expect(cli).toMatchObject({
      port: 0,
      secret: 's3',
      speed: 3600,
      seed: 7,
      durationMs: 30 * 86_400_000,
      scenario: 'day-peak',
      rota: 'plan.json',
      truthDir: '/tmp/t',
      timestamps: false,
      replay: 'x.ami.gz',
    });
    expect(cli.startAt).toBe(Date.parse('2020-12-31T16:00:00Z'));
  });

  it('takes the secret from the environment when not given', () => {
    expect(parseCli([], { SIMULATOR_AMI_SECRET: 'env-secret' }).secret).toBe('env-secret');
  });

  it('rejects a bad speed or date with a CLI error', () => {
    expect(() => parseCli(['--speed', 'fast'], {})).toThrow(CliError);
    expect(() => parseCli(['--start', 'yesterday'], {})).toThrow(CliError);
  });
});
