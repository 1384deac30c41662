// The .signet document icon: Windows needs an .ico and macOS an .icns (a PNG there gives blank
// document icons), resolved the way electron-builder resolves a file association's icon.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { makeIcons } from '../../../scripts/make-icons.mjs';
import { loadConfig } from '../../helpers/packaged';

const require = createRequire(import.meta.url);
const { getPlatformIconFileName } = require('builder-util/out/util.js') as { getPlatformIconFileName(value: string, isMac: boolean): string };
const RESOURCES = resolve(import.meta.dirname, '../../../resources');
const PNG = '\x89PNG';

/** The icon file electron-builder would give Windows (false) or macOS (true). */
const iconFor = (mac: boolean) => join(RESOURCES, getPlatformIconFileName(loadConfig().fileAssociations[0].icon, mac));

describe('the .signet document icon', () => {
  it('is an .ico for Windows with PNG images up to 256 pixels', async () => {
    const file = iconFor(false);
    expect(file).toMatch(/\.ico$/);
    const ico = await readFile(file);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const entries = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => 6 + 16 * i).map((at) => ({
      size: ico.readUInt8(at) || 256,
      png: ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8)).subarray(0, 4).toString('latin1'),
    }));
    expect(entries).toEqual([16, 32, 48, 256].map((size) => ({ size, png: PNG })));
  });
  it('is an .icns for macOS with PNG images up to 512 pixels', async () => {
    const file = iconFor(true);
    expect(file).toMatch(/\.icns$/);
    const icns = await readFile(file);
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.push(icns.subarray(at, at + 4).toString('latin1'));
      expect(icns.subarray(at + 8, at + 12).toString('latin1')).toBe(PNG);
    }
    expect(types).toEqual(['icp4', 'icp5', 'ic07', 'ic08', 'ic09']);
  });
  it('is made from the app icon as it is now (node scripts/make-icons.mjs)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'signet-icons-'));
    try {
      await makeIcons(folder);
      for (const name of ['document.ico', 'document.icns']) expect((await readFile(join(folder, name))).equals(await readFile(join(RESOURCES, name)))).toBe(true);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
