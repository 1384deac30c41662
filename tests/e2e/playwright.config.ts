import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../helpers/chromium';

const executablePath = findChromium();
if (!executablePath) {
  throw new Error('No Chromium found: install Debian\'s chromium (apt-get install chromium) or set SIGNET_CHROMIUM.');
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../artifacts/e2e-results',
  timeout: 60_000,
  workers: 2,
  // One retry: on this 2-core machine under load a UI step can miss its 5 s wait (seen in suggestions and library specs). A test that passes only on its retry is listed as flaky in the report, not hidden.
  retries: 1,
  // npm test asks for a JSON report too, to count results across suites.
  reporter: process.env.SIGNET_REPORT ? [['list'], ['json', { outputFile: process.env.SIGNET_REPORT }]] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 860 },
    trace: 'retain-on-failure',
  },
});
