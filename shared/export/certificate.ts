// The certificate that ends a final copy (manifest format signet-copy-2): what the text is, when
// and by whom the copy was exported, and each approval and the signature, one step a paragraph so
// that a PDF reader's copy and pdftotext read it in order, with every key fingerprint whole on one
// line. Its words belong to the format: changing them needs a new one (see render.ts).
import { fingerprint, type CheckedRecord, type MessageState, type RosterMember } from '../signoff';
import { longTime } from './layout';
import type { CopyManifest } from './manifest';
import { h, type Child, type Element } from './tree';

/** The records a certificate lists: the approvals that count, and the signature once signed. */
export const certificateRows = (state: MessageState): CheckedRecord[] => [...state.approvals, ...(state.state === 'Signed' && state.signature ? [state.signature] : [])];

/** A digest in groups of four, to read and compare. */
export const grouped = (digest: string): string => digest.replace(/(.{4})(?=.)/g, '$1 ');

/** "Amina Yusuf, Head of Speechwriting": a person as the roster names them. */
export const nameAndTitles = (member: Pick<RosterMember, 'name' | 'titles'>): string => [member.name, ...member.titles].join(', ');

/** What the copy's text is, in words: the version exported, or the text as it stood. */
export const copyTextWords = (m: CopyManifest): string => (m.version ? `the version${m.version.name ? ` “${m.version.name}”` : ''} saved on ${longTime(m.version.at)}` : `the message as it stood when this copy was exported`);

/** Which text a step was about: every step a certificate lists is about the text of this copy, its digest above. */
export const stepTextWords = (m: CopyManifest, c: CheckedRecord): string => (c.record!.digest === m.digest ? 'the text of this copy (its digest above)' : `another text, digest ${grouped(c.record!.digest.slice(0, 16))} …`);

const fingerprintNode = (publicKey: string): Element => h('span', { class: 'fingerprint' }, fingerprint(publicKey));

function step(m: CopyManifest, c: CheckedRecord, roster: RosterMember[]): Element {
  const r = c.record!;
  const member = roster.find((x) => x.publicKey === r.signer);
  const who = member ? nameAndTitles(member) : c.signerName;
  return h(
    'li',
    {},
    h('p', { class: 'who' }, h('strong', {}, r.kind === 'signed' ? 'Signed' : 'Approved'), ` by ${who}, on ${longTime(r.time)}`),
    h('p', { class: 'key' }, 'Key fingerprint: ', fingerprintNode(r.signer)),
    h('p', { class: 'about' }, `Text ${r.kind === 'signed' ? 'signed' : 'approved'}: ${stepTextWords(m, c)}`),
  );
}

const HOW =
  'To check this copy: open the PDF in a reader that shows signatures (Adobe Acrobat Reader, Preview) and look at its signature panel, which shows who exported it and that the file is unchanged since; or run “signet verify” on the file, which recomputes the digest from the text in the copy’s manifest, checks that these pages show that text, and verifies each signature with the key whose fingerprint is shown.';

/** The certificate; `exporter` is who sealed the export, as the roster names them (null when nobody on it did). */
export function certificate(m: CopyManifest, state: MessageState, exporter: RosterMember | null): Element {
  const field = (label: string, ...value: Child[]) => [h('dt', {}, label), h('dd', {}, ...value)];
  return h(
    'section',
    { class: 'certificate' },
    h('h2', {}, state.state === 'Signed' ? 'Certificate of approval and signature' : 'Certificate of approval'),
    h(
      'dl',
      {},
      ...field('Message', m.content.title || 'Untitled message'),
      ...field('Message id', m.messageId),
      ...field('Text', `This copy shows ${copyTextWords(m)}.`),
      ...field('Digest of the text (SHA-256)', h('span', { class: 'digest' }, grouped(m.digest))),
      ...field('State', state.state),
      ...field('Exported on', longTime(m.exportedAt)),
      ...(exporter ? field('Exported by', nameAndTitles(exporter)) : []),
      ...(exporter ? field('Exporter’s key', fingerprintNode(exporter.publicKey)) : []),
    ),
    h('ol', { class: 'steps' }, ...certificateRows(state).map((c) => step(m, c, state.roster))),
    h('p', { class: 'how' }, HOW),
  );
}

/** The certificate's look (signet-copy-2): a fingerprint or digest never breaks inside a group, a fingerprint never at all. */
export const CERTIFICATE_CSS = `
.certificate .steps { list-style: none; margin: 0 0 7mm; padding: 0; }
.certificate .steps li { border-top: 0.5pt solid #999; padding: 2mm 0; break-inside: avoid; }
.certificate .steps li:last-child { border-bottom: 0.5pt solid #999; }
.certificate .steps p { margin: 0; }
.certificate .fingerprint { white-space: nowrap; font-variant-numeric: tabular-nums; letter-spacing: 0.03em; user-select: all; }
.certificate .digest { user-select: all; }`;
