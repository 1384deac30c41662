#!/usr/bin/env node
// `npm start`: build, then run the app in Electron. Electron's npm package fetches its runtime on
// first use; where that cannot happen, say so in one sentence instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isStartedScript, toolCommand } from './node-tool.mjs';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

export function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name ?? 'electron');
  const binary = name ? join(electronDir, 'dist', name) : null;
  return binary && existsSync(binary) ? binary : null;
}

function ensureElectron() {
  if (electronBinary()) return electronBinary();
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'pipe', timeout: 300_000 });
  if (download.status === 0 && electronBinary()) return electronBinary();
  console.error(
    "Signet cannot start: Electron's runtime is not installed and could not be downloaded here; run `npx install-electron` on a machine with internet access, or set ELECTRON_OVERRIDE_DIST_PATH to a folder that holds Electron's binary.",
  );
  process.exit(1);
}

// The Electron suite imports electronBinary from here; only `node scripts/start.mjs` starts the app.
if (isStartedScript(import.meta.url)) {
  const binary = ensureElectron();
  const build = spawnSync(...toolCommand('electron-vite', 'electron-vite', ['build']), { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const app = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  app.on('exit', (code) => process.exit(code ?? 0));
}
