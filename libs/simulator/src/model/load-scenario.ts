import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_SCENARIO } from './default-scenario';
import {
  parseScenario,
  ScenarioError,
  type ScenarioConfig,
  type ScenarioInput,
} from './scenario-config';

/** Overrides the built-in centre with a partial scenario (top-level keys replace). */
export function resolveScenario(overrides: Partial<ScenarioInput> = {}): ScenarioConfig {
  return parseScenario({ ...DEFAULT_SCENARIO, ...overrides });
}

/** Finds config/scenarios/ from the working directory or any parent of this file. */
function scenarioDirectories(): string[] {
  const dirs = [join(process.cwd(), 'config', 'scenarios')];
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    dirs.push(join(dir, 'config', 'scenarios'));
    dir = dirname(dir);
  }
  return dirs;
}

/** Loads a scenario by name (config/scenarios/<name>.yaml) or path; 'default' is built in. */
export function loadScenario(nameOrPath: string): ScenarioConfig {
  if (nameOrPath === 'default') return resolveScenario();
  const looksLikePath = /\.ya?ml$/.test(nameOrPath) || nameOrPath.includes('/');
  const candidates = looksLikePath
    ? [isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath)]
    : scenarioDirectories().map((d) => join(d, `${nameOrPath}.yaml`));
  const file = candidates.find((c) => existsSync(c));
  if (!file)
    throw new ScenarioError(
      `scenario not found: ${nameOrPath} (looked in ${candidates.join(', ')})`,
    );
  const parsed: unknown = parse(readFileSync(file, 'utf8'));
  if (parsed === null || typeof parsed !== 'object')
    throw new ScenarioError(`scenario ${file} is not a mapping`);
  return resolveScenario(parsed);
}
