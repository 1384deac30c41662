// Which files the installer would carry, decided by electron-builder's own file matchers (the
// functions its packager calls) over electron-builder.config.cjs, so that a pattern that drops a
// file the app loads fails a unit test instead of an installed app.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const require = createRequire(import.meta.url);
export const ROOT = resolve(import.meta.dirname, '../..');

interface Matcher {
  patterns: string[];
  createFilter(): (file: string, stat: FakeStat) => boolean;
}
interface FakeStat {
  isDirectory(): boolean;
  moduleFullFilePath?: string;
}
const fileMatcher = require('app-builder-lib/out/fileMatcher.js') as {
  getMainFileMatchers(appDir: string, to: string, expand: (s: string) => string, platformOptions: object, packager: object, outDir: string, compile: boolean): Matcher[];
  getNodeModuleFileMatcher(appDir: string, to: string, expand: (s: string) => string, platformOptions: object, info: object): Matcher;
};

/** electron-builder's installer configuration, read afresh. */
export function loadConfig(testBuild = false) {
  const key = require.resolve('../../electron-builder.config.cjs');
  delete require.cache[key];
  process.env.SIGNET_TEST_BUILD = testBuild ? '1' : '';
  return require(key);
}

const file = { isDirectory: () => false };

/** A test for whether a file of this checkout (an absolute path) goes into the app's asar. */
export function packagedFilter(config = loadConfig()): (path: string) => boolean {
  const info = { config, projectDir: ROOT, buildResourcesDir: config.directories.buildResources, isPrepackedAppAsar: false, debugLogger: { isEnabled: false } };
  const outDir = resolve(ROOT, config.directories.output);
  const same = (s: string) => s;
  const app = fileMatcher.getMainFileMatchers(ROOT, '/app', same, {}, { info }, outDir, false)[0].createFilter();
  const modules = fileMatcher.getNodeModuleFileMatcher(ROOT, '/app', same, {}, info).createFilter();
  return (path) => {
    const rel = relative(ROOT, path).split(sep).join('/');
    // Each package is copied with its path from the app's root, as electron-builder's copier names it.
    if (rel.startsWith('node_modules/')) return modules(path, { ...file, moduleFullFilePath: rel });
    return app(path, file);
  };
}

// Rollup's output: `import … from "x"` and `export … from "x"` statements, `import "x"`, `import("x")`.
const IMPORTS = /^(?:import|export)\b[^;"']*?\bfrom\s*["']([^"']+)["']|^import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;

/**
 * What the built main process can load, from out/main/main.js through every static and dynamic
 * import: its own files (absolute paths) and the packages it names (their specifiers).
 */
export function mainProcessGraph(entry = resolve(ROOT, 'out/main/main.js')): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (path: string) => {
    if (files.has(path)) return;
    files.add(path);
    for (const match of readFileSync(path, 'utf8').matchAll(IMPORTS)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (specifier.startsWith('.')) visit(resolve(dirname(path), specifier));
      else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier) && specifier !== 'electron') packages.add(specifier);
    }
  };
  visit(entry);
  return { files: [...files], packages: [...packages] };
}

/** The package a specifier names: `@scope/name` or `name`. */
export const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** The packages the installer carries: the production dependencies and theirs, as npm installed them. */
export function productionPackages(): Set<string> {
  const found = new Set<string>();
  // As Node looks a package up: node_modules/NAME in the folder and each one above it
  // (resolving NAME/package.json would trip over packages whose exports do not list it).
  const manifestOf = (name: string, from: string): string | null => {
    for (let folder = dirname(from); ; folder = dirname(folder)) {
      const manifest = join(folder, 'node_modules', name, 'package.json');
      if (existsSync(manifest)) return manifest;
      if (dirname(folder) === folder) return null;
    }
  };
  const visit = (name: string, from: string) => {
    if (found.has(name)) return;
    const manifest = manifestOf(name, from);
    if (!manifest) return; // an optional dependency for another platform
    found.add(name);
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, manifest);
  };
  const own = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
  for (const dep of Object.keys(own.dependencies)) visit(dep, resolve(ROOT, 'package.json'));
  return found;
}
