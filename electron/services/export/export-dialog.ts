// Export in the app, in plain Node: the export dialog's preview of a copy, saving it where the
// person chooses (with progress, and a cancel that leaves nothing behind), and the pictures a
// copy may carry. The copies themselves are made by export.ts from the open message's document,
// so words typed a moment ago are in them.
import { promises as fs } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type * as Y from 'yjs';
import type { ExportOptions, ExportPreview, ExportStep, Result } from '../../../shared/ipc';
import { MARGINS, buildManifest, defaultLayout, manifestState, type CopyManifest } from '../../../shared/export';
import { readMeta } from '../../../shared/document';
import { ExportCancelled, ExportError, exportCopy, htmlCopy, pngProblem, type Exporter, type ExportRequest } from './make-copy';
import { UserError } from '../errors';
import type { Host } from '../host';
import { saveVerifier } from './verifier';

export const NO_PDF = 'PDF export needs printing support, which this Signet does not have here. HTML export works: choose HTML.';
const NO_PREVIEW = 'The preview needs printing support, which this Signet does not have here. The copy can still be saved.';
const MAX_IMAGE = 2 * 1024 * 1024;
/** The name the save dialog offers for the verifier page. */
const VERIFIER_NAME = 'Check a Signet copy.html';

/** The dialog's choices as a request for export.ts: the message's own layout with the person's changes. */
function requestOf(doc: Y.Doc, options: ExportOptions, at: string): ExportRequest {
  const { organisation, place, date, closing } = options;
  const layout = defaultLayout(doc, options.template, options.pageSize);
  return {
    format: options.format,
    layout: { ...layout, organisation, place, date, closing, links: options.links ?? layout.links },
    version: options.version,
    compareWith: options.template === 'redline' ? options.compareWith : undefined,
    logo: options.template === 'letter' ? options.logo : undefined,
    signature: options.signature,
    at,
  };
}

/** The manifest the copy will carry; a version that is not there, or a comparison without a base, is refused in words. */
function manifestOf(doc: Y.Doc, request: ExportRequest): CopyManifest {
  for (const [what, bytes] of [['logo', request.logo], ['signature image', request.signature]] as const) {
    const problem = bytes && pngProblem(bytes);
    if (problem) throw new UserError('invalid-argument', `The ${what} cannot be used: ${problem}.`);
  }
  try {
    return buildManifest(doc, { layout: request.layout, version: request.version, compareWith: request.compareWith, at: request.at! });
  } catch (error) {
    throw new UserError('invalid-argument', (error as Error).message);
  }
}

function summaryOf(m: CopyManifest): Omit<ExportPreview, 'image' | 'unavailable'> {
  const state = manifestState(m);
  const version = (v: { name: string; at: string } | null | undefined) => (v ? { name: v.name, at: v.at } : null);
  return {
    kind: m.kind,
    state: state.state,
    signatory: state.state === 'Signed' ? (state.signatory?.name ?? null) : null,
    approvers: state.approvals.map((c) => c.signerName),
    ...(m.comparison ? { from: version(m.comparison.from), to: version(m.comparison.to) } : {}),
  };
}

/** What print adds that a screen does not (the page's margins), and nothing that print puts on a later page. */
function previewCss(template: ExportOptions['template']): string {
  const [top, right, bottom, left] = MARGINS[template];
  return `html { padding: ${top}mm ${right}mm ${bottom}mm ${left}mm; }
.certificate, .page-break ~ *, main:has(.page-break) ~ * { display: none !important; }`;
}

const FORMAT_NAMES = { pdf: 'PDF', html: 'HTML' } as const;

/** "New Year message.pdf"; a draft and a comparison say what they are. */
function copyName(doc: Y.Doc, path: string, kind: CopyManifest['kind'], format: ExportOptions['format']): string {
  const title = (readMeta(doc).title || basename(path, '.signet')).replace(/[/\\:*?"<>|\0]/g, '-').trim();
  const what = kind === 'draft' ? ' (draft)' : kind === 'redline' ? ' (comparison)' : '';
  return `${title}${what}.${format}`;
}

export class ExportService {
  /** Saves in progress, by message: the way to cancel each. */
  private readonly running = new Map<string, AbortController>();
  /** The latest preview of each message; an older one still drawing is abandoned. */
  private readonly previews = new Map<string, AbortController>();
  /** Copies saved in this session: the only files "Show in folder" will show. */
  private readonly saved = new Set<string>();

  /** `exporter` is the person using the app, their key unlocked; it refuses, saying what to do, when it cannot be. */
  constructor(
    private readonly host: Host,
    private readonly exporter: () => Promise<Exporter>,
  ) {}

  /** Who seals the copy: a final copy needs its exporter's key; a draft or a comparison is sealed when it can be. */
  private async sealer(kind: CopyManifest['kind']): Promise<Exporter | undefined> {
    if (kind === 'final') return this.exporter();
    return this.exporter().catch(() => undefined);
  }

  defaults(doc: Y.Doc): Result<'export.defaults'> {
    const printer = this.host.printer;
    return { organisation: defaultLayout(doc, 'letter').organisation, pdf: !!printer, preview: !!printer?.preview };
  }

  async preview(path: string, doc: Y.Doc, options: ExportOptions): Promise<ExportPreview> {
    const request = requestOf(doc, options, new Date().toISOString());
    const summary = summaryOf(manifestOf(doc, request));
    const printer = this.host.printer;
    if (!printer?.preview) return { ...summary, image: null, unavailable: NO_PREVIEW };
    this.previews.get(path)?.abort();
    const controller = new AbortController();
    this.previews.set(path, controller);
    try {
      const { html } = htmlCopy(doc, request);
      const image = await printer.preview(html, { pageSize: options.pageSize, css: previewCss(options.template), signal: controller.signal });
      return { ...summary, image, unavailable: null };
    } catch (error) {
      if (controller.signal.aborted) throw new UserError('io', 'A newer preview replaced this one.');
      return { ...summary, image: null, unavailable: `The preview could not be drawn: ${(error as Error).message}` };
    } finally {
      if (this.previews.get(path) === controller) this.previews.delete(path);
    }
  }

  async save(path: string, doc: Y.Doc, options: ExportOptions): Promise<Result<'export.save'>> {
    if (this.running.has(path)) throw new UserError('forbidden', 'This message is being exported already: wait for it to finish, or cancel it.');
    const printer = this.host.printer;
    if (options.format === 'pdf' && !printer) throw new UserError('forbidden', NO_PDF);
    // Everything the copy needs is checked before the person is asked where to put it.
    const request = requestOf(doc, options, new Date().toISOString());
    const { kind } = manifestOf(doc, request);
    const exporter = await this.sealer(kind);
    let target = await this.host.chooseSaveLocation(copyName(doc, path, kind, options.format));
    if (!target) return null;
    if (!extname(target)) target = `${target}.${options.format}`;
    if (extname(target).toLowerCase() === '.signet') throw new UserError('forbidden', `Choose a name that ends in .${options.format}: a copy must never replace a message file.`);

    const controller = new AbortController();
    this.running.set(path, controller);
    const onProgress = (step: ExportStep) => this.host.emit('export.progress', { path, step });
    try {
      const copy = await exportCopy(doc, request, target, { printer, exporter, signal: controller.signal, onProgress });
      this.saved.add(resolve(target));
      const pages = options.format === 'pdf' ? (await PDFDocument.load(copy.bytes, { updateMetadata: false })).getPageCount() : undefined;
      return { path: target, kind: copy.manifest.kind, ...(pages ? { pages } : {}) };
    } catch (error) {
      // A printer stopped mid-page fails in its own words; the cancel is what happened.
      if (controller.signal.aborted || error instanceof ExportCancelled) return null;
      if (error instanceof ExportError) throw new UserError('invalid-argument', error.message);
      throw new UserError('io', `The ${FORMAT_NAMES[options.format]} copy was not saved: ${(error as Error).message}`);
    } finally {
      this.running.delete(path);
    }
  }

  /** The verifier page, where the person chooses; a name without one ends .html. */
  async saveVerifier(): Promise<Result<'export.saveVerifier'>> {
    let target = await this.host.chooseSaveLocation(VERIFIER_NAME);
    if (!target) return null;
    if (!extname(target)) target = `${target}.html`;
    if (!['.html', '.htm'].includes(extname(target).toLowerCase())) throw new UserError('invalid-argument', 'Choose a name that ends in .html: the verifier is a web page, which a browser opens by its name.');
    try {
      await saveVerifier(target);
    } catch (error) {
      throw new UserError('io', `The verifier page was not saved: ${(error as Error).message}`);
    }
    this.saved.add(resolve(target));
    return { path: target };
  }

  cancel(path: string): null {
    this.running.get(path)?.abort();
    return null;
  }

  async chooseImage(): Promise<Result<'export.chooseImage'>> {
    const file = await this.host.chooseImage?.();
    if (!file) return null;
    const name = basename(file);
    // A file far too large is refused before it is read.
    const { size } = await fs.stat(file);
    if (size > MAX_IMAGE) throw new UserError('invalid-argument', `${name} cannot be used: it is ${(size / 1024 / 1024).toFixed(1)} MB; an image may be at most 2 MB.`);
    const bytes = new Uint8Array(await fs.readFile(file));
    const problem = pngProblem(bytes);
    if (problem) throw new UserError('invalid-argument', `${name} cannot be used: ${problem}.`);
    return { name, bytes };
  }

  async showInFolder(file: string): Promise<null> {
    if (!this.saved.has(resolve(file))) throw new UserError('forbidden', `${file} is not a copy exported in this session.`);
    await this.host.showInFolder(file);
    return null;
  }
}
