// `signet export`: a final (or draft, or comparison) copy of a message as HTML or PDF, made by the
// same code as the app's export; and `signet verify COPY` for such a copy: its words, its digest
// and its records checked against the manifest it carries. The message is only read; the copy is
// written atomically, so a failed export leaves nothing behind.
import { extname } from 'node:path';
import { readMeta, shortDigest } from '../../shared/document';
import { writeFileAtomic } from '../services/files/message-file';
import {
  copyVerdict,
  isPdfBytes,
  TEMPLATE_NAMES,
  type LayoutTemplate,
  type LinkStyle,
  type PageSize,
  PAGE_SIZES,
  defaultLayout,
  manifestState,
  type CopyManifest,
} from '../../shared/export';
import type { CardMember } from '../services/signoff/keys';
import { ChromiumPrinter, findChromium, NO_CHROMIUM } from '../services/export/chromium-printer';
import type { Exporter, ExportRequest } from '../services/export/make-copy';
import { exporterFromSigner } from '../services/export/exporter';
import { CliError, EXIT, pathError, usageError } from './errors';
import { checkOutput, loadMessage, readInput } from './files';
import { findOrFail } from './history';
import type { CommandArgs, Io } from './types';

/** Where a version's text is named on the command line: `current`, as `text` and `diff` take it, is the text now. */
const CURRENT = 'current';

// What each half needs is loaded when it runs: verifying a copy needs no PDF writer, exporting no HTML parser.
const exporter = () => import('../services/export/make-copy');

/** A PNG given with --logo or --signature-image, read and checked before any work is done. */
async function readPng(path: string | undefined, what: string): Promise<Uint8Array | undefined> {
  if (path === undefined) return undefined;
  const bytes = await readInput(path);
  const problem = (await exporter()).pngProblem(bytes);
  if (problem) throw new CliError(`cannot use ${path} as the ${what}: ${problem}`, EXIT.usage);
  return bytes;
}

function checkDay(day: string | undefined): void {
  if (day === undefined) return;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const date = m ? new Date(`${day}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) throw usageError(`--date must be a day written YYYY-MM-DD (not '${day}')`);
}

/** --page-size in any case ("a4", "LETTER"), as the names are printed. */
function pageSizeOf(given: string | undefined): PageSize {
  if (given === undefined) return 'A4';
  const size = PAGE_SIZES.find((p) => p.toLowerCase() === given.trim().toLowerCase());
  if (!size) throw usageError(`--page-size takes ${PAGE_SIZES.join(' or ')} (in any case), not '${given}'`);
  return size;
}

/** An OUT named for the other format (`--html copy.pdf`) is refused: the file would not open as what it says it is. */
function checkOutputName(out: string, format: 'html' | 'pdf'): void {
  const ext = extname(out).toLowerCase();
  const other = format === 'html' ? ['.pdf'] : ['.html', '.htm'];
  if (other.includes(ext)) {
    throw usageError(`--${format} writes ${format === 'html' ? 'an HTML' : 'a PDF'} copy, but ${out} is named ${ext}: name it .${format}, or use --${format === 'html' ? 'pdf' : 'html'}`);
  }
}

/** The one line that says what was written: the template, the kind of copy, its state and its pages. */
function summary(out: string, manifest: CopyManifest, pages: number | null): string {
  const { layout } = manifest;
  const title = `"${manifest.content.title || 'Untitled message'}"`;
  const at = (v: CopyManifest['version'] | undefined) => (v ? `version ${v.name ? `"${v.name}"` : v.id}` : 'the text now');
  const state = manifestState(manifest).state;
  const what = {
    final: `final copy of ${title}${manifest.version ? ` at ${at(manifest.version)}` : ''} (${state})`,
    draft: `draft copy of ${title}${manifest.version ? ` at ${at(manifest.version)}` : ''} (${state}, not approved: marked DRAFT on every page)`,
    redline: `comparison of ${title}, ${at(manifest.comparison?.from)} against ${at(manifest.comparison?.to)} (not a final copy)`,
  }[manifest.kind];
  const printed = pages === null ? '' : `, ${pages} page${pages === 1 ? '' : 's'}`;
  return `wrote ${out}: ${TEMPLATE_NAMES[layout.template]}, ${layout.pageSize}, ${what}${printed}`;
}

/** The pictures a copy will not show, said rather than silently dropped. */
/** What was asked for that the copy will not show, so nobody looks for it on the page in vain. */
function unusedChoices(manifest: CopyManifest, request: ExportRequest, args: CommandArgs): string[] {
  const notes: string[] = [];
  const letterOnly = ['organisation', 'place', 'date'].filter((name) => args.string(name) !== undefined);
  if (letterOnly.length && manifest.layout.template !== 'letter') notes.push(`${letterOnly.map((n) => `--${n}`).join(', ')} ${letterOnly.length === 1 ? 'is' : 'are'} shown only on the letter template (--template letter)`);
  if (request.logo && manifest.layout.template !== 'letter') notes.push('the logo is shown only on the letter template (--template letter)');
  const signed = manifest.kind === 'final' && manifestState(manifest).state === 'Signed';
  if (request.signature && !signed) notes.push('the signature image is shown only on a final copy of a signed message');
  if (manifest.layout.template === 'letter') {
    if (!manifest.layout.organisation) notes.push('the letter has no organisation, so its letterhead is empty: give --organisation, or set it in the signatory\'s profile');
    if (!manifest.layout.date) notes.push(`the signature block has its own place and date, so the letter has no date line of its own${args.string('place') === undefined ? '' : ', and --place is not shown'} (give --date to print one)`);
  }
  const holdsSignature = manifest.content.blocks.some((b) => b.kind === 'signature');
  if (holdsSignature && args.string('closing') !== undefined) notes.push('--closing is used only when the message has no signature block, and this one has one');
  return notes;
}

/** The person exporting, from --profile: their key unlocked with the passphrase in SIGNET_PASSPHRASE. */
async function exporterOf(path: string | undefined): Promise<Exporter | undefined> {
  if (path === undefined) return undefined;
  const { KeyError, loadProfile, passphraseProtector, unlockKey } = await import('../services/signoff/keys');
  try {
    const profile = await loadProfile(path);
    if (profile.key.protection !== 'passphrase') throw new CliError(`${path}: its key is sealed by the app's system secret store, which the command line cannot open; export from the app instead`, EXIT.usage);
    const passphrase = process.env.SIGNET_PASSPHRASE;
    if (!passphrase) throw usageError(`--profile needs the passphrase that protects ${path}'s key, in SIGNET_PASSPHRASE`);
    const protector = passphraseProtector(passphrase);
    const signer = await unlockKey(profile, protector);
    const { organisationKeyProblem, unlockOrganisationKey } = await import('../services/signoff/pdf-certificate');
    const organisation = await unlockOrganisationKey(profile, protector);
    const problem = organisationKeyProblem(organisation);
    if (problem) throw usageError(`cannot use the profile ${path}: ${problem} (import a new one with \`signet import-certificate\`, or go back to the self-signed certificate with --revert)`);
    return await exporterFromSigner(signer, profile, organisation);
  } catch (error) {
    if (error instanceof KeyError) throw new CliError(`cannot use the profile ${path}: ${error.message.replace(/\.$/, '')}`, EXIT.usage);
    if ((error as NodeJS.ErrnoException).code) throw pathError(error, path, 'read');
    throw error;
  }
}

/** `signet export --verifier OUT.html`: the verifier page, for a website or a recipient to open from disk. */
async function exportVerifier(args: CommandArgs, io: Io, out: string): Promise<number> {
  if (args.operand('FILE') || args.string('html') !== undefined || args.string('pdf') !== undefined) throw usageError('--verifier writes the verifier page alone: give it no FILE, --html or --pdf');
  const ext = extname(out).toLowerCase();
  if (ext !== '.html' && ext !== '.htm') throw usageError(`--verifier writes an HTML page, but ${out} is named ${ext ? ext : 'without .html'}: name it .html`);
  await checkOutput(out, args.flag('force'));
  const { saveVerifier, VerifierMissing } = await import('../services/export/verifier');
  try {
    const size = await saveVerifier(out);
    io.out(`wrote ${out}: the verifier page (${Math.round(size / 1024).toLocaleString('en')} KB), which checks a copy dropped on it, offline; open it in a browser`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof VerifierMissing) throw new CliError(error.message, EXIT.damaged);
    throw pathError(error, out, 'write');
  }
}

/** `signet export FILE --docx OUT`: a Word draft for review (services/export/word-copy.ts). */
async function exportWordCopy(args: CommandArgs, io: Io, path: string, out: string, other: string | undefined): Promise<number> {
  if (other !== undefined) throw usageError('give either --docx OUT, --html OUT or --pdf OUT, not two');
  if (extname(out).toLowerCase() !== '.docx') throw usageError(`--docx writes a Word file, but ${out} is not named .docx`);
  const ignored = ['template', 'version', 'compare', 'page-size', 'organisation', 'place', 'date', 'closing', 'links', 'logo', 'signature-image'].filter((o) => args.string(o) !== undefined);
  if (ignored.length) throw usageError(`--docx writes the text as it stands, with no layout: --${ignored[0]} does not apply`);
  await checkOutput(out, args.flag('force'), [path]);
  const { doc } = await loadMessage(path, io.err);
  try {
    const { makeWordCopy } = await import('../services/export/word-copy');
    const copy = await makeWordCopy(doc);
    try {
      await writeFileAtomic(out, copy.bytes, !args.flag('force'));
    } catch (error) {
      throw pathError(error, out, 'write');
    }
    const comments = `${copy.comments} open comment ${copy.comments === 1 ? 'thread' : 'threads'} as Word comments`;
    const left = copy.commentsLeftOut ? `; ${copy.commentsLeftOut} on words across paragraphs left out` : '';
    io.out(`wrote ${out}: a Word draft of "${readMeta(doc).title || 'Untitled message'}" for review (${comments}${left}); it is not a final copy and proves nothing`);
    return EXIT.ok;
  } finally {
    doc.destroy();
  }
}

export async function exportMessage(args: CommandArgs, io: Io): Promise<number> {
  const verifier = args.string('verifier');
  if (verifier !== undefined) return exportVerifier(args, io, verifier);
  const path = args.operand('FILE');
  if (!path) throw usageError('missing FILE (or --verifier OUT.html, to write the verifier page)');
  const [html, pdf] = [args.string('html'), args.string('pdf')];
  const docx = args.string('docx');
  if (docx !== undefined) return exportWordCopy(args, io, path, docx, html ?? pdf);
  if ((html === undefined) === (pdf === undefined)) throw usageError(html === undefined ? 'missing --html OUT or --pdf OUT' : 'give either --html OUT or --pdf OUT, not both');
  const out = (html ?? pdf)!;
  checkOutputName(out, html === undefined ? 'pdf' : 'html');
  const pageSize = pageSizeOf(args.string('page-size'));
  const template = (args.string('template') ?? 'statement') as LayoutTemplate;
  const [versionRef, compareRef] = [args.string('version'), args.string('compare')];
  if (template === 'redline' && compareRef === undefined) throw usageError('--template redline needs --compare ID|NAME: the older version, shown against --version (or the text now)');
  if (template !== 'redline' && compareRef !== undefined) throw usageError('--compare goes with --template redline');
  checkDay(args.string('date'));

  const [logoPath, signaturePath] = [args.string('logo'), args.string('signature-image')];
  await checkOutput(out, args.flag('force'), [path, ...[logoPath, signaturePath].filter((p) => p !== undefined)]);
  const person = await exporterOf(args.string('profile'));
  const logo = await readPng(logoPath, 'logo');
  const signature = await readPng(signaturePath, 'signature image');
  const chromium = pdf === undefined ? null : findChromium();
  if (pdf !== undefined && !chromium) throw new CliError(NO_CHROMIUM, EXIT.usage);

  const { doc } = await loadMessage(path, io.err);
  const { ExportError, exportCopy } = await exporter();
  const printer = chromium ? new ChromiumPrinter(chromium) : undefined;
  try {
    const version = versionRef === undefined || versionRef === CURRENT ? undefined : findOrFail(doc, path, versionRef);
    const compareWith = compareRef === undefined ? undefined : findOrFail(doc, path, compareRef);
    const layout = defaultLayout(doc, template, pageSize);
    for (const field of ['organisation', 'place', 'date', 'closing'] as const) layout[field] = args.string(field) ?? layout[field];
    layout.links = (args.string('links') as LinkStyle | undefined) ?? layout.links;
    const request: ExportRequest = { format: pdf === undefined ? 'html' : 'pdf', layout, version: version?.id, compareWith: compareWith?.id, logo, signature };
    let copy;
    try {
      copy = await exportCopy(doc, request, out, { printer, exporter: person });
    } catch (error) {
      if (error instanceof ExportError) throw new CliError(error.message.replace(/\.$/, ''), EXIT.usage);
      if ((error as NodeJS.ErrnoException).code) throw pathError(error, out, 'write');
      throw error;
    }
    for (const note of unusedChoices(copy.manifest, request, args)) io.err(`warning: ${note}`);
    if (!person && copy.manifest.kind === 'final') io.err('warning: no --profile was given, so the copy carries no export seal: `signet verify` will not call it authentic');
    const pages = request.format === 'pdf' ? (await (await import('pdf-lib')).PDFDocument.load(copy.bytes, { updateMetadata: false })).getPageCount() : null;
    io.out(summary(out, copy.manifest, pages));
    return EXIT.ok;
  } finally {
    doc.destroy();
    await printer?.close();
  }
}

/**
 * `signet verify COPY` for an HTML or PDF copy: the records that stand behind it and one line
 * that it is authentic, or each reason it is not (exit 1).
 */
export async function verifyCopy(path: string, bytes: Uint8Array, io: Io, trusted: { cards: CardMember[]; where: string } | null = null): Promise<number> {
  const { CopyFileError, readCopyComparing } = await import('../services/export/read-copy');
  // A PDF's pages are printed again from its manifest: Chromium starts while the copy is read.
  const executable = isPdfBytes(bytes) ? findChromium() : null;
  const printer = executable ? new ChromiumPrinter(executable) : null;
  printer?.start();
  let problems: string[];
  let verdict;
  try {
    let read;
    try {
      read = await readCopyComparing(bytes, path, printer);
    } catch (error) {
      if (error instanceof CopyFileError) throw new CliError(error.message, EXIT.damaged);
      throw error;
    }
    verdict = copyVerdict(read.copy, trusted);
    // The pages' comparison is told only when all else holds: otherwise they differ for what is said already.
    problems = verdict.authentic ? await read.pages() : verdict.problems;
  } finally {
    await printer?.close();
  }
  if (problems.length) {
    for (const problem of problems) io.err(`signet verify: ${path}: ${problem}`);
    return EXIT.damaged;
  }
  for (const line of verdict.lines) io.out(line);
  io.out(`ok: ${path} is an authentic final copy of "${verdict.title}" (${verdict.state}); digest ${shortDigest(verdict.digest)}`);
  return EXIT.ok;
}
