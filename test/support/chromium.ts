import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

/** Debian's Chromium, driven headless by the browser specs. */
export const CHROMIUM = '/usr/bin/chromium';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI)
  throw new Error(`${CHROMIUM} missing: .ci/run installs Debian's chromium`);
if (!haveChromium)
  console.warn(`${CHROMIUM} not installed: skipping the browser tests (CI runs them)`);

/** `describe` where Chromium is installed (always in CI), `describe.skip` elsewhere. */
export const describeInBrowser = haveChromium ? describe : describe.skip;

/** Debian's Chromium, headless, as every browser spec starts it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}
