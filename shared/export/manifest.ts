// The manifest a copy carries: everything needed to check it with nothing else at hand, which is
// the message's id, the exact content (canonical form), its digest, every signed record, the
// versions those records apply to, and how the copy was laid out. The visible words of the copy
// are rebuilt from the manifest alone, so a reader can tell that what they see is what was signed.
import { z } from 'zod';
import type * as Y from 'yjs';
import { contentDigest, type MessageContent, readMeta, readContent } from '../document';
import { compareContent, type Comparison, listVersions, versionContent } from '../history';
import { isDay, storedRecords, stateOfText, type MessageState } from '../signoff';
import { COPY_TEMPLATES, LINK_STYLES, PAGE_SIZES, TEMPLATE_NAMES, type Layout } from './layout';

/**
 * The manifest formats Signet reads. Each fixes the words a copy's page shows (its certificate,
 * its labels), so a copy already sent out is rebuilt with its own format's words: signet-copy-1,
 * the first; signet-copy-2, a certificate that names the export and its exporter; signet-copy-3,
 * links' addresses printed (layout.links), a reading copy that fills its pages, and Signet's own
 * words on the page in the message's language (words.ts); signet-copy-4, a certificate that says how to
 * check the copy without Signet (the PDF reader's signature panel, the verifier page).
 */
export const MANIFEST_FORMATS = ['signet-copy-1', 'signet-copy-2', 'signet-copy-3', 'signet-copy-4'] as const;
export type ManifestFormat = (typeof MANIFEST_FORMATS)[number];
/** The format of the copies this Signet makes. */
export const MANIFEST_FORMAT: ManifestFormat = 'signet-copy-4';
/** Whether a copy is of `format` or a later one, so it has that format's page. */
export const isFormatSince = (m: Pick<CopyManifest, 'format'>, format: ManifestFormat): boolean => MANIFEST_FORMATS.indexOf(m.format) >= MANIFEST_FORMATS.indexOf(format);
/** The name of the manifest: the HTML copy's script element id, and the PDF copy's attachment. */
export const MANIFEST_NAME = 'signet-manifest.json';

export type CopyKind = 'final' | 'draft' | 'redline';

export interface VersionRef {
  id: string;
  name: string;
  at: string;
}

/** The export seal (seal.ts): the exporter's keys and their signature over what they chose. */
export interface ExportSeal {
  /** The exporter's Ed25519 public key: someone on the message's roster. */
  signer: string;
  /** The exporter's PDF signing key (ECDSA P-256, its uncompressed public point as hex), which signs a PDF copy as a whole. */
  pdfKey: string | null;
  signature: string;
}

export interface CopyManifest {
  format: ManifestFormat;
  kind: CopyKind;
  messageId: string;
  content: MessageContent;
  digest: string;
  records: unknown[];
  /** Versions whose text some record is about, so the certificate can name them. */
  versions: (VersionRef & { digest: string })[];
  /** The version exported, or null for the text as it was when exported. */
  version: VersionRef | null;
  exportedAt: string;
  layout: Layout;
  /** SHA-256 (hex) of the logo and handwritten signature images, when the copy shows them. */
  images: { logo: string | null; signature: string | null };
  /** Who exported the copy and what they chose, signed (signet-copy-2). */
  seal?: ExportSeal;
  /** A redline's comparison: from which version to which, change by change. */
  comparison?: { from: VersionRef | null; to: VersionRef | null } & Pick<Comparison, 'blocks' | 'people'>;
}

export interface CopyRequest {
  layout: Layout;
  /** Export this version's text rather than the text now. */
  version?: string;
  /** For a redline: the version compared against `version` (or against the text now). */
  compareWith?: string;
  images?: { logo?: string; signature?: string };
  /** When the copy is made (ISO), and so the day on a letter when none is set. */
  at: string;
}

/**
 * The layout a copy gets unless told otherwise: the organisation of the signatory (else of the
 * first on the roster), the message's language, and the day of the export.
 */
export function defaultLayout(doc: Y.Doc, template: Layout['template'], pageSize: Layout['pageSize'] = 'A4'): Layout {
  const state = stateOfText({ messageId: readMeta(doc).id, digest: '', records: storedRecords(doc) });
  const organisation = state.signatory?.organisation || state.roster.find((m) => m.organisation)?.organisation || '';
  return { template, pageSize, organisation, place: '', date: '', closing: '', language: readMeta(doc).language || 'en', links: 'brackets' };
}

const ref = (v: { id: string; name: string; at: string }): VersionRef => ({ id: v.id, name: v.name, at: v.at });

/** The state that a manifest's records give its content. */
// Checking every signature costs milliseconds each time, and a copy asks for its state several
// times (manifest, page, metadata); a manifest is never changed once built, so it is kept.
const states = new WeakMap<object, MessageState>();

export function manifestState(m: Pick<CopyManifest, 'messageId' | 'digest' | 'records'>): MessageState {
  let state = states.get(m);
  if (!state) states.set(m, (state = stateOfText({ messageId: m.messageId, digest: m.digest, records: m.records })));
  return state;
}

// "Aldport, 1 January 2027", "Aldport, 31 December", "[Place], [Date]", "2027-01-01", "1.1.2027",
// "January 1, 2027", "2027年1月1日".
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*';
const DATE_LINE = new RegExp(
  [
    '\\[date\\]',
    '\\[日期\\]',
    '\\b\\d{4}-\\d{2}-\\d{2}\\b',
    '\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}\\b',
    `\\b\\d{1,2}(st|nd|rd|th)? ${MONTH}\\b`,
    `\\b${MONTH} \\d{1,2}(st|nd|rd|th)?\\b`,
    '\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日',
  ].join('|'),
  'i',
);

/**
 * Whether the message's own signature block ends with its place and date, as letters' often do: a
 * letter then gets no date line of its own unless a day is asked for, so the date is not printed twice.
 */
export function datedSignature(content: MessageContent): boolean {
  const lines = content.blocks.filter((b) => b.kind === 'signature').map((b) => b.runs.map((r) => r.text).join(''));
  return lines.some((line) => DATE_LINE.test(line));
}

/** Reads the manifest for a copy of the message (or of one of its versions). */
export function buildManifest(doc: Y.Doc, request: CopyRequest): CopyManifest {
  const versions = listVersions(doc);
  const find = (id: string | undefined) => (id ? versions.find((v) => v.id === id) : undefined);
  const chosen = find(request.version);
  if (request.version && !chosen) throw new Error(`This message has no version ${request.version}.`);
  if (request.layout.date && !isDay(request.layout.date)) throw new Error(`The date line needs a date (YYYY-MM-DD), not "${request.layout.date}".`);
  const content = chosen ? versionContent(doc, chosen.id) : readContent(doc);
  const digest = contentDigest(content);
  const records = storedRecords(doc);
  const messageId = readMeta(doc).id;
  const state = stateOfText({ messageId, digest, records });
  const about = new Set(state.records.map((c) => c.record?.digest).filter(Boolean));
  const manifest: CopyManifest = {
    format: MANIFEST_FORMAT,
    kind: state.state === 'Approved' || state.state === 'Signed' ? 'final' : 'draft',
    messageId,
    content: JSON.parse(JSON.stringify(content)) as MessageContent,
    digest,
    records,
    versions: versions.filter((v) => about.has(v.digest)).map((v) => ({ ...ref(v), digest: v.digest })),
    version: chosen ? ref(chosen) : null,
    exportedAt: request.at,
    // A signature block with its own place and date is the letter's date line, unless a day is asked for.
    layout: request.layout.date ? request.layout : datedSignature(content) ? { ...request.layout, place: '', date: '' } : { ...request.layout, date: request.at.slice(0, 10) },
    // A handwritten signature appears only under a signed text.
    images: { logo: request.images?.logo ?? null, signature: (state.state === 'Signed' && request.images?.signature) || null },
  };
  if (request.layout.template === 'redline') {
    const base = request.compareWith ? find(request.compareWith) : undefined;
    if (!base) throw new Error('A comparison needs a version to compare with.');
    const comparison = compareContent(versionContent(doc, base.id), content);
    manifest.kind = 'redline';
    manifest.images.signature = null;
    manifest.comparison = { from: ref(base), to: manifest.version, blocks: comparison.blocks, people: comparison.people };
  }
  states.set(manifest, state);
  return manifest;
}

// ── Reading a manifest back ─────────────────────────────────────────────────────────────────

const BLOCK_KINDS = ['paragraph', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'quote', 'bullet', 'number', 'check', 'signature', 'rule', 'page-break'] as const;
const run = z.object({ text: z.string(), format: z.number().int().min(0).optional(), link: z.string().optional() });
const block = z.object({
  kind: z.enum(BLOCK_KINDS),
  align: z.number().int().min(0).max(6).optional(),
  indent: z.number().int().min(0).max(20).optional(),
  depth: z.number().int().min(0).max(20).optional(),
  runs: z.array(run),
});
const diffBlock = block.extend({
  change: z.enum(['same', 'changed', 'added', 'removed', 'moved-from', 'moved-to']),
  runs: z.array(run.extend({ change: z.enum(['same', 'added', 'removed', 'format']), by: z.number().int().min(0).optional() })),
  was: z.object({ kind: z.enum(BLOCK_KINDS) }).passthrough().optional(),
});
const versionRef = z.object({ id: z.string(), name: z.string(), at: z.string() });
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

const schema = z.object({
  format: z.enum(MANIFEST_FORMATS),
  kind: z.enum(['final', 'draft', 'redline']),
  messageId: z.string().min(1),
  content: z.object({ title: z.string(), blocks: z.array(block) }),
  digest: hex64,
  records: z.array(z.unknown()),
  versions: z.array(versionRef.extend({ digest: hex64 })),
  version: versionRef.nullable(),
  exportedAt: z.string(),
  layout: z.object({
    template: z.enum([...COPY_TEMPLATES, 'redline']),
    pageSize: z.enum(PAGE_SIZES),
    organisation: z.string(),
    place: z.string(),
    date: z.string(),
    closing: z.string(),
    language: z.string(),
    links: z.enum(LINK_STYLES).optional(),
  }),
  images: z.object({ logo: hex64.nullable(), signature: hex64.nullable() }),
  seal: z
    .object({
      signer: hex64,
      pdfKey: z.string().regex(/^04[0-9a-f]{128}$/, 'not an uncompressed P-256 public key').nullable(),
      signature: z.string().regex(/^[0-9a-f]{128}$/, 'not an Ed25519 signature'),
    })
    .optional(),
  comparison: z
    .object({
      from: versionRef.nullable(),
      to: versionRef.nullable(),
      blocks: z.array(diffBlock),
      people: z.array(z.object({ name: z.string(), title: z.string() }).passthrough()),
    })
    .optional(),
});

/** A manifest from its JSON text, or what is wrong with it (which field, and why). */
export function parseManifest(json: string): CopyManifest | string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return `it is not JSON (${(error as Error).message})`;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) {
    const m = parsed.data as CopyManifest;
    // A comparison stands in for the text on the page, so it belongs to comparison copies alone.
    const redline = m.kind === 'redline';
    if (redline !== (m.layout.template === 'redline') || redline !== !!m.comparison) return 'its kind, template and comparison disagree: only a comparison copy may carry a comparison';
    // No day at all is a letter whose signature block carries its own place and date (no date line).
    if (m.format !== 'signet-copy-1' && m.layout.date !== '' && !isDay(m.layout.date)) return `its date line's day is not a date (YYYY-MM-DD) but "${m.layout.date.slice(0, 40)}"`;
    // Its format fixes whether links' addresses are on the page: from signet-copy-3 always, before it never.
    if (isFormatSince(m, 'signet-copy-3') !== (m.layout.links !== undefined)) return isFormatSince(m, 'signet-copy-3') ? 'its layout does not say where links\' addresses are printed (layout.links), which a signet-copy-3 copy must' : `its layout names a place for links' addresses, which a ${m.format} copy cannot have`;
    return m;
  }
  const issue = parsed.error.issues[0];
  return `${issue.path.length ? `its field ${issue.path.join('.')}` : 'it'} is not valid: ${issue.message}`;
}

/** The digest of the content a manifest holds, recomputed. */
export const manifestContentDigest = (m: CopyManifest): string => contentDigest(m.content);

// ── A PDF copy's document properties ──────────────────────────────────────────────────────

const SUBJECT: Record<CopyManifest['kind'], string> = { final: 'Final copy', draft: 'Draft, not approved', redline: 'Comparison of two versions' };

/** The document properties Signet writes on a PDF copy, and `signet verify` requires. */
export function pdfProperties(manifest: CopyManifest): { title: string; author: string; subject: string; keywords: string } {
  const state = manifestState(manifest);
  return {
    title: manifest.content.title || 'Untitled message',
    author: manifest.kind === 'final' && state.signatory ? state.signatory.name : '',
    subject: `${TEMPLATE_NAMES[manifest.layout.template]}: ${SUBJECT[manifest.kind]} (${state.state})`,
    keywords: [`signet:${manifest.messageId}`, `sha256:${manifest.digest}`].join(' '),
  };
}

