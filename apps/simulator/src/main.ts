import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, parseCli, USAGE } from './cli/parse-cli';
import { formatProgress } from './cli/format-progress';
import {
  PbxSimulator,
  readRotaPlan,
  runModel,
  ScenarioError,
  type SimulatorProgress,
} from '@hotline/simulator';

/** Thin CLI around PbxSimulator / runModel (no Nest needed for a PBX stand-in). */
async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  if (cli.help) {
    process.stdout.write(USAGE);
    return;
  }
  const rota = cli.rota === undefined ? undefined : readRotaPlan(cli.rota);
  if (cli.modelOnly) {
    const { calls, summary } = runModel({
      scenario: cli.scenario,
      rota,
      seed: cli.seed,
      durationMs: cli.durationMs,
      startAt: cli.startAt,
    });
    if (cli.truthDir) {
      mkdirSync(cli.truthDir, { recursive: true });
      writeFileSync(
        join(cli.truthDir, 'truth.jsonl'),
        calls.map((c) => JSON.stringify(c)).join('\n') + '\n',
      );
      writeFileSync(join(cli.truthDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    }
    const c = summary.centre;
    process.stdout.write(
      `queue calls ${calls.length}, contacts ${c.offered}, answer rate ${c.answerRate}%, ` +
        `10-s rate ${c.tenSecondRate}%, over-5-min rate ${c.over5MinRate}%, satisfaction ${c.satisfactionRate}%\n`,
    );
    return;
  }
  const sim = await PbxSimulator.start({
    scenario: cli.scenario,
    rota,
    seed: cli.seed,
    speed: cli.speed,
    durationMs: cli.durationMs,
    startAt: cli.startAt,
    truthDir: cli.truthDir,
    noise: cli.noise,
    replay: cli.replay,
    ami: {
      host: cli.host,
      port: cli.port,
      username: cli.username,
      secret: cli.secret,
      timestampEvents: cli.timestamps,
    },
  });
  process.stdout.write(
    `AMI listening on ${cli.host}:${sim.port} (user ${cli.username}), speed ×${cli.speed}\n`,
  );
  let lastLine = 0;
  sim.on('progress', (p: SimulatorProgress) => {
    if (Date.now() - lastLine < 5000) return;
    lastLine = Date.now();
    process.stdout.write(`${formatProgress(p)}\n`);
  });
  sim.on('error', (error: unknown) => process.stderr.write(`simulator: ${String(error)}\n`));
  const shutdown = (): void => {
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await sim.finished();
  process.stdout.write(
    `run finished (${sim.truth.calls().length} queue calls); AMI stays up until Ctrl-C\n`,
  );
}

main().catch((error: unknown) => {
  const known = error instanceof CliError || error instanceof ScenarioError;
  process.stderr.write(`${known ? (error as Error).message : String(error)}\n`);
  if (!known) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
  process.exit(known ? 2 : 1);
});
