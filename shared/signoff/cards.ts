// Member cards: who a person is, their public key and their PDF signing key, signed with that
// key, so that a card whose name, titles or PDF key were edited no longer reads. The app and the
// command line make and read them; the verifier page reads the cards a reader drops beside a copy.
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { checkMember, type Member } from './members';
import { type Signer, verifyEd25519 } from './records';

const CARD_FORMAT = 'signet-member-card-2';
/** Cards before issue 13 were not signed, so an edited one could not be told from the real one. */
const UNSIGNED_CARD_FORMAT = 'signet-member-card-1';

/** A person's PDF signing key as their card carries it: the P-256 public key (hex) and its self-signed certificate (base64 DER). */
export interface CardPdfKey {
  pdfKey: string;
  pdfCertificate: string;
}

/** A member as a card names them, with the PDF signing key when the card carries one. */
export type CardMember = Member & { pdfKey?: string };

/** The bytes a card's signature covers: its format line, then its details (and its PDF key, when it has one) in a fixed order. */
function cardBytes(member: Member, pdf?: CardPdfKey): Uint8Array {
  const { name, titles, organisation, email, publicKey } = member;
  const extra = pdf ? { pdfKey: pdf.pdfKey, pdfCertificate: pdf.pdfCertificate } : {};
  return new TextEncoder().encode(`${CARD_FORMAT}\n${JSON.stringify({ name, titles, organisation, email, publicKey, ...extra })}`);
}

/**
 * The card a person gives others so they can put them on a roster: who they are, their public
 * key and their PDF signing key, signed with that key, so that a card whose name, titles or PDF
 * key were edited no longer reads.
 */
export function memberCard(member: Member, signer: Signer, pdf?: CardPdfKey): string {
  if (signer.publicKey !== member.publicKey) throw new Error('A member card must be signed by its own key.');
  const { name, titles, organisation, email, publicKey } = member;
  const extra = pdf ? { pdfKey: pdf.pdfKey, pdfCertificate: pdf.pdfCertificate } : {};
  const signature = bytesToHex(signer.sign(cardBytes(member, pdf)));
  return `${JSON.stringify({ format: CARD_FORMAT, name, titles, organisation, email, publicKey, ...extra, signature }, null, 2)}\n`;
}

/** Reads someone's card, saying everything that is wrong with a bad one; an edited card is refused. */
export const readMemberCard = (text: string): Member => {
  // A contact is who the card names; the PDF signing key is for checking copies (readCard).
  const { pdfKey: _pdfKey, ...member } = readCard(text);
  return member;
};

/** The PDF signing key a card carries, if any; a malformed one makes the card invalid. */
function pdfKeyOf(raw: Record<string, unknown>): CardPdfKey | undefined {
  if (raw.pdfKey === undefined && raw.pdfCertificate === undefined) return undefined;
  if (typeof raw.pdfKey !== 'string' || !/^04[0-9a-f]{128}$/.test(raw.pdfKey)) throw new Error('The member card is not valid: its PDF signing key is not a P-256 public key.');
  if (typeof raw.pdfCertificate !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(raw.pdfCertificate)) throw new Error('The member card is not valid: its PDF certificate is missing or not base64.');
  return { pdfKey: raw.pdfKey, pdfCertificate: raw.pdfCertificate };
}

/** Reads someone's card with the PDF signing key it carries, if any; an edited card is refused. */
export function readCard(text: string): CardMember {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('This is not a member card: it is not JSON.');
  }
  if (raw?.format === UNSIGNED_CARD_FORMAT) {
    throw new Error('This member card was made by an older Signet and is not signed by its key, so an edited card could pass for it: ask its owner for a new one.');
  }
  if (raw?.format !== CARD_FORMAT) throw new Error(`This is not a Signet member card (its format is not "${CARD_FORMAT}").`);
  // Accept a key written in upper case; everything after compares lower-case hex.
  const key = typeof raw.publicKey === 'string' ? raw.publicKey.trim().toLowerCase() : raw.publicKey;
  const { member, problems } = checkMember({ ...raw, publicKey: key });
  if (!member) throw new Error(`The member card is not valid: ${problems.join('; ')}.`);
  const pdf = pdfKeyOf(raw);
  const signature = typeof raw.signature === 'string' && /^[0-9a-f]{128}$/.test(raw.signature) ? raw.signature : null;
  let genuine = false;
  try {
    genuine = !!signature && verifyEd25519(hexToBytes(signature), cardBytes(member, pdf), member.publicKey);
  } catch {
    genuine = false;
  }
  if (!genuine) throw new Error("The member card was changed after its owner signed it, or was never signed by its key: what it says is not what its key's owner wrote.");
  return pdf ? { ...member, pdfKey: pdf.pdfKey } : member;
}
