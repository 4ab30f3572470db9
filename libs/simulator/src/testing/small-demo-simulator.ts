import { PbxSimulator, type SimulatorOptions } from '../pbx-simulator';

/** Monday 4 January 2021, 10:00 in Shanghai: a weekday morning, agents on shift, calls coming. */
export const WEEKDAY_MORNING = Date.parse('2021-01-04T10:00:00+08:00');

/**
 * The small-demo centre from WEEKDAY_MORNING on, its AMI on a port of the system's choosing
 * with the secret `secret`, run with the seed, length and speed a spec asks for.
 */
export function startSmallDemo(
  options: Required<Pick<SimulatorOptions, 'seed' | 'durationMs' | 'speed'>> &
    Omit<SimulatorOptions, 'scenario' | 'startAt'>,
): Promise<PbxSimulator> {
  return PbxSimulator.start({
    scenario: 'small-demo',
    startAt: WEEKDAY_MORNING,
    ...options,
    ami: { port: 0, secret: 'secret', ...options.ami },
  });
}
