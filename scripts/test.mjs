#!/usr/bin/env node
// `npm test`: every check, in the order a failure is cheapest to find: types, lint, the structure
// (no import circle, no over-long function: scripts/check-structure.mjs), build, unit
// tests, the Chromium end-to-end suite, then the Electron suite (which reports itself skipped,
// with the reason, where no Electron runtime is installed). Ends with one summary line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toolCommand } from './node-tool.mjs';

const reports = join('tests', 'artifacts', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function run(name, command, args, env = {}) {
  console.log(`\n── ${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  console.log(`── ${name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (!ok) failedSteps.push(name);
  return ok;
}

function countVitest(file) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  } catch {
    totals.failed += 1;
  }
}

function countPlaywright(file) {
  try {
    const { stats } = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
  } catch {
    totals.failed += 1;
  }
}

run('typecheck', ...toolCommand('typescript', 'tsc', ['--noEmit', '-p', 'tsconfig.json']));
run('lint', ...toolCommand('eslint', 'eslint', ['--max-warnings', '0', '.']));
run('structure', process.execPath, ['scripts/check-structure.mjs']);
const built = run('build', ...toolCommand('electron-vite', 'electron-vite', ['build']));
const vitestReport = join(reports, 'unit.json');
run('unit', ...toolCommand('vitest', 'vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`]));
countVitest(vitestReport);
const playwright = (args) => toolCommand('@playwright/test', 'playwright', args);
if (built) {
  const e2eReport = join(reports, 'e2e.json');
  run('e2e (Chromium)', ...playwright(['test', '-c', 'tests/e2e/playwright.config.ts']), { SIGNET_REPORT: resolve(e2eReport) });
  countPlaywright(e2eReport);
  const electronReport = join(reports, 'electron.json');
  run('e2e (Electron)', ...playwright(['test', '-c', 'tests/electron/playwright.config.ts']), { SIGNET_REPORT: resolve(electronReport) });
  countPlaywright(electronReport);
}

console.log(failedSteps.length ? `\nFailed steps: ${failedSteps.join(', ')}` : '\nEvery step passed.');
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
