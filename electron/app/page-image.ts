// The export preview's second way of drawing a page. capturePage of a window that was never shown
// can come back blank (electron issues 35953 and 31992), so when it does, the preview is the
// printed PDF's first page drawn by pdf.js instead. Plain Node: the unit tests run it.

/** Whether a bitmap (4 bytes a pixel, any channel order) holds one colour only: a capture with nothing drawn. */
export function isBlank(bitmap: Uint8Array): boolean {
  if (bitmap.length < 4) return true;
  const pixels = new Uint32Array(bitmap.buffer, bitmap.byteOffset, Math.floor(bitmap.length / 4));
  return pixels.every((pixel) => pixel === pixels[0]);
}

/** The PDF's first page as a PNG `width` pixels wide, on white paper. */
export async function firstPageImage(pdf: Uint8Array, width: number): Promise<Uint8Array> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const page = await document.getPage(1);
    const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
    // In Node, pdf.js's canvas factory makes @napi-rs/canvas canvases (its optional dependency).
    const factory = document.canvasFactory as { create(width: number, height: number): { canvas: { toBuffer(type: 'image/png'): Buffer } } };
    const { canvas } = factory.create(Math.round(viewport.width), Math.round(viewport.height));
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport, background: 'white' }).promise;
    return new Uint8Array(canvas.toBuffer('image/png'));
  } finally {
    await document.destroy();
  }
}
