// `signet export` and `signet verify COPY`, run as a user runs them: `node bin/signet.js ...` in a
// child process, on the sample library's messages. Each copy is exported once at the start and
// read by every test; a test that tampers with a copy writes a tampered file of its own. The many
// tampered copies are checked by the tool's own entry point in this process (signetHere: the same
// lines and exit code, without starting Node and pdf.js for each), and the PDF tampering that
// needs printing (a word changed on the page, the manifest kept) prints through one Chromium here.
// It needs the build (`npx electron-vite build`).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPrinter } from '../../../electron/services/export/chromium-printer';
import { readCopyFile } from '../../../electron/services/export/read-copy';
import { readMessageFile } from '../../../electron/services/files/message-file';
import { createMessageFile } from '../../../electron/services/files/message-store';
import { sealPdf, signatureDetails, type Exporter } from '../../../electron/services/export/make-copy';
import { appendSignature } from '../../../electron/services/export/pdf-signature';
import { exporterFromSigner } from '../../../electron/services/export/exporter';
import { loadProfile, passphraseProtector, readCard, unlockKey } from '../../../electron/services/signoff/keys';
import { signerFromSecretKey } from '../../../shared/signoff';
import { contentDigest, shortDigest } from '../../../shared/document';
import { type CopyManifest, copyText, renderCopy } from '../../../shared/export';
import { BUILT_CLI, runSignet, type Result } from '../../helpers/cli';
import { SAMPLE_PASSPHRASE } from '../../../electron/cli/sample';
import {
  changed,
  findChromium,
  htmlManifest,
  pdfInfo,
  pdfPages,
  pdfText,
  PNG,
  signetHere,
  unsealed,
  asUpdate,
  withManifest,
  withPageWords,
} from '../../helpers/export';
import { $replace } from '../../helpers/history';
import { editAs } from '../../helpers/review';

const ROOT = resolve(import.meta.dirname, '../../..');
const SIGNED = join('sample', 'library', 'New Year message.signet');
const DRAFT = join('sample', 'library', 'Letter to Harbour district residents.signet');

const chromium = findChromium();
const pdfSkip = chromium ? '' : 'no Chromium or Chrome was found (install one, or set SIGNET_CHROMIUM)';

let dir = '';
let home = '';
let printer: ChromiumPrinter | undefined;
const exported: Record<string, Result> = {};

const signet = (...args: string[]) => runSignet(dir, args, 60_000);
const path = (name: string) => join(dir, name);
const read = (name: string) => readFileSync(path(name), 'utf8');

/** The exports every test reads: a signed message as HTML and PDF, a draft, and a comparison (its PDF is in export.test.ts). */
/** Amina's sample profile: her key seals the copies she exports (its passphrase in SIGNET_PASSPHRASE). */
const AMINA_PROFILE = join('sample', 'profiles', 'amina-yusuf.signet-profile');
const EXPORTS: Record<string, string[]> = {
  html: ['export', SIGNED, '--html', 'final.html', '--profile', AMINA_PROFILE],
  pdf: ['export', SIGNED, '--pdf', 'final.pdf', '--profile', AMINA_PROFILE, '--template', 'letter', '--page-size', 'Letter', '--place', 'Aldport', '--date', '2026-12-31'],
  draft: ['export', DRAFT, '--pdf', 'draft.pdf'],
  redline: ['export', 'edited.signet', '--template', 'redline', '--compare', 'Roster changed', '--html', 'redline.html'],
};

beforeAll(async () => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: build the command line tool first with \`npx electron-vite build\` (or \`npm run build\`).`);
  const built = statSync(BUILT_CLI).mtimeMs;
  const sources = ['electron/cli/export.ts', 'electron/cli/signoff.ts', 'electron/cli/trust.ts', 'electron/services/export/fonts.ts', 'shared/export/manifest.ts', 'electron/cli/commands.ts', 'electron/services/export/make-copy.ts', 'electron/services/export/read-copy.ts', 'shared/export/render.ts', 'shared/export/check.ts', 'shared/export/style.ts', 'shared/export/seal.ts', 'shared/export/certificate.ts', 'electron/services/export/exporter.ts', 'electron/services/export/pdf-signature.ts', 'shared/export/cms.ts', 'shared/export/pdf-signature.ts'];
  const newer = sources.filter((f) => statSync(join(ROOT, f)).mtimeMs > built);
  if (newer.length) throw new Error(`out/main/cli.js is older than ${newer[0]}: rebuild with \`npx electron-vite build\`.`);
  dir = mkdtempSync(join(tmpdir(), 'signet-cli-export-'));
  // The child processes inherit it; the sample's passphrase protects nothing.
  process.env.SIGNET_PASSPHRASE = SAMPLE_PASSPHRASE;
  // signetHere runs in this process, on paths relative to its folder (the pool runs each test file in a process of its own).
  home = process.cwd();
  process.chdir(dir);
  const made = await signet('sample', 'sample');
  if (made.code !== 0) throw new Error(`signet sample failed: ${made.stderr}`);
  // The draft letter with one word changed since its roster: a comparison to export.
  const { doc } = await readMessageFile(path(DRAFT));
  editAs(doc, { name: 'Amina Yusuf', title: 'Head of Speechwriting' }, (s) => s.edit(() => $replace('forty homes', 'fifty homes')));
  await createMessageFile(path('edited.signet'), doc);
  doc.destroy();
  const names = Object.keys(EXPORTS).filter((name) => chromium || !EXPORTS[name].some((a) => a === '--pdf'));
  // The comparison in this process, the others as a user runs them.
  const results = await Promise.all(names.map((name) => (name === 'redline' ? signetHere : signet)(...EXPORTS[name])));
  names.forEach((name, i) => (exported[name] = results[i]));
  if (chromium) printer = new ChromiumPrinter(chromium);
}, 120_000);

afterAll(async () => {
  if (home) process.chdir(home);
  await printer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `signet verify FILE`, which must fail (exit 1) naming each of `reasons` on its own line, and print nothing else. */
async function refused(file: string, ...reasons: (string | RegExp)[]): Promise<string> {
  const result = await signetHere('verify', file);
  expect(result.code, result.stderr).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  for (const line of lines) expect(line.startsWith(`signet verify: ${file}: `), line).toBe(true);
  for (const reason of reasons) expect(lines.some((line) => (typeof reason === 'string' ? line.includes(reason) : reason.test(line))), `${reason} in\n${result.stderr}`).toBe(true);
  return result.stderr;
}

/** The manifest's paragraph with "by June" says "by July" instead. */
function julyInManifest(c: CopyManifest): void {
  const run = c.content.blocks.flatMap((b) => b.runs).find((r) => r.text.includes('by June'))!;
  run.text = run.text.replace('by June', 'by July');
}

const ENDORSED = [
  /^Approved by Ben Okafor \(Chief of Staff\), key [0-9A-Z]{5}( [0-9A-Z]{5}){3}, on \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC$/,
  /^Approved by Carmen Ruiz \(Mayor\), key [0-9A-Z ]{23}, on .+ UTC$/,
  /^Signed by Carmen Ruiz \(Mayor\), key [0-9A-Z ]{23}, on .+ UTC$/,
];

describe('signet export', () => {
  it('says in one line what it wrote: the template, the page size, the kind of copy, its state and pages', () => {
    const line = (name: string) => {
      expect(exported[name].code, exported[name].stderr).toBe(0);
      expect(exported[name].stderr).toBe('');
      return exported[name].stdout;
    };
    expect(line('html')).toBe('wrote final.html: Statement, A4, final copy of "New Year message" (Signed)\n');
    expect(line('redline')).toBe('wrote redline.html: Comparison (redline), A4, comparison of "Letter to Harbour district residents", version "Roster changed" against the text now (not a final copy)\n');
    if (pdfSkip) return;
    expect(line('pdf')).toBe('wrote final.pdf: Letter, Letter, final copy of "New Year message" (Signed), 2 pages\n');
    expect(line('draft')).toBe('wrote draft.pdf: Statement, A4, draft copy of "Letter to Harbour district residents" (Draft, not approved: marked DRAFT on every page), 1 page\n');
  });

  it.skipIf(pdfSkip)(`prints a PDF with the letterhead, the text, the signature block and the certificate, on Letter paper${pdfSkip ? ` (skipped: ${pdfSkip})` : ''}`, () => {
    const info = pdfInfo(path('final.pdf'));
    expect(info['Page size']).toMatch(/^612 x 792 pts/);
    expect(info).toMatchObject({ Title: 'New Year message', Author: 'Carmen Ruiz', Pages: '2', Tagged: 'yes' });
    const text = pdfText(path('final.pdf')).replace(/\s+/g, ' ');
    const order = ['City of Aldport', 'Aldport, 31 December 2026', 'Good evening, dear fellow citizens,', 'harbour wall by June', 'With my warmest wishes for the New Year, Carmen Ruiz Mayor of Aldport', 'Certificate of approval and signature'];
    const at = order.map((words) => text.indexOf(words));
    expect(at.every((i) => i >= 0), text).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('a comparison shows the words taken out and put in', () => {
    const html = read('redline.html');
    expect(html).toMatch(/<del>[^<]*forty[^<]*<\/del>/);
    expect(html).toMatch(/<ins>[^<]*fifty[^<]*<\/ins>/);
  });

  it.skipIf(pdfSkip)('a draft has DRAFT and "Not approved" on every page, and no certificate', () => {
    const pages = pdfPages(path('draft.pdf'), { raw: true });
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(page).toMatch(/^DRAFT$[\s\S]*Not approved|Not approved[\s\S]*^DRAFT$/m);
    expect(pages.join('')).toContain('Yours sincerely,');
    expect(pages.join('')).not.toContain('Certificate');
  });

  it('refuses, with exit 2 and nothing written: a PNG that is not one, an OUT that exists, the input itself, an unknown version', async () => {
    writeFileSync(path('not-a.png'), 'GIF89a: a picture, but not a PNG one');
    // The first as a user runs it; the rest in this process, which is quicker and says the same.
    const cases: [string[], string, string | null][] = [
      [['export', SIGNED, '--html', 'logo.html', '--logo', 'not-a.png'], 'signet export: cannot use not-a.png as the logo: it is not a PNG image', 'logo.html'],
      [['export', SIGNED, '--html', 'final.html'], 'signet export: final.html already exists; add --force to replace it', null],
      [['export', SIGNED, '--html', 'sig.html', '--signature-image', 'nowhere.png'], 'signet export: cannot read nowhere.png: no such file or folder', 'sig.html'],
      [['export', SIGNED, '--html', SIGNED, '--force'], `signet export: ${SIGNED} is also the input; Signet never writes over its input, choose another output`, null],
      [['export', SIGNED, '--html', 'v.html', '--version', 'nope'], `signet export: ${SIGNED} has no version 'nope' (give an id, a unique start of one (4 or more characters), a name, or "current"); list them with: signet versions 'sample/library/New Year message.signet'`, 'v.html'],
      [['export', SIGNED, '--html', 'r.html', '--template', 'redline'], 'signet export: --template redline needs --compare ID|NAME: the older version, shown against --version (or the text now)', 'r.html'],
      [['export', SIGNED, '--html', 'c.html', '--compare', 'Approved'], 'signet export: --compare goes with --template redline', 'c.html'],
      [['export', SIGNED], 'signet export: missing --html OUT or --pdf OUT', null],
      [['export', SIGNED, '--html', 'd.html', '--date', '31/12/2026'], "signet export: --date must be a day written YYYY-MM-DD (not '31/12/2026')", 'd.html'],
      [['export', SIGNED, '--html', 'named.pdf'], 'signet export: --html writes an HTML copy, but named.pdf is named .pdf: name it .html, or use --pdf', 'named.pdf'],
      [['export', SIGNED, '--pdf', 'named.HTML'], 'signet export: --pdf writes a PDF copy, but named.HTML is named .html: name it .pdf, or use --html', 'named.HTML'],
      [['export', SIGNED, '--html', 'b5.html', '--page-size', 'B5'], "signet export: --page-size takes A4 or Letter (in any case), not 'B5'", 'b5.html'],
    ];
    const before = readFileSync(path(SIGNED));
    const results = await Promise.all(cases.map(([args], i) => (i === 0 ? signet(...args) : signetHere(...args))));
    results.forEach((result, i) => {
      const [, message, out] = cases[i];
      expect(result.code, message).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')[0]).toBe(message);
      if (out) expect(existsSync(path(out)), out).toBe(false);
    });
    expect(readFileSync(path(SIGNED)).equals(before)).toBe(true);
  });

  it('--verifier OUT.html writes the verifier page, whole, with nothing it could fetch; a .pdf name, a folder, an OUT that exists or a message given too is exit 2', async () => {
    const written = await signet('export', '--verifier', 'verifier.html');
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/^wrote verifier\.html: the verifier page \([\d,]+ KB\), which checks a copy dropped on it, offline; open it in a browser\n$/);
    const page = readFileSync(path('verifier.html'));
    expect(page.equals(readFileSync(resolve(import.meta.dirname, '../../../out/verifier/verifier.html')))).toBe(true);
    const text = page.toString('utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(text)?.[1];
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'; .*connect-src 'none'/);
    // One inline script (whose code may spell "<script" in its strings), and nothing outside it that loads a file.
    const [, markup] = /^([\s\S]*)<script type="module">[\s\S]*<\/script>\s*<\/body>\s*<\/html>\s*$/.exec(text) ?? [];
    expect(markup).toContain('<main id="app">');
    expect(markup).not.toMatch(/<script|<link|\ssrc=|\shref=|url\(/i);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    mkdirSync(path('folder.html'));
    const cases: [string[], string][] = [
      [['export', '--verifier', 'verifier.pdf'], 'signet export: --verifier writes an HTML page, but verifier.pdf is named .pdf: name it .html'],
      [['export', '--verifier', 'folder.html'], 'signet export: cannot write folder.html: it is a folder, not a file'],
      [['export', '--verifier', 'verifier.html'], 'signet export: verifier.html already exists; add --force to replace it'],
      [['export', SIGNED, '--verifier', 'other.html'], 'signet export: --verifier writes the verifier page alone: give it no FILE, --html or --pdf'],
      [['export'], 'signet export: missing FILE (or --verifier OUT.html, to write the verifier page)'],
    ];
    for (const [args, message] of cases) {
      const result = await signetHere(...args);
      expect(result.code, message).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(message);
    }
    expect(existsSync(path('verifier.pdf')) || existsSync(path('other.html'))).toBe(false);
    expect((await signetHere('export', '--verifier', 'verifier.html', '--force')).code).toBe(0);
  });

  it('takes --page-size in any case, and says what a letter will lack or print once', async () => {
    const lower = await signetHere('export', SIGNED, '--html', 'lower.html', '--page-size', 'letter');
    expect(lower.code, lower.stderr).toBe(0);
    expect(lower.stdout).toBe('wrote lower.html: Statement, Letter, final copy of "New Year message" (Signed)\n');
    // A message of one's own has no roster, so no organisation; its signature block has its place and date.
    writeFileSync(path('own.txt'), 'To the residents\n\nThe harbour reopens in June.\n\nYours sincerely,\nDr Helen Marsh\nAldport, 1 January 2027\n');
    expect((await signetHere('new', 'own.signet', '--from', 'own.txt')).code).toBe(0);
    const letter = await signetHere('export', 'own.signet', '--html', 'own.html', '--template', 'letter', '--closing', 'Regards,');
    expect(letter.code, letter.stderr).toBe(0);
    expect(letter.stderr).toBe(
      "warning: the letter has no organisation, so its letterhead is empty: give --organisation, or set it in the signatory's profile\n" +
        'warning: the signature block has its own place and date, so the letter has no date line of its own (give --date to print one)\n' +
        'warning: --closing is used only when the message has no signature block, and this one has one\n',
    );
    const body = read('own.html').split('<body')[1]!;
    expect(body).toContain('<p class="dateline"></p>');
    expect(body.match(/2027|2026/g)).toEqual(['2027']);
    // Asked for, the date line is printed.
    expect((await signetHere('export', 'own.signet', '--html', 'own-dated.html', '--template', 'letter', '--date', '2027-01-02', '--organisation', 'City of Aldport')).stderr).toBe('');
    expect(read('own-dated.html')).toContain('<p class="dateline">2 January 2027</p>');
    expect((await signet('verify', 'own.html')).stderr).not.toContain('the date line');
  });

  it('with a logo and a signature image, the letter shows both; a PDF with no Chromium to print it is refused, saying so', async () => {
    const letter = await signetHere('export', SIGNED, '--html', 'with-images.html', '--template', 'letter', '--logo', PNG, '--signature-image', PNG, '--profile', AMINA_PROFILE);
    expect(letter.code, letter.stderr).toBe(0);
    expect(read('with-images.html').match(/<img class="(logo|handwritten)" src="data:image\/png;base64,/g)).toHaveLength(2);
    // Asked for on a statement, they would not show: it says so, and still writes the copy.
    const statement = await signetHere('export', SIGNED, '--html', 'statement-asked.html', '--place', 'Aldport', '--date', '2026-12-31', '--logo', PNG, '--profile', AMINA_PROFILE);
    expect(statement.code, statement.stderr).toBe(0);
    expect(statement.stderr).toBe(
      'warning: --place, --date are shown only on the letter template (--template letter)\nwarning: the logo is shown only on the letter template (--template letter)\n',
    );
    // runSignet passes this process's environment on when it starts the child, which it does at once.
    process.env.SIGNET_CHROMIUM = '/nonexistent';
    const running = signet('export', SIGNED, '--pdf', 'no-chromium.pdf');
    delete process.env.SIGNET_CHROMIUM;
    const none = await running;
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('signet export: PDF export needs Chromium or Google Chrome, and none was found: install one, or set SIGNET_CHROMIUM to its path. (HTML export needs neither.)\n');
    expect(existsSync(path('no-chromium.pdf'))).toBe(false);
  });

  it('refuses a copy nobody sealed (exported without --profile, which says so), and a wrong passphrase with exit 2', async () => {
    const bare = await signetHere('export', SIGNED, '--html', 'unsealed.html');
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stderr).toBe('warning: no --profile was given, so the copy carries no export seal: `signet verify` will not call it authentic\n');
    await refused('unsealed.html', 'it carries no export seal, so nobody vouches for what was chosen when it was exported');
    process.env.SIGNET_PASSPHRASE = 'not the passphrase';
    const wrong = await signetHere('export', SIGNED, '--html', 'wrong.html', '--profile', AMINA_PROFILE).finally(() => (process.env.SIGNET_PASSPHRASE = SAMPLE_PASSPHRASE));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(`signet export: cannot use the profile ${AMINA_PROFILE}: The passphrase is not the one that protects this key\n`);
    expect(existsSync(path('wrong.html'))).toBe(false);
  });
});

describe.concurrent('signet verify COPY', () => {
  it('accepts the untouched HTML copy, PDF copy and message, saying who approved and signed', async () => {
    const files = ['final.html', ...(pdfSkip ? [] : ['final.pdf'])];
    const digest = shortDigest(htmlManifest(read('final.html')).digest);
    const results = await Promise.all([...files, SIGNED].map((file) => signet('verify', file)));
    for (const [i, file] of files.entries()) {
      const result = results[i];
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
      const lines = result.stdout.trimEnd().split('\n');
      ENDORSED.forEach((line, i) => expect(lines[i]).toMatch(line));
      expect(lines[3]).toMatch(/^Exported by Amina Yusuf, Head of Speechwriting, key [0-9A-Z ]{23}, on .+ UTC$/);
      expect(lines.at(-1)).toBe(`ok: ${file} is an authentic final copy of "New Year message" (Signed); digest ${digest}`);
    }
    if (!pdfSkip) expect(results[1].stdout).toMatch(/^Chosen at export, and sealed by Amina Yusuf: the letterhead “City of Aldport”, the date line “Aldport, 31 December 2026”$/m);
    const message = results.at(-1)!;
    expect(message.code, message.stderr).toBe(0);
    expect(message.stdout).toMatch(/^ok: .* is Signed: approved by Ben Okafor, Carmen Ruiz, signed by Carmen Ruiz on /m);
  });

  it('with --cards, accepts keys from the member cards given, and refuses an approval or signature made with any other key', async () => {
    const cards = join('sample', 'cards');
    const trusted = await signetHere('verify', 'final.html', '--cards', cards);
    expect(trusted.code, trusted.stderr).toBe(0);
    // Amina's card carries her PDF signing key: the one her seal names, which signs the PDF copy.
    const card = readCard(read(join(cards, 'amina-yusuf.signet-card')));
    expect(card.pdfKey).toBe(htmlManifest(read('final.html')).seal!.pdfKey);
    if (!pdfSkip) expect((await signetHere('verify', 'final.pdf', '--cards', cards)).code).toBe(0);
    const onlyBen = await signetHere('verify', 'final.html', '--cards', join(cards, 'ben-okafor.signet-card'));
    expect(onlyBen.code).toBe(1);
    expect(onlyBen.stderr).toContain("Carmen Ruiz's key");
    expect(onlyBen.stderr).toMatch(/\(signature\) is on none of the member cards in .*ben-okafor\.signet-card: someone may be posing as them/);
    expect(onlyBen.stderr).not.toContain("Ben Okafor's key");
    expect(onlyBen.stderr).toMatch(/the copy was exported by Amina Yusuf, key [0-9A-Z ]{23}, which is on none of the member cards in .*ben-okafor\.signet-card: someone may be posing as them/);
    const message = await signetHere('verify', SIGNED, '--cards', join(cards, 'ben-okafor.signet-card'));
    expect(message.code).toBe(1);
    expect(message.stderr).toContain("Carmen Ruiz's key");
    const none = await signetHere('verify', 'final.html', '--cards', 'no-such-folder');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('cannot read no-such-folder: no such file or folder');
  });

  it('refuses a draft, and a comparison, saying which it is', async () => {
    await refused('redline.html', 'it is a comparison of two versions, not a final copy');
    if (pdfSkip) return;
    const draft = await refused('draft.pdf', 'it is a draft copy, marked "Not approved": its text is Draft, not approved');
    expect(draft.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('HTML: one word changed on the page', async () => {
    writeFileSync(path('page-word.html'), withPageWords(read('final.html'), 'by June', 'by July'));
    const stderr = await refused('page-word.html', /the words on the page are not the manifest's text: the manifest has “…[^…]*June[^…]*…” where the page has “…[^…]*July/);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('HTML: the words left as they are, but restyled so that a reader does not see a paragraph', async () => {
    const hidden = read('final.html').replace('</head>', '<style>main p:nth-of-type(3) { display: none }</style>\n</head>');
    writeFileSync(path('restyled.html'), hidden);
    const stderr = await refused('restyled.html', /its HTML is not the page Signet makes from its manifest \(it differs on line \d+, near .*<style>main p:nth-of-type/);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it("HTML: one word of the manifest's text changed", async () => {
    const html = read('final.html');
    const m = changed(htmlManifest(html), julyInManifest);
    writeFileSync(path('manifest-word.html'), withManifest(html, m));
    await refused('manifest-word.html', /the manifest's text is not the text its digest names/, /the words on the page are not the manifest's text/);
  });

  it('refuses at once a page nested deeper than any Signet makes, rather than parse it for minutes', async () => {
    writeFileSync(path('nested.html'), `<!doctype html><html><body>${'<div>'.repeat(60_000)}</body></html>`);
    const started = performance.now();
    await refused('nested.html', /it holds 60,00\d tags, far more than any page Signet makes/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a final copy carrying a comparison whose text differs, the page made anew from it (a comparison belongs to comparison copies alone)', async () => {
    const m = changed(htmlManifest(read('final.html')), (c) => {
      const forged = structuredClone(c.content.blocks).map((b) => ({ ...b, change: 'same' as const, runs: b.runs.map((r) => ({ ...r, format: r.format ?? 0, change: 'same' as const })) }));
      forged[3].runs = [{ text: 'In the year ahead we will close every clinic at weekends.', format: 0, change: 'same' }];
      c.comparison = { from: null, to: null, people: [], blocks: forged };
    });
    writeFileSync(path('final-comparison.html'), renderCopy(m, { fontCss: '' }));
    await refused('final-comparison.html', 'the manifest is damaged: its kind, template and comparison disagree: only a comparison copy may carry a comparison');
    // Even were it read, the page would show the text the digest names, not the comparison.
    expect(copyText(m)).not.toContain('close every clinic');
  });

  it("HTML: the manifest's text changed and its digest replaced by the digest of the new text, the page made anew from it", async () => {
    const m = changed(htmlManifest(read('final.html')), (c) => {
      julyInManifest(c);
      c.digest = contentDigest(c.content);
    });
    // Signet's own renderer makes the page, so every word agrees with the manifest; only the signatures, made over the old digest, say otherwise.
    writeFileSync(path('new-digest.html'), renderCopy(m, { fontCss: '' }));
    const stderr = await refused('new-digest.html', /it says it is a final copy, but its records make its text Draft, not Approved or Signed/);
    expect(stderr).not.toMatch(/words on the page|digest names/);
  });

  it("HTML: a record's field changed (the signature's time, then an approval's comment)", async () => {
    const html = read('final.html');
    const records = (c: CopyManifest) => c.records as Record<string, string>[];
    const signedAt = changed(htmlManifest(html), (c) => {
      const signature = records(c).find((r) => r.kind === 'signed')!;
      signature.time = signature.time.replace(/\d(?=\.\d+Z$)/, (d) => String((Number(d) + 1) % 10));
    });
    writeFileSync(path('record-time.html'), withManifest(html, signedAt));
    await refused('record-time.html', /record 7 \(Signed, by Carmen Ruiz\): the signature does not match the record \(it was forged, or changed after signing\)/i);
    const comment = changed(htmlManifest(html), (c) => void (records(c).find((r) => r.kind === 'approved')!.comment = 'Approved, but only the first half.'));
    writeFileSync(path('record-comment.html'), withManifest(html, comment));
    await refused('record-comment.html', /record 5 \(Approved, by Ben Okafor\): the signature does not match the record/i, /its records make its text In review/);
  });

  it('HTML: a script, a handler or a remote picture added to the page', async () => {
    const html = read('final.html');
    writeFileSync(path('script.html'), html.replace('</main>', '<script>alert(1)</script></main>'));
    await refused('script.html', 'the page holds a <script> element, which a copy exported by Signet never does');
    writeFileSync(path('remote.html'), html.replace('<main>', '<main><img src="https://example.com/pixel.png" alt="" onload="x()">'));
    await refused('remote.html', 'the page holds a reference to https://example.com/pixel.png in <img src>', 'the page holds an event handler attribute onload on <img>');
  });

  it('refuses a file that is not a copy, or whose manifest is gone, with the reason (exit 1)', async () => {
    writeFileSync(path('plain.html'), '<!doctype html><html><body><p>New Year message</p></body></html>');
    const plain = await signetHere('verify', 'plain.html');
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe('signet verify: plain.html carries no Signet manifest (no <script id="signet-manifest.json">): it is not a copy exported by Signet, or the manifest was removed\n');
    writeFileSync(path('notes.txt'), 'just some notes');
    const notes = await signetHere('verify', 'notes.txt');
    expect(notes.code).toBe(1);
    expect(notes.stderr).toBe('signet verify: notes.txt is neither an HTML nor a PDF copy (its name ends .txt)\n');
    // A Word copy is a draft for review: verify says it proves nothing, and points to the final copy.
    writeFileSync(path('review.docx'), Buffer.from('PK\x03\x04 a zip, as a .docx is'));
    const word = await signetHere('verify', 'review.docx');
    expect(word.code).toBe(1);
    expect(word.stderr).toBe("signet verify: review.docx is a Word file: a Word copy is a draft for review and proves nothing (anyone can change it); check the final copy's PDF or HTML instead\n");
    if (pdfSkip) return;
    writeFileSync(path('cut.pdf'), readFileSync(path('final.pdf')).subarray(0, 4000));
    const cut = await signetHere('verify', 'cut.pdf');
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/^signet verify: cut\.pdf is not a readable PDF: /);
  });
});

describe.skipIf(pdfSkip)(`signet verify COPY: a PDF tampered with${pdfSkip ? ` (skipped: ${pdfSkip})` : ''}`, () => {
  // The exported PDF with its manifest and signature taken out, sealed and signed again by hand as `signet
  // export --pdf` does, with the exporter's own key: what the exporter could forge, which the checks of
  // what the page shows must catch, since the signature holds.
  let manifest: CopyManifest;
  let bare: Uint8Array;
  let exporter: Exporter;

  beforeAll(async () => {
    manifest = (await readCopyFile(path('final.pdf'))).manifest;
    bare = await unsealed(readFileSync(path('final.pdf')));
    const profile = await loadProfile(path(AMINA_PROFILE));
    exporter = await exporterFromSigner(await unlockKey(profile, passphraseProtector(SAMPLE_PASSPHRASE)), profile);
  });

  const seal = async (name: string, m: CopyManifest, pages = bare) => writeFileSync(path(name), await sealPdf(pages, m, JSON.stringify(m), exporter.pdfSigner(new Date(m.exportedAt))));

  it('an incremental update appended after the signature (other words drawn on the page): the signature does not cover it', async () => {
    const signed = readFileSync(path('final.pdf'));
    const pdf = await PDFDocument.load(signed, { updateMetadata: false });
    pdf.getPage(0).drawText('Not approved by the council', { x: 72, y: 40, size: 11 });
    // pdf-lib writes the whole file anew; as an update it follows the signed bytes, as a forger's tool would write it.
    writeFileSync(path('appended.pdf'), asUpdate(signed, await pdf.save({ useObjectStreams: false })));
    expect(pdfText(path('appended.pdf'))).toContain('Not approved by the council');
    await refused('appended.pdf', /its PDF signature does not cover the whole file: [\d,]+ bytes were added after it was signed/);
  });

  /** The sealed PDF changed by `change` before the exporter's own key signs it, as only the exporter could. */
  async function resigned(name: string, change: (pdf: PDFDocument) => void): Promise<void> {
    const pdf = await PDFDocument.load(await sealPdf(bare, manifest, JSON.stringify(manifest)), { updateMetadata: false });
    change(pdf);
    const saved = await pdf.save({ useObjectStreams: false });
    writeFileSync(path(name), appendSignature(saved, pdf, exporter.pdfSigner(new Date(manifest.exportedAt)), signatureDetails(manifest)));
  }

  it('an open-time JavaScript action, signed by the exporter: refused for its script', async () => {
    await resigned('open-action.pdf', (pdf) => pdf.catalog.set(PDFName.of('OpenAction'), pdf.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("Signed copy")') })));
    await refused('open-action.pdf', 'the page holds JavaScript, which a copy exported by Signet never does');
  });

  it('the document properties rewritten (title, author, subject), signed by the exporter', async () => {
    await resigned('properties.pdf', (pdf) => {
      pdf.setTitle('Resignation of the Mayor');
      pdf.setAuthor('Ben Okafor');
    });
    await refused('properties.pdf', 'a document title (“Resignation of the Mayor”) other than Signet writes (“New Year message”)', 'a document author (“Ben Okafor”) other than Signet writes (“Carmen Ruiz”)');
  });

  it('a PDF named .html (which a browser would show as a web page of its own), and HTML named .pdf', async () => {
    writeFileSync(path('polyglot.html'), readFileSync(path('final.pdf')));
    writeFileSync(path('page.pdf'), readFileSync(path('final.html')));
    for (const [file, what] of [['polyglot.html', 'named as an HTML file but its bytes are a PDF'], ['page.pdf', 'named as a PDF file but its bytes are HTML']]) {
      const result = await signetHere('verify', file);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(what);
    }
  });

  it('signed by someone else (a key the exporter\'s seal does not name), with the manifest untouched', async () => {
    const stranger = await exporterFromSigner(signerFromSecretKey(new Uint8Array(32).fill(9)), { name: 'Amina Yusuf', titles: [], organisation: '', email: '' });
    writeFileSync(path('stranger.pdf'), await sealPdf(bare, manifest, JSON.stringify(manifest), stranger.pdfSigner(new Date())));
    await refused('stranger.pdf', 'its PDF signature was made by “Amina Yusuf” with a key its exporter\'s seal does not name: someone other than the exporter signed this file');
  });

  it('sealed again with its own manifest it verifies, so what fails below fails for its one change', async () => {
    await seal('resealed.pdf', manifest);
    const result = await signetHere('verify', 'resealed.pdf');
    expect(result.code, result.stderr).toBe(0);
  });

  it('a picture pasted over the words, the text layer and manifest left alone', async () => {
    const pdf = await PDFDocument.load(bare, { updateMetadata: false });
    const picture = await pdf.embedPng(readFileSync(PNG));
    pdf.getPage(0).drawImage(picture, { x: 72, y: 400, width: 300, height: 60 });
    await seal('pasted-picture.pdf', manifest, await pdf.save());
    await refused('pasted-picture.pdf', 'the page holds 1 picture Signet did not place (a picture can show words its text layer does not hold), which a copy exported by Signet never does');
  });

  it("one word of the manifest's text changed", async () => {
    await seal('pdf-manifest-word.pdf', changed(manifest, julyInManifest));
    await refused('pdf-manifest-word.pdf', /the manifest's text is not the text its digest names/, /the words on the page are not the manifest's text/);
  });

  it("a record's field changed: an approval's time", async () => {
    await seal('pdf-record.pdf', changed(manifest, (c) => void ((c.records as Record<string, string>[])[4].time = '2030-01-01T00:00:00.000Z')));
    await refused('pdf-record.pdf', /record 5 \(Approved, by Ben Okafor\): the signature does not match the record/i);
  });

  it('one word changed on the page: the HTML copy with the word changed, printed, and sealed with its untouched manifest', async () => {
    const html = read('final.html');
    const printed = await printer!.pdf(withPageWords(html, 'by June', 'by July'), {});
    await seal('pdf-page-word.pdf', htmlManifest(html), printed);
    const stderr = await refused('pdf-page-word.pdf', /the words on the page are not the manifest's text: the manifest has “…[^…]*June[^…]*…” where the page has “…[^…]*July/);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('help', () => {
  it('lists export, and explains it and verify on copies', async () => {
    const overview = await signetHere('--help');
    expect(overview.stdout).toMatch(/^ {2}export +Export a copy of a message/m);
    const help = await signetHere('help', 'export');
    // FILE is optional: --verifier OUT.html writes the verifier page and takes none.
    expect(help.stdout).toMatch(/^Usage: signet export \[FILE\] \[--html OUT\] \[--pdf OUT\] \[--docx OUT\] \[--template letter\|statement\|reading\|redline\] .* \[--verifier OUT\] /);
    expect(help.stdout).toContain('With --verifier OUT.html (and no FILE), writes the verifier page instead');
    expect(help.stdout).toContain('Example:\n  signet export ');
    expect((await signetHere('verify', '--help')).stdout).toContain('For a copy made by `signet export` or the app');
  });
});
