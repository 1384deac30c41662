import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../artifacts/electron-results',
  timeout: 60_000,
  workers: 1,
  reporter: process.env.SIGNET_REPORT ? [['list'], ['json', { outputFile: process.env.SIGNET_REPORT }]] : [['list']],
});
