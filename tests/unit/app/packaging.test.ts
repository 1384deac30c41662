// Installers cannot be built on these machines (electron-builder downloads Electron); this checks
// that what it would build is configured: every platform's target, the file association, the fuses,
// and, through electron-builder's own file matchers, that the app's asar holds every file the app
// loads at run time and none that only the command line tool and the benchmarks use.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fontFiles } from '../../../electron/services/export/fonts';
import { ensureBuiltServices } from '../../helpers/built-services';
import { ROOT, loadConfig, mainProcessGraph, packageName, packagedFilter, productionPackages } from '../../helpers/packaged';

const require = createRequire(import.meta.url);
const dropped = (paths: string[]) => paths.filter((path) => !packagedFilter()(path)).map((path) => path.slice(ROOT.length + 1));
const filesIn = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesIn(join(folder, entry.name)) : [join(folder, entry.name)]));

describe('installer configuration', () => {
  it('builds every platform with the .signet association', () => {
    const config = loadConfig();
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.fileAssociations[0].ext).toBe('signet');
  });
  it('flips the fuses in shipped builds and keeps inspect only for test builds', () => {
    const shipped = loadConfig().electronFuses;
    expect(shipped).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    expect(loadConfig(true).electronFuses.enableNodeCliInspectArguments).toBe(true);
  });
  it("keeps electron-builder's own deb dependencies and adds the secret store's", () => {
    // The list electron-builder uses when `depends` is left out (FpmTarget's default for deb).
    const source = require('node:fs').readFileSync(require.resolve('app-builder-lib/out/targets/FpmTarget.js'), 'utf8');
    const defaults = JSON.parse(/case "deb":\s*return (\[[^\]]*\])/.exec(source)![1]) as string[];
    expect(defaults).toContain('libnss3');
    const depends = loadConfig().deb.depends as string[];
    expect(depends).toEqual(expect.arrayContaining([...defaults, 'libsecret-1-0']));
    expect(depends.some((d) => d.includes('libasound2'))).toBe(true);
  });
});

describe('what the installed app carries', () => {
  beforeAll(() => ensureBuiltServices(), 300_000);

  it('carries every font file a copy can ask for (Noto Serif SC slice 100 among them)', () => {
    const files = fontFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.endsWith('noto-serif-sc-100-400-normal.woff2'))).toBe(true);
    expect(dropped(files)).toEqual([]);
  });
  it('leaves out the font weights and formats no copy uses', () => {
    const folder = dirname(require.resolve('@fontsource/noto-serif-sc/package.json'));
    const unused = ['noto-serif-sc-100-300-normal.woff2', 'noto-serif-sc-5-900-normal.woff2', 'noto-serif-sc-100-400-normal.woff'].map((f) => join(folder, 'files', f));
    expect(dropped(unused)).toHaveLength(unused.length);
  });
  it('carries the verifier page, which the export dialog saves', () => {
    const page = resolve(ROOT, 'out/verifier/verifier.html');
    expect(existsSync(page)).toBe(true);
    expect(dropped([page])).toEqual([]);
  });
  it('carries the main process, every module it imports, the preload and the renderer', () => {
    const { files } = mainProcessGraph();
    expect(files.length).toBeGreaterThan(5);
    const preload = resolve(ROOT, 'out/preload/preload.cjs');
    const renderer = filesIn(resolve(ROOT, 'out/renderer'));
    expect(existsSync(preload)).toBe(true);
    expect(renderer).toContain(resolve(ROOT, 'out/renderer/index.html'));
    expect(dropped([...files, preload, ...renderer])).toEqual([]);
  });
  it('carries every package the main process imports, and the pdf.js build and worker it reads copies with', () => {
    const { packages } = mainProcessGraph();
    expect(packages).toContain('pdfjs-dist/legacy/build/pdf.mjs');
    const production = productionPackages();
    // Installed for the app, not only for development (electron-builder copies production dependencies only).
    expect(packages.map(packageName).filter((name) => !production.has(name))).toEqual([]);
    const entries = packages.map((specifier) => require.resolve(specifier));
    const worker = join(dirname(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')), 'pdf.worker.mjs');
    // pdf.js draws the export preview's fallback on @napi-rs/canvas, which loads its platform's binary package.
    expect(production.has('@napi-rs/canvas')).toBe(true);
    const canvas = filesIn(dirname(require.resolve('@napi-rs/canvas/package.json'))).filter((f) => /\.(js|json)$/.test(f));
    expect(dropped([...entries, worker, ...canvas])).toEqual([]);
  });
  it('leaves out the command line tool, the benchmarks and what only they use', () => {
    const { files, packages } = mainProcessGraph();
    const cliOnly = [resolve(ROOT, 'bin/signet.js'), resolve(ROOT, 'out/main/cli.js'), resolve(ROOT, 'out/bench-export/export-message.js'), resolve(ROOT, 'out/bench/index.html'), require.resolve('playwright-core')];
    expect(files).not.toContain(resolve(ROOT, 'out/main/cli.js'));
    expect(packages.map(packageName)).not.toContain('playwright-core');
    expect(dropped(cliOnly)).toHaveLength(cliOnly.length);
  });
});
