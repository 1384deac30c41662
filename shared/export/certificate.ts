// The certificate that ends a final copy (manifest format signet-copy-2): what the text is, when
// and by whom the copy was exported, and each approval and the signature, one step a paragraph so
// that a PDF reader's copy and pdftotext read it in order, with every key fingerprint whole on one
// line. Its words belong to the format: changing them needs a new one (see render.ts).
import { fingerprint, type CheckedRecord, type MessageState, type RosterMember } from '../signoff';
import { isFormatSince, type CopyManifest } from './manifest';
import { h, type Child, type Element } from './tree';
import { copyWords, type CopyWords } from './words';

/** The records a certificate lists: the approvals that count, and the signature once signed. */
export const certificateRows = (state: MessageState): CheckedRecord[] => [...state.approvals, ...(state.state === 'Signed' && state.signature ? [state.signature] : [])];

/** A digest in groups of four, to read and compare. */
export const grouped = (digest: string): string => digest.replace(/(.{4})(?=.)/g, '$1 ');

/** "Amina Yusuf, Head of Speechwriting": a person as the roster names them. */
export const nameAndTitles = (member: Pick<RosterMember, 'name' | 'titles'>): string => [member.name, ...member.titles].join(', ');

/** What the copy's text is, in words: the version exported, or the text as it stood. */
export const copyTextWords = (m: CopyManifest, words: CopyWords = copyWords(m)): string => (m.version ? words.certificate.version(m.version.name, m.version.at) : words.certificate.asExported);

/** Which text a step was about: every step a certificate lists is about the text of this copy, its digest above. */
export const stepTextWords = (m: CopyManifest, c: CheckedRecord, words: CopyWords = copyWords(m)): string =>
  c.record!.digest === m.digest ? words.certificate.thisText : words.certificate.otherText(grouped(c.record!.digest.slice(0, 16)));

const fingerprintNode = (publicKey: string): Element => h('span', { class: 'fingerprint' }, fingerprint(publicKey));

function step(m: CopyManifest, c: CheckedRecord, roster: RosterMember[], words: CopyWords): Element {
  const r = c.record!;
  const member = roster.find((x) => x.publicKey === r.signer);
  const who = member ? nameAndTitles(member) : c.signerName;
  const signed = r.kind === 'signed';
  const [what, rest] = words.certificate.step(signed);
  return h(
    'li',
    {},
    h('p', { class: 'who' }, h('strong', {}, what), rest(who, words.time(r.time))),
    h('p', { class: 'key' }, words.certificate.key, fingerprintNode(r.signer)),
    h('p', { class: 'about' }, `${words.certificate.about(signed)}${stepTextWords(m, c, words)}`),
  );
}

/** The certificate; `exporter` is who sealed the export, as the roster names them (null when nobody on it did). */
export function certificate(m: CopyManifest, state: MessageState, exporter: RosterMember | null): Element {
  const words = copyWords(m);
  const w = words.certificate;
  const field = (label: string, ...value: Child[]) => [h('dt', {}, label), h('dd', {}, ...value)];
  return h(
    'section',
    { class: 'certificate' },
    h('h2', {}, w.title(state.state === 'Signed')),
    h(
      'dl',
      {},
      ...field(w.message, m.content.title || words.untitled),
      ...field(w.messageId, m.messageId),
      ...field(w.text, w.shows(copyTextWords(m, words))),
      ...field(w.digest, h('span', { class: 'digest' }, grouped(m.digest))),
      ...field(w.state, w.states[state.state] ?? state.state),
      ...field(w.exportedOn, words.time(m.exportedAt)),
      ...(exporter ? field(w.exportedBy, nameAndTitles(exporter)) : []),
      ...(exporter ? field(w.exporterKey, fingerprintNode(exporter.publicKey)) : []),
    ),
    h('ol', { class: 'steps' }, ...certificateRows(state).map((c) => step(m, c, state.roster, words))),
    h('p', { class: 'how' }, isFormatSince(m, 'signet-copy-4') ? w.howAnywhere : w.how),
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
