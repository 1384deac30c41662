// A copy's page, built from its manifest alone: the letterhead or title, the message's blocks (or
// a comparison's), the signature block and, for a final copy, the certificate. The HTML copy is
// this page with its style and manifest; the PDF copy is this page printed. `signet verify`
// rebuilds the page's words from the manifest and compares them with the words in the copy.
// The words this file puts on a page (headings, labels, the certificate) belong to the manifest
// format: copies already sent out are checked by rebuilding them, so changing those words needs a
// new format, with the old one's words kept for the copies that carry it. signet-copy-1's
// certificate is here; signet-copy-2's is certificate.ts.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { unchanged, type DiffBlock, type DiffRun, versionOfRecord } from '../history';
import { fingerprint, type RosterMember, type CheckedRecord, type MessageState } from '../signoff';
import { copyStyle } from './style';
import type { LinkStyle } from './layout';
import { copyWords, longTime, type CopyWords } from './words';
import { MANIFEST_NAME, isFormatSince, manifestState, type CopyManifest } from './manifest';
import { escapeHtml, h, textOf, toHtml, type Child, type Element } from './tree';
import { certificate, certificateRows, grouped } from './certificate';
import { checkSeal } from './seal';

/** What a copy shows beyond its manifest: fonts as CSS, and images as data: URLs. */
export interface CopyAssets {
  fontCss: string;
  logo?: string;
  signature?: string;
}

const FORMATS: [bit: number, tag: string][] = [
  [1, 'strong'],
  [2, 'em'],
  [4, 's'],
  [8, 'u'],
  [16, 'code'],
  [32, 'sub'],
  [64, 'sup'],
  [128, 'mark'],
];
const ALIGN: Record<number, string> = { 2: 'a-center', 3: 'a-right', 4: 'a-justify', 6: 'a-right' };

function runNode(run: DiffRun): Child {
  const parts = run.text.split('\n');
  let node: Child | Element = parts.length === 1 ? run.text : h('span', {}, ...parts.flatMap((p, i) => (i ? [h('br'), p] : [p])));
  for (const [bit, tag] of FORMATS) if ((run.format ?? 0) & bit) node = h(tag, {}, node);
  if (run.link !== undefined) node = h('span', { class: 'link' }, node);
  return changed(run, node);
}

const CHANGE_TAG: Partial<Record<DiffRun['change'], string>> = { added: 'ins', removed: 'del' };

/** A run's node marked as a comparison marks it: put in, taken out, or reformatted. */
function changed(run: DiffRun, node: Child): Child {
  const change = CHANGE_TAG[run.change];
  if (change) return h(change, {}, node);
  return run.change === 'format' ? h('span', { class: 'format-change' }, node) : node;
}

/** How a copy's page prints links' addresses (layout.links), and the notes it has numbered so far. */
interface Links {
  style: LinkStyle | undefined;
  notes: string[];
}

/**
 * A link's address as printed: "mailto:" left off, and whatever a reader could not see or could
 * be misled by (spaces, controls, invisible and direction-changing characters) percent-encoded,
 * as it would be in the address itself.
 */
export function printedAddress(href: string): string {
  return href
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/[\s\u0000-\u001f\u007f-\u00a0\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/gu, (c) => encodeURIComponent(c));
}

/** After the last run of a link: its address in brackets or a note's number, unless its words are the address. */
function addressNode(runs: DiffRun[], end: number, links: Links): Child {
  const href = runs[end].link!;
  let start = end;
  while (start > 0 && runs[start - 1].link === href) start -= 1;
  const words = runs.slice(start, end + 1).map((r) => r.text).join('').trim();
  const address = printedAddress(href);
  if (!address || words === address || words === href.trim()) return null;
  if (links.style === 'brackets') return changed(runs[end], h('span', { class: 'address' }, ` (${address})`));
  if (!links.notes.includes(address)) links.notes.push(address);
  return changed(runs[end], h('sup', { class: 'note-ref' }, String(links.notes.indexOf(address) + 1)));
}

/** A block's runs, each link followed by where it points when the copy prints that. */
function runNodes(runs: DiffRun[], links: Links): Child[] {
  const out: Child[] = [];
  runs.forEach((run, i) => {
    out.push(runNode(run));
    if (links.style && run.link !== undefined && runs[i + 1]?.link !== run.link) out.push(addressNode(runs, i, links));
  });
  return out;
}

/** The numbered notes of a copy that lists links' addresses at the end. */
function linkNotes(links: Links, words: CopyWords): Element | null {
  if (!links.notes.length) return null;
  const note = (address: string, i: number) => h('p', {}, h('span', { class: 'note-number' }, `${i + 1}.`), ' ', address);
  return h('section', { class: 'notes' }, h('p', { class: 'notes-title' }, words.links), ...links.notes.map(note));
}

// A short paragraph of a reading copy is never split over two pages; a long one may be, a few lines
// at least on each, so that no page is left half empty for it. About five lines of large type.
const KEEP_WHOLE = 260;
const WIDE = /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;

function isShort(b: DiffBlock): boolean {
  let width = 0;
  for (const c of b.runs.map((r) => r.text).join('')) width += WIDE.test(c) ? 2 : 1;
  return width <= KEEP_WHOLE;
}

const classes = (...names: (string | false | undefined)[]): Record<string, string> => {
  const list = names.filter(Boolean).join(' ');
  return list ? { class: list } : {};
};

function blockClasses(b: DiffBlock, ...more: (string | false)[]) {
  return classes(ALIGN[b.align ?? 0], b.indent ? `i-${Math.min(b.indent, 6)}` : false, b.change !== 'same' && `c-${b.change}`, ...more);
}

interface Numbering {
  counts: number[];
}

function marker(b: DiffBlock, numbering: Numbering): string {
  const depth = b.depth ?? 0;
  numbering.counts.length = depth + 1;
  if (b.kind !== 'number') return '•';
  numbering.counts[depth] = (numbering.counts[depth] ?? 0) + 1;
  return `${numbering.counts[depth]}.`;
}

/** How the blocks are drawn: where links' addresses go, and whether short paragraphs are kept whole (a reading copy). */
interface BlockOptions {
  links: Links;
  keepShort: boolean;
}

/** The message's blocks; the signature image goes after the first line of its first signature block. */
function blockNodes(blocks: DiffBlock[], signatureImage: Element | null, options: BlockOptions): Child[] {
  const out: Child[] = [];
  const numbering: Numbering = { counts: [] };
  let signature: Element | null = null;
  let image = signatureImage;
  for (const b of blocks) {
    const runs = runNodes(b.runs, options.links);
    const keep = options.keepShort && isShort(b) && 'keep';
    if (b.kind !== 'signature') signature = null;
    if (b.kind !== 'bullet' && b.kind !== 'number' && b.kind !== 'check') numbering.counts = [];
    switch (b.kind) {
      case 'rule':
        out.push(h('hr'));
        break;
      case 'page-break':
        out.push(h('div', { class: 'page-break' }));
        break;
      case 'quote':
        out.push(h('blockquote', blockClasses(b, keep), ...runs));
        break;
      case 'bullet':
      case 'number':
      case 'check':
        out.push(h('p', blockClasses(b, 'item', `d-${Math.min(b.depth ?? 0, 5)}`, keep), h('span', { class: 'marker' }, marker(b, numbering)), ...runs));
        break;
      case 'signature':
        if (!signature) out.push((signature = h('div', { class: 'signature' })));
        signature.children.push(h('p', blockClasses(b, !runs.length && 'empty'), ...runs));
        if (image && signature.children.length === 1) {
          signature.children.push(image);
          image = null;
        }
        break;
      case 'paragraph':
        out.push(h('p', blockClasses(b, !runs.length && 'empty', keep), ...runs));
        break;
      default: {
        const level = Math.min(6, Number(b.kind.slice(1)) + 1);
        out.push(h(`h${level}`, blockClasses(b), ...runs));
      }
    }
  }
  return out;
}

/** Where a record's text is kept: the version recorded for it (the latest from before it), if any. */
export function versionWords(m: CopyManifest, c: CheckedRecord): string {
  // The manifest lists versions newest first, as the history does.
  const v = versionOfRecord(m.versions, c.record!);
  return v ? `${v.name ? `“${v.name}”, ` : ''}${longTime(v.at)}` : 'the text above';
}

const ROLE_WORDS: Record<string, string> = { approved: 'Approver', signed: 'Signatory' };

function certificateRow(m: CopyManifest, c: CheckedRecord, roster: RosterMember[]): Element {
  const r = c.record!;
  const member = roster.find((x) => x.publicKey === r.signer);
  const who = [c.signerName, ...(member?.titles ?? [])].join(', ');
  const cells = [r.kind === 'signed' ? 'Signed' : 'Approved', who, ROLE_WORDS[r.kind], longTime(r.time), fingerprint(r.signer), versionWords(m, c)];
  return h('tr', {}, ...cells.map((cell) => h('td', {}, cell)));
}

/** What the certificate says of the text itself: a version's name and time, or the time of the export. */
export const textWords = (m: CopyManifest): string =>
  m.version ? `Version ${m.version.name ? `“${m.version.name}”, ` : ''}${longTime(m.version.at)}` : `As it was on ${longTime(m.exportedAt)}`;

/** The certificate of a signet-copy-1 copy, word for word as it was made. */
function firstCertificate(m: CopyManifest, state: MessageState): Element {
  const rows = certificateRows(state);
  const field = (label: string, value: string, cls?: string) => [h('dt', {}, label), h('dd', classes(cls), value)];
  return h(
    'section',
    { class: 'certificate' },
    h('h2', {}, state.state === 'Signed' ? 'Certificate of approval and signature' : 'Certificate of approval'),
    h(
      'dl',
      {},
      ...field('Message', m.content.title || 'Untitled message'),
      ...field('Message id', m.messageId),
      ...field('Text', textWords(m)),
      ...field('Digest of the text (SHA-256)', grouped(m.digest), 'digest'),
      ...field('State', state.state),
    ),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...['Step', 'Name', 'Role', 'Time', 'Key fingerprint', 'Text approved'].map((t) => h('th', {}, t)))),
      h('tbody', {}, ...rows.map((c) => certificateRow(m, c, state.roster))),
    ),
    h(
      'p',
      { class: 'how' },
      'To check this copy, run “signet verify” on this file: it recomputes the digest from the text in the copy’s manifest, checks that the words on these pages are that text, and verifies each signature with the key whose fingerprint is shown.',
    ),
  );
}

/** A signature block for a final copy of a message that holds none: the signatory as the roster names them. */
function rosterSignature(m: CopyManifest, signatory: RosterMember, image: Element | null): Element {
  const line = (text: string) => h('p', {}, text);
  return h('div', { class: 'signature' }, m.layout.closing && line(m.layout.closing), image, line(signatory.name), ...signatory.titles.map(line));
}

function heading(m: CopyManifest, assets: CopyAssets | null, words: CopyWords): Child[] {
  const { layout } = m;
  switch (layout.template) {
    case 'letter':
      return [
        h('header', { class: 'letterhead' }, m.images.logo && assets?.logo && h('img', { class: 'logo', src: assets.logo, alt: '' }), layout.organisation && h('p', { class: 'organisation' }, layout.organisation)),
        h('p', { class: 'dateline' }, words.dateline(layout.place, layout.date)),
      ];
    case 'reading':
      return [h('p', { class: 'delivery' }, words.checkAgainstDelivery)];
    case 'redline': {
      const c = m.comparison;
      const name = (v: { name: string; at: string } | null | undefined) => (v ? words.version(v.name, v.at) : words.textOf(m.exportedAt));
      const [inserted, isUnderlined, deleted, isStruck] = words.legend;
      return [h('header', { class: 'redline-head' }, h('p', { class: 'what' }, words.compared(name(c?.from), name(c?.to))), h('p', { class: 'legend' }, h('ins', {}, inserted), isUnderlined, h('del', {}, deleted), isStruck))];
    }
    default:
      return [];
  }
}

/**
 * The signature block kept on one page with the paragraph before it (signet-copy-3), so that no
 * page holds a signature alone: both in one unbreakable box when that paragraph is short, else
 * the block may not start a page.
 */
function keptWithSignature(nodes: Child[]): Child[] {
  const at = nodes.findLastIndex((n) => typeof n === 'object' && n?.attrs.class === 'signature');
  if (at < 0) return nodes;
  const signature = nodes[at] as Element;
  let before = at - 1;
  while (before >= 0 && typeof nodes[before] === 'object' && (nodes[before] as Element).attrs.class?.split(' ').includes('empty')) before -= 1;
  const previous = nodes[before];
  if (before < 0 || typeof previous !== 'object' || !previous || !previous.attrs.class?.split(' ').includes('keep')) {
    signature.attrs.class = 'signature after-text';
    return nodes;
  }
  return [...nodes.slice(0, before), h('div', { class: 'closing' }, ...nodes.slice(before, at + 1)), ...nodes.slice(at + 1)];
}

/** The page a copy shows, from its manifest (assets only add fonts and pictures, never words). */
export function copyBody(m: CopyManifest, assets: CopyAssets | null): Element {
  const state = manifestState(m);
  const final = m.kind === 'final';
  const signed = final && state.state === 'Signed';
  const image = signed && m.images.signature && assets?.signature ? h('img', { class: 'handwritten', src: assets.signature, alt: '' }) : null;
  // Only a comparison copy shows a comparison: any other copy shows the text its digest names.
  const blocks = (m.kind === 'redline' && m.comparison?.blocks) || unchanged(m.content);
  const holdsSignature = blocks.some((b) => b.kind === 'signature');
  // A letter and a speech carry their own words at the top; a statement and a comparison are headed by the title.
  const titled = m.layout.template === 'statement' || m.layout.template === 'redline';
  // A message that opens with its title as a heading (as the templates' do) shows it once, as the page's title.
  const first = blocks[0];
  const repeatsTitle = titled && !!first && /^h\d$/.test(first.kind) && first.change === 'same' && first.runs.map((r) => r.text).join('').trim() === m.content.title.trim();
  const third = isFormatSince(m, 'signet-copy-3');
  const words = copyWords(m);
  const links: Links = { style: m.layout.links, notes: [] };
  const text = blockNodes(repeatsTitle ? blocks.slice(1) : blocks, image, { links, keepShort: third && m.layout.template === 'reading' });
  const signature = final && !holdsSignature && state.signatory && rosterSignature(m, state.signatory, image);
  const title = titled && h('h1', { class: 'title' }, m.content.title || words.untitled);
  // From signet-copy-3 the signature block is in the text, kept with its last paragraph; before, it followed the text.
  const main = third ? h('main', {}, title, ...keptWithSignature([...text, signature])) : h('main', {}, title, ...text);
  return h(
    'body',
    classes(`t-${m.layout.template}`, m.kind),
    ...heading(m, assets, words),
    main,
    !third && signature,
    linkNotes(links, words),
    final && (m.format === 'signet-copy-1' ? firstCertificate(m, state) : certificate(m, state, checkSeal(m, state).exporter)),
  );
}

/** The words a copy shows, rebuilt from its manifest. */
export const copyText = (m: CopyManifest): string => textOf(copyBody(m, null));

const base64 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

/** The manifest as an inert JSON block: `<` is escaped so no text in it can close the element. */
export const manifestJson = (m: CopyManifest): string => JSON.stringify(m).replace(/</g, '\\u003c');

/** The HTML copy: one self-contained file with no script to run and nothing to fetch. */
export function renderCopy(m: CopyManifest, assets: CopyAssets): string {
  const style = `${assets.fontCss}\n${copyStyle(m)}`;
  const csp = `default-src 'none'; style-src 'sha256-${base64(sha256(utf8ToBytes(style)))}'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'`;
  const state = manifestState(m);
  const author = m.kind === 'final' && state.signatory ? state.signatory.name : '';
  const head = [
    '<meta charset="utf-8">',
    toHtml(h('meta', { 'http-equiv': 'Content-Security-Policy', content: csp })),
    toHtml(h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' })),
    author && toHtml(h('meta', { name: 'author', content: author })),
    toHtml(h('meta', { name: 'generator', content: 'Signet' })),
    toHtml(h('title', {}, m.content.title || copyWords(m).untitled)),
    `<style>${style}</style>`,
    `<script type="application/json" id="${MANIFEST_NAME}">${manifestJson(m)}</script>`,
  ];
  return `<!doctype html>\n<html lang="${escapeHtml(m.layout.language || "en")}">\n<head>\n${head.filter(Boolean).join('\n')}\n</head>\n${toHtml(copyBody(m, assets))}\n</html>\n`;
}
