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
  // npm test asks for a JSON report too, to count results across suites.
  reporter: process.env.SIGNET_REPORT ? [['list'], ['json', { outputFile: process.env.SIGNET_REPORT }]] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 860 },
    trace: 'retain-on-failure',
  },
});
