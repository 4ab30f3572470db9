import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { issueWhy, zodIssueMessage } from '@hotline/validation';
import { ConfigError } from './config-error';
import { monitorConfigSchema, type MonitorConfig } from './monitor-config.schema';

type Plain = Record<string, unknown>;

export interface ConfigSources {
  /** Environment to read overrides from (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** The operator's YAML file; default $HOTLINE_CONFIG, else config/monitor.yaml if present. */
  readonly file?: string;
  readonly cwd?: string;
}

const ENV_PREFIX = 'HOTLINE__';

/**
 * One validated config object, checked once at start: YAML file, then environment overrides
 * (`HOTLINE__PBX__ASTERISK__HOST=pbx1` sets pbx.asterisk.host; values are parsed as JSON when
 * they look like it), then secrets from env or files. Every problem names its key.
 */
export function loadMonitorConfig(sources: ConfigSources = {}): MonitorConfig {
  const env = sources.env ?? process.env;
  const cwd = sources.cwd ?? process.cwd();
  const problems: string[] = [];
  const origins = new Map<string, string>();

  let raw: Plain = {};
  const file = sources.file ?? env.HOTLINE_CONFIG ?? defaultFile(cwd);
  if (file) {
    const path = resolve(cwd, file);
    try {
      const parsed: unknown = parseYaml(readFileSync(path, 'utf8'));
      if (parsed !== null && parsed !== undefined) {
        if (!isPlain(parsed)) problems.push(`${path}: the top level must be a mapping of keys`);
        else raw = parsed;
      }
    } catch (error) {
      problems.push(`${path}: cannot read config file: ${(error as Error).message}`);
    }
  }

  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || value === undefined) continue;
    const path = name.slice(ENV_PREFIX.length).split('__').filter(Boolean).map(snakeToCamel);
    if (path.length === 0) continue;
    setPath(raw, path, parseEnvValue(value));
    origins.set(path.join('.'), `env ${name}`);
  }

  applySecrets(raw, env, cwd, problems);
  applySecretSettings(raw, env);
  if (problems.length > 0) throw new ConfigError(problems);

  const result = monitorConfigSchema.safeParse(raw, { error: zodIssueMessage });
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => describe(i, origins)));
  return result.data;
}

function defaultFile(cwd: string): string | undefined {
  const candidate = resolve(cwd, 'config/monitor.yaml');
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * The PBX secrets of `pbx:` or of every `pbxes:` entry, from its own file; HOTLINE_AMI_SECRET
 * and HOTLINE_ESL_PASSWORD are the own site's PBX's (`pbx`, or the first entry).
 */
function applySecrets(raw: Plain, env: NodeJS.ProcessEnv, cwd: string, problems: string[]): void {
  const links: [Plain, string][] = Array.isArray(raw.pbxes)
    ? raw.pbxes.flatMap((entry, index) => (isPlain(entry) ? [[entry, `pbxes[${index}]`]] : []))
    : isPlain(raw.pbx)
      ? [[raw.pbx, 'pbx']]
      : [];
  links.forEach(([pbx, key], index) =>
    applyPbxSecrets(pbx, key, index === 0 ? env : {}, cwd, problems),
  );
}

function applyPbxSecrets(
  pbx: Plain,
  pbxKey: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  problems: string[],
): void {
  const secretFrom = (
    key: string,
    envName: string,
    fileKey: string,
    section: Plain | undefined,
    sectionKey: string,
  ) => {
    if (!section) return;
    if (env[envName]) section[key] = env[envName];
    const fileName = section[fileKey];
    if (typeof fileName === 'string' && section[key] === undefined) {
      try {
        section[key] = readFileSync(resolve(cwd, fileName), 'utf8').trim();
      } catch (error) {
        problems.push(
          `${sectionKey}.${fileKey}: cannot read secret file ${fileName}: ${(error as Error).message}`,
        );
      }
    }
  };
  const asterisk = isPlain(pbx.asterisk) ? pbx.asterisk : undefined;
  secretFrom('secret', 'HOTLINE_AMI_SECRET', 'secretFile', asterisk, `${pbxKey}.asterisk`);
  if (pbx.type === 'asterisk' && asterisk && asterisk.secret === undefined) {
    problems.push(
      `${pbxKey}.asterisk.secret: no AMI secret: set HOTLINE_AMI_SECRET or ${pbxKey}.asterisk.secretFile`,
    );
  }
  const freeswitch = isPlain(pbx.freeswitch) ? pbx.freeswitch : undefined;
  secretFrom(
    'password',
    'HOTLINE_ESL_PASSWORD',
    'passwordFile',
    freeswitch,
    `${pbxKey}.freeswitch`,
  );
  if (pbx.type === 'freeswitch' && freeswitch && freeswitch.password === undefined) {
    problems.push(
      `${pbxKey}.freeswitch.password: no ESL password: set HOTLINE_ESL_PASSWORD or ${pbxKey}.freeswitch.passwordFile`,
    );
  }
}

/**
 * Settings that carry a password or a token, from the environment so they stay out of files:
 * the PostgreSQL URL, the queue_log table's URL, the role tokens.
 */
const SECRET_ENV_SETTINGS: readonly (readonly [env: string, path: readonly string[]])[] = [
  ['HOTLINE_STORAGE_PG_URL', ['storage', 'postgres', 'url']],
  ['HOTLINE_HISTORY_QUEUE_LOG_TABLE_URL', ['history', 'queueLogTable', 'url']],
  ...(['wallboard', 'leader', 'admin', 'metrics'] as const).map(
    (role) => [`HOTLINE_TOKEN_${role.toUpperCase()}`, ['auth', 'tokens', role]] as const,
  ),
];

function applySecretSettings(raw: Plain, env: NodeJS.ProcessEnv): void {
  for (const [name, path] of SECRET_ENV_SETTINGS) {
    const value = env[name];
    if (value) setPath(raw, path, value);
  }
}

function describe(issue: z.core.$ZodIssue, origins: Map<string, string>): string {
  const key = configKey(issue.path) || '(top level)';
  const origin = origins.get(key);
  return `${key}: ${issueWhy(issue)}${origin ? ` (from ${origin})` : ''}`;
}

/** `pbxes[1].site`, `kpi.shifts[0].start`: a list's entries by index, as the YAML lists them. */
function configKey(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index > 0 ? '.' : ''}${String(segment)}`,
    )
    .join('');
}

function snakeToCamel(segment: string): string {
  const lower = segment.toLowerCase();
  return lower.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function parseEnvValue(value: string): unknown {
  const trimmed = value.trim();
  if (/^(true|false|null|-?\d+(\.\d+)?|\[.*\]|\{.*\})$/s.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function setPath(target: Plain, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (!isPlain(next)) node[key] = {};
    node = node[key] as Plain;
  }
  node[path[path.length - 1]] = value;
}

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
