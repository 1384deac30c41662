// `npm start` and `npm test` on a user's machine: the start script's "am I the script Node was
// asked to run" guard, which a path with a space or a symlinked checkout used to defeat (so
// `npm start` silently did nothing), the tools run with Node itself (npx cannot be spawned on
// Windows without a shell), and the Node version the project declares.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { isStartedScript, toolCommand } from '../../../scripts/node-tool.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
// npm's own version arithmetic (installed with the toolchain; it ships no types).
const semver = createRequire(import.meta.url)('semver') as {
  Range: new (range: string) => { set: { value: string }[][] };
  minVersion(range: string): { version: string } | null;
  satisfies(version: { version: string } | string, range: string): boolean;
  gte(a: { version: string } | string, b: string): boolean;
};
let folder: string | null = null;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = null;
});

describe('the start script', () => {
  it('knows it was started from a folder whose name has a space, and through a symlinked checkout', async () => {
    folder = await mkdtemp(join(tmpdir(), 'signet start '));
    const script = join(folder, 'start.mjs');
    await writeFile(script, '');
    await symlink(folder, join(folder, 'linked checkout'));
    const url = pathToFileURL(script).href;
    expect(url).toContain('%20');
    expect(isStartedScript(url, script)).toBe(true);
    expect(isStartedScript(url, join(folder, 'linked checkout', 'start.mjs'))).toBe(true);
    expect(isStartedScript(url, join(folder, 'other.mjs'))).toBe(false);
    expect(isStartedScript(url, undefined)).toBe(false);
  });
  it('starts the app only when run, not when the Electron suite imports it', () => {
    const imported = spawnSync(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(pathToFileURL(join(ROOT, 'scripts/start.mjs')).href)}).then((m) => console.log(typeof m.electronBinary))`], { encoding: 'utf8', cwd: ROOT });
    expect(imported.stdout.trim()).toBe('function');
    expect(imported.stderr).not.toContain('Signet cannot start');
  });
  it('runs the build tools with this Node, by their scripts, without npx or a shell', () => {
    const [node, args] = toolCommand('typescript', 'tsc', ['--version']);
    expect(node).toBe(process.execPath);
    expect(args[0]).toMatch(/typescript[\\/]bin[\\/]tsc$/);
    expect(spawnSync(node, args, { encoding: 'utf8' }).stdout).toMatch(/^Version \d/);
    expect(toolCommand('electron-vite', 'electron-vite')[1][0]).toMatch(/electron-vite[\\/]bin[\\/]electron-vite\.js$/);
  });
});

describe('the Node version', () => {
  it('is declared in package.json as at least what every installed package asks for (Electron 45 tools: 22.12)', () => {
    const wanted = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines?.node as string | undefined;
    expect(wanted).toBeDefined();
    // The oldest Node of each line the range allows (22.13 and 24.0 for "^22.13.0 || >=24.0.0").
    const oldest = new semver.Range(wanted!).set.map((comparators) => semver.minVersion(comparators.map((c) => c.value).join(' '))!);
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')).packages as Record<string, { engines?: { node?: string } }>;
    const unmet = oldest.flatMap((version) =>
      Object.entries(lock)
        .filter(([path, pkg]) => path && typeof pkg.engines?.node === 'string' && !semver.satisfies(version, pkg.engines.node))
        .map(([path, pkg]) => `${path} wants ${pkg.engines!.node}, not ${version.version}`),
    );
    expect(unmet).toEqual([]);
    expect(oldest.every((version) => semver.gte(version, '22.12.0'))).toBe(true);
  });
});
