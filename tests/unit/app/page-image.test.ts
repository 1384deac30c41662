// The export preview's fallback: when the hidden window's capture is blank, the printed PDF's
// first page is drawn with pdf.js. Here a page Chromium printed is drawn that way.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPageImage, isBlank } from '../../../electron/app/page-image';
import { ChromiumPrinter } from '../../../electron/services/export/chromium-printer';
import { findChromium } from '../../helpers/chromium';

const chromium = findChromium();
let printer: ChromiumPrinter;
beforeAll(() => {
  if (chromium) printer = new ChromiumPrinter(chromium);
});
afterAll(() => printer?.close());

async function pixels(png: Uint8Array) {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: new Uint8Array(context.getImageData(0, 0, image.width, image.height).data.buffer) };
}

describe('the export preview drawn from the printed PDF', () => {
  it('tells a capture with nothing drawn from a page with words on it', () => {
    const white = new Uint8Array(4 * 100).fill(255);
    expect(isBlank(white)).toBe(true);
    const marked = white.slice();
    marked.set([0, 0, 0, 255], 4 * 57);
    expect(isBlank(marked)).toBe(false);
  });

  it.skipIf(!chromium)('draws the first page at the preview width, words in ink on white', async () => {
    const html = '<!doctype html><style>@page { size: A4; margin: 20mm } body { font: 16pt serif }</style><h1>A New Year message</h1><p>Dear residents, this year we built the bridge.</p><p style="break-before: page">Second page</p>';
    const pdf = await printer.pdf(html, {});
    const png = await firstPageImage(pdf, 794);
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const { width, height, data } = await pixels(png);
    expect(width).toBe(794);
    expect(Math.abs(height - 1123)).toBeLessThanOrEqual(1);
    expect(isBlank(data)).toBe(false);
    // Paper is white (the corner) and the words are dark: a page, not a black or transparent square.
    expect([...data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    const dark = data.filter((_, i) => i % 4 === 0 && data[i] < 100 && data[i + 1] < 100 && data[i + 2] < 100).length;
    expect(dark).toBeGreaterThan(200);
  });
});
