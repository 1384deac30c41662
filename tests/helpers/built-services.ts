// Tests that run the built services in their own processes need out/main/services.js, built from
// the sources as they are now: build it when it is missing or older than any service source.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SERVICES_BUNDLE = join(ROOT, 'out/main/services.js');

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const bundleTime = () => (existsSync(SERVICES_BUNDLE) ? statSync(SERVICES_BUNDLE).mtimeMs : 0);

export function ensureBuiltServices(): void {
  const sources = Math.max(...['electron/services', 'electron/cli', 'shared'].map((folder) => newestSource(join(ROOT, folder))));
  if (bundleTime() >= sources) return;
  const started = Date.now();
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  // The main-process bundle is built first; a renderer that fails to build mid-edit does not matter here.
  if (bundleTime() >= started - 1_000) return;
  throw new Error(`out/main/services.js could not be built (npx electron-vite build exited ${build.status}):\n${build.stdout}\n${build.stderr}`);
}
