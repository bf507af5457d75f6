import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/**
 * Debian's Chromium, as every browser test starts it. CI installs it and sets
 * CASELOAD_BROWSER_TEST=1, which makes a missing browser a failure; elsewhere
 * the browser tests are skipped without it, with a warning.
 */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const BROWSER_REQUIRED = process.env['CASELOAD_BROWSER_TEST'] === '1';
export const BROWSER_AVAILABLE = existsSync(CHROMIUM);

/** Warns that a browser test is skipped when Chromium is missing (and not required); whether it runs. */
export function browserTestRuns(name: string): boolean {
  if (!BROWSER_AVAILABLE && !BROWSER_REQUIRED)
    console.warn(`${name} skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  return BROWSER_AVAILABLE || BROWSER_REQUIRED;
}

/** Headless Chromium: no sandbox, no GPU, nothing on the network of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
