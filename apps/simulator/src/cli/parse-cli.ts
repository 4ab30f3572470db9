import { parseArgs } from 'node:util';
import { parseDuration } from '@hotline/simulator';

export const USAGE = `PBX simulator: a call centre speaking Asterisk AMI over TCP, with ground truth.

Usage: npm run simulator -- [options]

  --scenario <name|path>  scenario in config/scenarios/ or a YAML file (default month-2021-01)
  --rota <plan.json>      run a planned rota (the rota planner's output) instead of the
                          scenario's shifts; its breaks replace random pauses of the same reason
  --port <n>              AMI port on 127.0.0.1 (default 5038; 0 = any free port)
  --host <addr>           listen address (default 127.0.0.1)
  --username <name>       AMI user (default monitor)
  --secret <secret>       AMI secret (default: $SIMULATOR_AMI_SECRET or "monitor")
  --speed <x>             simulated seconds per real second (default 1; e.g. 60, 3600)
  --seed <n>              PRNG seed (same seed, same calls; default from the scenario)
  --duration <d>          simulated duration: 2h, 1d, 30d (default from the scenario)
  --start <iso>           simulated start instant (default now; --model-only: the scenario's)
  --truth-dir <dir>       write truth.jsonl, summary.json and queue_log there
  --no-timestamps         no Timestamp header (timestampevents = no)
  --no-noise              only queue events and the QUEUESTATUS VarSets (no channel noise)
  --model-only            no TCP: run the model as fast as possible, print the KPI summary
  --replay <file>         serve a recorded .ami capture (gz or plain) instead of the model
  --help                  this text
`;

export interface CliOptions {
  readonly help: boolean;
  readonly scenario?: string;
  readonly rota?: string;
  readonly port: number;
  readonly host: string;
  readonly username: string;
  readonly secret: string;
  readonly speed: number;
  readonly seed?: number;
  readonly durationMs?: number;
  readonly startAt?: number;
  readonly truthDir?: string;
  readonly timestamps: boolean;
  readonly noise: boolean;
  readonly modelOnly: boolean;
  readonly replay?: string;
}

export class CliError extends Error {
  readonly code = 'SIM_ERR_CLI';
}

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new CliError(`--${name}: not a number: ${text}`);
  return value;
}

export function parseCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      help: { type: 'boolean', short: 'h' },
      scenario: { type: 'string' },
      rota: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      username: { type: 'string' },
      secret: { type: 'string' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      duration: { type: 'string' },
      start: { type: 'string' },
      'truth-dir': { type: 'string' },
      'no-timestamps': { type: 'boolean' },
      'no-noise': { type: 'boolean' },
      'model-only': { type: 'boolean' },
      replay: { type: 'string' },
    },
    strict: true,
  });
  const startAt = values.start === undefined ? undefined : Date.parse(values.start);
  if (startAt !== undefined && Number.isNaN(startAt))
    throw new CliError(`--start: not a date: ${values.start}`);
  const speed = number('speed', values.speed) ?? 1;
  if (speed <= 0) throw new CliError('--speed must be positive');
  return {
    help: values.help ?? false,
    scenario: values.scenario,
    rota: values.rota,
    port: number('port', values.port) ?? 5038,
    host: values.host ?? '127.0.0.1',
    username: values.username ?? 'monitor',
    secret: values.secret ?? env.SIMULATOR_AMI_SECRET ?? 'monitor',
    speed,
    seed: number('seed', values.seed),
    durationMs: values.duration === undefined ? undefined : parseDuration(values.duration),
    startAt,
    truthDir: values['truth-dir'],
    timestamps: !(values['no-timestamps'] ?? false),
    noise: !(values['no-noise'] ?? false),
    modelOnly: values['model-only'] ?? false,
    replay: values.replay,
  };
}
