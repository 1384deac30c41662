// Reading an exported copy back, as a reader's software would: the words a person sees on it and
// the manifest it carries. An HTML copy is parsed (never run); a PDF copy's text and attachment are
// read with pdf.js. What the words and manifest prove is decided by check.ts. The same code runs
// in `signet verify` (linkedom and pdf.js's Node build) and in the verifier page (the browser's
// DOMParser, and pdf.js in the page itself): the caller gives the parser, pdf.js and the fonts.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { copyText, renderCopy, copyBody } from './render';
import { MANIFEST_NAME, parseManifest, pdfProperties, type CopyManifest } from './manifest';
import { checkPdfSignature } from './pdf-signature';
import type { SeenText } from './check';
import type { Child } from './tree';
import { copyAttachments } from './pictures';

export interface CopyFile {
  format: 'html' | 'pdf';
  manifest: CopyManifest;
  seen: SeenText;
  /** Anything in an HTML copy that could run or fetch: it should hold none. */
  hazards: string[];
  /** Why an HTML copy is not, byte for byte, the page Signet makes from its manifest; null when it is. */
  markup: string | null;
  /** The files a PDF copy carries, by name: its manifest and the pictures it shows (drawn-pages.ts prints them). */
  attachments: Record<string, Uint8Array>;
}

export class CopyFileError extends Error {
  override name = 'CopyFileError';
}

type PdfPage = {
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  getAnnotations(): Promise<unknown[]>;
  getTextContent(): Promise<{ items: object[] }>;
  cleanup(): void;
};

type PdfFile = {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  getAttachments(): Promise<unknown>;
  getJSActions(): Promise<unknown>;
  getOpenAction(): Promise<unknown>;
  getMetadata(): Promise<{ info: object }>;
  getOptionalContentConfig(): Promise<{ [Symbol.iterator](): Iterator<unknown> }>;
  destroy(): Promise<void>;
};

/** The part of pdf.js a copy is read with (its Node build in `signet verify`, its browser build in the verifier page). */
export interface PdfJs {
  OPS: Record<string, number>;
  getDocument(options: { data: Uint8Array; isEvalSupported: boolean; disableFontFace: boolean; useSystemFonts: boolean; verbosity: number }): { promise: Promise<unknown> };
}

/** What reading a copy needs from where it runs. */
export interface CopyReaderHost {
  /** The document of an HTML page, parsed and never run. */
  parseHtml(html: string): Document;
  pdfjs(): Promise<PdfJs>;
  /**
   * The @font-face rules Signet writes for a copy whose page shows `text`, with Signet's own font
   * files inline (`document` is the copy, where a host that does not carry the files finds them,
   * each checked by its digest); or why they cannot be written.
   */
  fontCss(text: string, document: Document): string | { problem: string };
}

const MAX_TAGS = 50_000;

const REMOTE = /^\s*(?!data:)[a-z][a-z0-9+.-]*:|^\s*\/\//i;

/** Script that could run, handlers, and references to anything outside the file. */
export function htmlHazards(document: Document): string[] {
  const hazards: string[] = [];
  for (const script of document.querySelectorAll('script')) {
    if (script.getAttribute('type') !== 'application/json') hazards.push(`a <script> element${script.getAttribute('src') ? ` loading ${script.getAttribute('src')}` : ''}`);
  }
  for (const el of document.querySelectorAll('iframe, object, embed, link, base, form, frame, applet')) hazards.push(`a <${el.tagName.toLowerCase()}> element`);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) hazards.push(`an event handler attribute ${name} on <${el.tagName.toLowerCase()}>`);
      else if (['src', 'href', 'action', 'formaction', 'poster', 'srcset', 'xlink:href', 'background'].includes(name) && REMOTE.test(attr.value)) {
        hazards.push(`a reference to ${attr.value.slice(0, 60)} in <${el.tagName.toLowerCase()} ${name}>`);
      }
    }
    if (el.tagName.toLowerCase() === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') ?? '')) hazards.push('a <meta http-equiv="refresh">');
  }
  for (const style of document.querySelectorAll('style')) {
    for (const url of (style.textContent ?? '').matchAll(/url\(\s*['"]?([^'")]*)/g)) if (!url[1].startsWith('data:')) hazards.push(`a stylesheet reference to ${url[1].slice(0, 60)}`);
    if (/@import/i.test(style.textContent ?? '')) hazards.push('a stylesheet @import');
  }
  return hazards;
}

/** The bytes of base64 text (atob is in every browser and in Node). */
export const base64Bytes = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The picture an HTML copy shows in `img.name`, checked against the digest its manifest names. */
function picture(document: Document, name: string, digest: string | null): { url?: string; problem?: string } {
  const url = document.querySelector(`img.${name}`)?.getAttribute('src') ?? undefined;
  const data = url && /^data:image\/png;base64,([A-Za-z0-9+/=]*)$/.exec(url)?.[1];
  if (!url || !digest) return { url };
  return data !== undefined && data !== null && bytesToHex(sha256(base64Bytes(data))) === digest ? { url } : { url, problem: `its ${name === 'logo' ? 'logo' : 'handwritten signature'} is not the picture its manifest names` };
}

/**
 * Whether the file is the page Signet makes from its manifest, byte for byte (with Signet's own
 * fonts, and the pictures it carries). Words alone could be restyled: hidden, reordered or drawn
 * by another font, so the whole page is compared, not just its text.
 */
function markupProblem(html: string, document: Document, manifest: CopyManifest, host: CopyReaderHost): string | null {
  const logo = picture(document, 'logo', manifest.images.logo);
  const signature = picture(document, 'handwritten', manifest.images.signature);
  const problem = logo.problem ?? signature.problem;
  if (problem) return problem;
  const fontCss = host.fontCss(copyText(manifest) + manifest.content.title, document);
  if (typeof fontCss !== 'string') return fontCss.problem;
  const expected = renderCopy(manifest, { fontCss, logo: logo.url, signature: signature.url });
  if (expected === html) return null;
  let at = 0;
  while (at < expected.length && expected[at] === html[at]) at += 1;
  const line = html.slice(0, at).split('\n').length;
  const near = JSON.stringify(html.slice(Math.max(0, at - 30), at + 30));
  return `its HTML is not the page Signet makes from its manifest (it differs on line ${line}, near ${near}), so its style or markup could show a reader other words (a copy made with other font files than this Signet's also differs)`;
}

function readHtml(bytes: Uint8Array, path: string, host: CopyReaderHost): CopyFile {
  const html = new TextDecoder().decode(bytes);
  // Parsing time grows faster than nesting; a page of Signet's holds a few hundred elements.
  const tags = html.split('<').length - 1;
  if (tags > MAX_TAGS) throw new CopyFileError(`${path}: it holds ${tags.toLocaleString('en')} tags, far more than any page Signet makes (at most ${MAX_TAGS.toLocaleString('en')} are read)`);
  const document = host.parseHtml(html);
  const block = document.getElementById(MANIFEST_NAME);
  if (!block || block.tagName.toLowerCase() !== 'script') throw new CopyFileError(`${path} carries no Signet manifest (no <script id="${MANIFEST_NAME}">): it is not a copy exported by Signet, or the manifest was removed`);
  const manifest = parseManifest(block.textContent ?? '');
  if (typeof manifest === 'string') throw new CopyFileError(`${path}: the manifest is damaged: ${manifest}`);
  const hazards = htmlHazards(document);
  const body = document.body.cloneNode(true) as HTMLElement;
  for (const el of body.querySelectorAll('script, style, template, noscript')) el.remove();
  return { format: 'html', manifest, seen: { text: body.textContent ?? '' }, hazards, markup: markupProblem(html, document, manifest, host), attachments: {} };
}

interface Drawn {
  pictures: number;
  invisible: number;
  annotations: number;
}

/** What a page draws besides its text: pictures, text in an invisible mode, annotations. */
async function countDrawing(OPS: Record<string, number>, page: PdfPage, drawn: Drawn): Promise<void> {
  const pictures = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObjectGroup]);
  const { fnArray, argsArray } = await page.getOperatorList();
  fnArray.forEach((fn, i) => {
    if (pictures.has(fn)) drawn.pictures += 1;
    // Modes 3 and 7 draw nothing: words a reader cannot see, though a text layer holds them.
    else if (fn === OPS.setTextRenderingMode && [3, 7].includes(Number(argsArray[i]?.[0]))) drawn.invisible += 1;
  });
  // The one field Signet adds is its signature's: an invisible widget, drawing nothing.
  const annotations = (await page.getAnnotations()) as { subtype?: string; fieldType?: string; rect?: number[] }[];
  drawn.annotations += annotations.filter((a) => !(a.subtype === 'Widget' && a.fieldType === 'Sig' && a.rect?.every((n) => n === 0))).length;
}

/**
 * A PDF is read by its text layer, so what else it draws must be what Signet draws: exactly the
 * pictures its page holds (a picture pasted over words would show others), no invisible text and
 * no annotations. Lines and shapes are not checked: the HTML copy is checked byte for byte.
 */
function pdfHazards(manifest: CopyManifest, drawn: Drawn): string[] {
  const expected = pictureCount(copyBody(manifest, { fontCss: '', logo: 'logo', signature: 'signature' }));
  const hazards: string[] = [];
  const extra = drawn.pictures - expected;
  const pictures = (n: number) => `${n} picture${n === 1 ? '' : 's'}`;
  if (extra > 0) hazards.push(`${pictures(extra)} Signet did not place (a picture can show words its text layer does not hold)`);
  if (extra < 0) hazards.push(`${pictures(-extra)} fewer than Signet places on this copy`);
  if (drawn.invisible) hazards.push('invisible text');
  if (drawn.annotations) hazards.push(`${drawn.annotations} annotation${drawn.annotations === 1 ? '' : 's'} (notes, links or form fields drawn over the page)`);
  return hazards;
}

const pictureCount = (node: Child): number => (node && typeof node === 'object' ? (node.tag === 'img' ? 1 : 0) + node.children.reduce((n, c) => n + pictureCount(c), 0) : 0);

/**
 * What the file does or claims beyond its pages: script, an action when it opens, other attached
 * files, layers that can hide what is drawn, and document properties other than Signet writes.
 */
async function documentHazards(pdf: PdfFile, manifest: CopyManifest, attached: string[]): Promise<string[]> {
  const hazards: string[] = [];
  if (await pdf.getJSActions()) hazards.push('JavaScript');
  if (await pdf.getOpenAction()) hazards.push('an action run when it is opened');
  const others = attached.filter((name) => !copyAttachments(manifest).includes(name));
  if (others.length) hazards.push(`attached files besides its manifest (${others.join(', ').slice(0, 80)})`);
  if ([...(await pdf.getOptionalContentConfig())].length) hazards.push('optional content (layers a reader can show or hide)');
  const info = (await pdf.getMetadata()).info as Record<string, string | undefined>;
  const expected = pdfProperties(manifest);
  const fields: [keyof typeof expected, string][] = [['title', 'Title'], ['author', 'Author'], ['subject', 'Subject'], ['keywords', 'Keywords']];
  for (const [field, key] of fields) if ((info[key] ?? '') !== expected[field]) hazards.push(`a document ${field} (“${(info[key] ?? '').slice(0, 60)}”) other than Signet writes (“${expected[field].slice(0, 60)}”)`);
  return hazards;
}

/** Told the manifest and the files a PDF copy carries as soon as they are read, before its pages are (a caller can start its own checks of them meanwhile). */
export type OnManifest = (manifest: CopyManifest, attachments: Record<string, Uint8Array>) => void;

async function readPdf(bytes: Uint8Array, path: string, host: CopyReaderHost, onManifest?: OnManifest): Promise<CopyFile> {
  const pdfjs = await host.pdfjs();
  let pdf: PdfFile;
  try {
    pdf = (await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise) as PdfFile;
  } catch (error) {
    throw new CopyFileError(`${path} is not a readable PDF: ${(error as Error).message}`);
  }
  try {
    const attachments = ((await pdf.getAttachments()) ?? {}) as Record<string, { filename: string; content: Uint8Array }>;
    const attached = Object.values(attachments).find((a) => a.filename === MANIFEST_NAME);
    if (!attached) throw new CopyFileError(`${path} carries no Signet manifest (no attached ${MANIFEST_NAME}): it is not a copy exported by Signet, or the manifest was removed`);
    const manifest = parseManifest(new TextDecoder().decode(attached.content));
    if (typeof manifest === 'string') throw new CopyFileError(`${path}: the manifest is damaged: ${manifest}`);
    const files = Object.fromEntries(Object.values(attachments).map((a) => [a.filename, a.content]));
    onManifest?.(manifest, files);
    const hazards = await documentHazards(pdf, manifest, Object.values(attachments).map((a) => a.filename));
    const pages: string[] = [];
    const drawn = { pictures: 0, invisible: 0, annotations: 0 };
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
      await countDrawing(pdfjs.OPS, page, drawn);
      page.cleanup();
    }
    return { format: 'pdf', manifest, seen: { pages, signature: checkPdfSignature(bytes) }, hazards: [...hazards, ...pdfHazards(manifest, drawn)], markup: null, attachments: files };
  } finally {
    await pdf.destroy();
  }
}

/** How a file's name ends (".pdf"), as Node's path.extname tells it. */
const extensionOf = (path: string): string => /(?<=[^/\\])\.[^./\\]*$/.exec(path.replace(/^.*[/\\]/, ''))?.[0] ?? '';

/** Whether the bytes are a PDF's, as readCopyBytes tells a copy's kind. */
export const isPdfBytes = (bytes: Uint8Array): boolean => new TextDecoder().decode(bytes.subarray(0, 1024)).trimStart().toLowerCase().startsWith('%pdf-');

/** Reads a copy from its bytes; the kind is told by the bytes, not the name. `onManifest` hears a PDF's manifest before its pages are read. */
export async function readCopyBytes(bytes: Uint8Array, path: string, host: CopyReaderHost, onManifest?: OnManifest): Promise<CopyFile> {
  const head = new TextDecoder().decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  // A browser goes by the name, a PDF reader by the bytes: a file that is one thing to each would show each another page.
  const ext = extensionOf(path);
  const named = ext.toLowerCase();
  const said = named === '.pdf' ? 'PDF' : named === '.html' || named === '.htm' ? 'HTML' : null;
  const kind = head.startsWith('%pdf-') ? 'PDF' : head.startsWith('<!doctype html') || head.startsWith('<html') ? 'HTML' : null;
  if (said && kind && said !== kind) throw new CopyFileError(`${path} is named as ${said === 'PDF' ? 'a PDF' : 'an HTML'} file but its bytes are ${kind === 'PDF' ? 'a PDF' : 'HTML'}: a browser and a PDF reader would show it differently`);
  if (kind === 'PDF') return readPdf(bytes, path, host, onManifest);
  if (kind === 'HTML') return readHtml(bytes, path, host);
  // A zip named .docx: Signet's Word draft for review, or any Word file; neither carries a seal.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && named === '.docx') throw new CopyFileError(`${path} is a Word file: a Word copy is a draft for review and proves nothing (anyone can change it); check the final copy's PDF or HTML instead`);
  throw new CopyFileError(`${path} is neither an HTML nor a PDF copy${ext ? ` (its name ends ${ext})` : ''}`);
}
