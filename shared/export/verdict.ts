// The verdict on a copy read back: whether it is authentic, each reason it is not, and who stands
// behind it (who approved, who signed, who exported, when), with the reader's member cards when
// they gave some. `signet verify COPY` prints it; the verifier page shows it.
import { fingerprint, type CardMember, type RecordKind } from '../signoff';
import { checkCopy, endorsements, exportedBy } from './check';
import { certificateRows } from './certificate';
import type { CopyFile } from './read-copy';
import { exporterReasons, untrusted } from './trust';
import { englishReason, type Reason } from './reasons';

/** One person behind a copy: what they did, as the copy's roster names them, with their key and when. */
export interface Endorsement {
  kind: RecordKind | 'exported';
  name: string;
  titles: string[];
  fingerprint: string;
  time: string;
}

export interface CopyVerdict {
  authentic: boolean;
  /** Each reason the copy is not authentic, as a sentence (as `signet verify` prints it). */
  problems: string[];
  /** The same reasons, each in any language (the verifier page says them in its own). */
  reasons: Reason[];
  title: string;
  format: CopyFile['format'];
  state: string;
  digest: string;
  /** Who approved and signed, in the order of the certificate, then who exported. */
  people: Endorsement[];
  /** The same, a line each, as `signet verify` prints them. */
  lines: string[];
  chosenAtExport: string[];
  /** A PDF copy: whether its PDF signature holds and covers every byte of the file; null for HTML. */
  wholeFileSigned: boolean | null;
  /** Whether the keys were checked against member cards. */
  cardsChecked: boolean;
}

export function copyVerdict(copy: CopyFile, trusted: { cards: CardMember[]; where: string } | null): CopyVerdict {
  const { manifest } = copy;
  const check = checkCopy(manifest, copy.seen);
  const reasons = [
    ...copy.hazards.map((h) => englishReason(`the page holds ${h}, which a copy exported by Signet never does`)),
    ...check.reasons,
    // Said only when the words and records hold up: otherwise it follows from what is said already.
    ...(copy.markup && !check.problems.length ? [englishReason(copy.markup)] : []),
    ...(trusted ? untrusted(check.state, trusted.cards, trusted.where).map(englishReason) : []),
    ...(trusted && check.exporter ? exporterReasons(check.exporter, manifest.seal?.pdfKey ?? null, trusted.cards, trusted.where) : []),
  ];
  const problems = reasons.map((r) => r.text);
  const people: Endorsement[] = certificateRows(check.state).map((c) => {
    const member = check.state.roster.find((x) => x.publicKey === c.record!.signer);
    return { kind: c.record!.kind, name: c.signerName, titles: member?.titles ?? [], fingerprint: fingerprint(c.record!.signer), time: c.record!.time };
  });
  const lines = endorsements(check.state);
  if (check.exporter) {
    people.push({ kind: 'exported', name: check.exporter.name, titles: check.exporter.titles, fingerprint: fingerprint(check.exporter.publicKey), time: manifest.exportedAt });
    lines.push(exportedBy(manifest, check.exporter));
    if (check.chosenAtExport.length) lines.push(`Chosen at export, and sealed by ${check.exporter.name}: ${check.chosenAtExport.join(', ')}`);
  }
  return {
    authentic: problems.length === 0,
    problems,
    reasons,
    title: manifest.content.title || 'Untitled message',
    format: copy.format,
    state: check.state.state,
    digest: manifest.digest,
    people,
    lines,
    chosenAtExport: check.chosenAtExport,
    wholeFileSigned: 'pages' in copy.seen ? copy.seen.signature.problem === null : null,
    cardsChecked: trusted !== null,
  };
}
