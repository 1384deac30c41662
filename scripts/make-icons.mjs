#!/usr/bin/env node
// Makes the .signet document icons Windows and macOS need from resources/icon.png: an .ico and an
// .icns holding PNG images (both formats allow PNG entries). Linux takes the PNG itself. Run it
// after changing the icon: `node scripts/make-icons.mjs`; tests/unit/app/icons.test.ts checks the result.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isStartedScript } from './node-tool.mjs';

const RESOURCES = resolve(import.meta.dirname, '../resources');
export const ICO_SIZES = [16, 32, 48, 256];
// icp4 and icp5 are 16 and 32 pixels, ic07 to ic09 128 to 512.
export const ICNS_TYPES = { icp4: 16, icp5: 32, ic07: 128, ic08: 256, ic09: 512 };

async function pngAt(source, size) {
  const canvas = createCanvas(size, size);
  canvas.getContext('2d').drawImage(source, 0, 0, size, size);
  return canvas.toBuffer('image/png');
}

export function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.png)]);
}

export function icns(images) {
  const chunks = images.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

export async function makeIcons(folder = RESOURCES) {
  const source = await loadImage(readFileSync(join(RESOURCES, 'icon.png')));
  writeFileSync(join(folder, 'document.ico'), ico(await Promise.all(ICO_SIZES.map(async (size) => ({ size, png: await pngAt(source, size) })))));
  writeFileSync(join(folder, 'document.icns'), icns(await Promise.all(Object.entries(ICNS_TYPES).map(async ([type, size]) => ({ type, png: await pngAt(source, size) })))));
}

if (isStartedScript(import.meta.url)) await makeIcons();
