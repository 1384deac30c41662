// The typing benchmark's Playwright run (scripts/bench/typing.mjs starts it; `npm test` never
// does): the e2e harness's Chromium, one worker so nothing else competes for the machine.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium';

const executablePath = findChromium();
if (!executablePath) {
  throw new Error('No Chromium found: install Debian\'s chromium (apt-get install chromium) or set SIGNET_CHROMIUM.');
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../artifacts/bench-results',
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 860 },
    trace: 'off',
  },
});
