// Checking a copy: that its manifest's text is the text its digest names, that every record
// verifies and together they make the text Approved or Signed, and that the words on the page
// are the words the manifest rebuilds. The caller reads the copy (HTML or PDF); this decides.
import { KIND_WORDS, type MessageState, type RosterMember, fingerprint } from '../signoff';
import { NOT_APPROVED } from './layout';
import { copyWords, longTime } from './words';
import { manifestContentDigest, manifestState, type CopyManifest } from './manifest';
import { copyText, textWords, versionWords } from './render';
import { certificateRows, nameAndTitles } from './certificate';
import { checkSeal } from './seal';
import type { PdfSignatureCheck } from './pdf-signature';
import { englishReason, reason, type Reason } from './reasons';

/** What the copy shows: one string for an HTML copy, or the text of each page of a PDF and what its PDF signature says. */
export type SeenText = { text: string } | { pages: string[]; signature: PdfSignatureCheck };

export interface CopyCheck {
  authentic: boolean;
  state: MessageState;
  /** Each reason the copy is not authentic, as a sentence. */
  problems: string[];
  /** The same reasons, each in any language (reasons.ts). */
  reasons: Reason[];
  /** Who exported the copy and sealed what they chose, as the roster names them; null when the seal does not hold. */
  exporter: RosterMember | null;
  /** What the copy shows that was chosen at export (a letterhead, a date line, pictures): the exporter's seal vouches for it. */
  chosenAtExport: string[];
}

/** What a signet-copy-1 certificate says of versions and times that nobody signed. */
function certificateVersions(m: CopyManifest, state: MessageState): string {
  return [...new Set([textWords(m), ...certificateRows(state).map((c) => versionWords(m, c))])].join('; ');
}

/** The parts of a page chosen at export (a letterhead, a date line, pictures), which the export seal covers. */
export function chosenAtExport(m: CopyManifest, state: MessageState = manifestState(m)): string[] {
  const { layout } = m;
  const parts: string[] = [];
  if (layout.template === 'letter') {
    if (layout.organisation) parts.push(`the letterhead “${layout.organisation}”`);
    const dateline = copyWords(m).dateline(layout.place, layout.date);
    if (dateline) parts.push(`the date line “${dateline}”`);
  }
  if (layout.closing && m.kind === 'final' && !m.content.blocks.some((b) => b.kind === 'signature')) parts.push(`the closing line “${layout.closing}”`);
  // A signet-copy-1 certificate names versions and times that no record holds; signet-copy-2's are the seal's and the records'.
  if (m.kind === 'final' && m.format === 'signet-copy-1') parts.push(`the certificate's words on versions and times (${certificateVersions(m, state)})`);
  if (m.images.logo) parts.push('the logo');
  if (m.images.signature) parts.push('the image of the handwritten signature');
  return parts;
}

// Characters a font draws with one glyph, which a PDF's text layer may give back as the other.
const SAME_GLYPH: Record<string, string> = { '\u02bc': '\u2019', '\u2010': '-', '\u2011': '-', '\u00ad': '' };

// Whitespace is left out of the comparison: line breaks and spacing are the printer's, not the text's.
const squeeze = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/[\u02bc\u2010\u2011\u00ad]/g, (c) => SAME_GLYPH[c])
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '');

/** A page's words without what is printed on every page: the page number, and a draft's marks, in the copy's words. */
function bodyOfPage(m: CopyManifest, text: string, page: number, pages: number): string {
  let body = squeeze(text);
  const words = copyWords(m);
  const furniture = [words.page(page, pages), ...(m.kind === 'draft' ? [words.notApproved, words.draft] : [])];
  for (const words of furniture.map(squeeze)) {
    const at = body.lastIndexOf(words);
    if (at >= 0) body = body.slice(0, at) + body.slice(at + words.length);
  }
  return body;
}

/** Where two texts part, as a few characters of each around the first difference. */
function whereTheyDiffer(expected: string, seen: string): { expected: string; seen: string } {
  let i = 0;
  while (i < expected.length && expected[i] === seen[i]) i += 1;
  const around = (s: string) => s.slice(Math.max(0, i - 20), i + 20);
  return { expected: around(expected), seen: around(seen) };
}

function visibleProblem(m: CopyManifest, seen: SeenText): Reason | null {
  const expected = squeeze(copyText(m));
  const actual = 'text' in seen ? squeeze(seen.text) : seen.pages.map((p, i) => bodyOfPage(m, p, i + 1, seen.pages.length)).join('');
  return expected === actual ? null : reason('reason.words', whereTheyDiffer(expected, actual));
}

const FINAL = new Set(['Approved', 'Signed']);

function standingProblem(m: CopyManifest, state: MessageState): Reason | null {
  if (m.kind === 'redline') return reason('reason.redline');
  if (m.kind === 'draft') return reason('reason.draft', { mark: NOT_APPROVED, state: state.state });
  return FINAL.has(state.state) ? null : reason('reason.notFinal', { state: state.state });
}

/** A PDF copy is signed as a whole by its exporter's PDF key, the one their seal names. */
function pdfSignatureProblem(m: CopyManifest, signature: PdfSignatureCheck): Reason | null {
  if (signature.problem) return englishReason(signature.problem);
  if (m.seal && signature.publicKey !== m.seal.pdfKey) return reason('reason.otherPdfKey', { name: signature.signerName ?? '' });
  return null;
}

export function checkCopy(m: CopyManifest, seen: SeenText): CopyCheck {
  const problems: Reason[] = [];
  const digest = manifestContentDigest(m);
  if (digest !== m.digest) problems.push(reason('reason.digest', { digest: digest.slice(0, 12), named: m.digest.slice(0, 12) }));
  const state = manifestState({ ...m, digest });
  for (const c of state.records) if (c.status === 'invalid') problems.push(englishReason(c.reason!.replace(/\.$/, '').replace(/^Record/, 'record')));
  const standing = standingProblem(m, state);
  if (standing) problems.push(standing);
  // A draft or a comparison is refused for what it is; a seal would not change that.
  const seal = checkSeal(m, state);
  if (!standing && seal.problem) problems.push(seal.reason);
  const signed = 'pages' in seen && !standing ? pdfSignatureProblem(m, seen.signature) : null;
  if (signed) problems.push(signed);
  const visible = visibleProblem(m, seen);
  if (visible) problems.push(visible);
  return { authentic: problems.length === 0, state, problems: problems.map((r) => r.text), reasons: problems, exporter: seal.exporter, chosenAtExport: chosenAtExport(m, state) };
}

/** Who stands behind a copy, a line each, with the key to compare with their member card: "Approved by Ben Okafor (Chief of Staff), key A312P …, on 29 November 2026, 01:38 UTC". */
export function endorsements(state: MessageState): string[] {
  const line = (c: (typeof state.records)[number]) => {
    const member = state.roster.find((x) => x.publicKey === c.record!.signer);
    const titles = member?.titles.length ? ` (${member.titles.join(', ')})` : '';
    return `${KIND_WORDS[c.record!.kind]} by ${c.signerName}${titles}, key ${fingerprint(c.record!.signer)}, on ${longTime(c.record!.time)}`;
  };
  return certificateRows(state).map(line);
}

/** "Exported by Amina Yusuf, Head of Speechwriting, key 0ABCD …, on 2 December 2026, 09:30 UTC". */
export const exportedBy = (m: CopyManifest, exporter: RosterMember): string => `Exported by ${nameAndTitles(exporter)}, key ${fingerprint(exporter.publicKey)}, on ${longTime(m.exportedAt)}`;
