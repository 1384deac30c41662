// The export seal: what the person exporting chose (the template, the letterhead, the place, the
// date line, the closing, the pictures, the page size) and which text and time the copy shows,
// signed with their Ed25519 key. Approvals and the signature vouch for the words; the seal vouches
// for everything else on the page, and names the key that signs a PDF copy as a whole (PAdES).
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { fingerprint, verifyEd25519, type MessageState, type RosterMember, type Signer } from '../signoff';
import type { CopyManifest, ExportSeal } from './manifest';
import { reason, type Reason } from './reasons';

const DOMAIN = 'signet-export-seal-1\n';

/**
 * The bytes a seal signs: a domain line, then JSON of each choice in a fixed order, built from the
 * parsed fields only, so that nothing unsigned rides along.
 */
export function sealBytes(m: CopyManifest, seal: Pick<ExportSeal, 'signer' | 'pdfKey'>): Uint8Array {
  // links is undefined (and so left out of the JSON) on copies before signet-copy-3, whose seals did not name it.
  const { template, pageSize, organisation, place, date, closing, language, links } = m.layout;
  const version = (v: CopyManifest['version'] | undefined) => (v ? { id: v.id, name: v.name, at: v.at } : null);
  const fields = {
    format: m.format,
    kind: m.kind,
    messageId: m.messageId,
    digest: m.digest,
    version: version(m.version),
    comparison: m.comparison ? { from: version(m.comparison.from), to: version(m.comparison.to) } : null,
    exportedAt: m.exportedAt,
    layout: { template, pageSize, organisation, place, date, closing, language, links },
    images: { logo: m.images.logo, signature: m.images.signature },
    signer: seal.signer,
    pdfKey: seal.pdfKey,
  };
  return utf8ToBytes(DOMAIN + JSON.stringify(fields));
}

/** The manifest sealed by `signer`, the person exporting it. */
export function sealManifest(m: CopyManifest, signer: Signer, pdfKey: string | null): CopyManifest {
  const body = { signer: signer.publicKey, pdfKey };
  return { ...m, seal: { ...body, signature: bytesToHex(signer.sign(sealBytes(m, body))) } };
}

/** Who exported a copy, as its roster names them: the seal verifies and its key is on the roster. */
export type SealCheck = { exporter: RosterMember; problem: null; reason: null } | { exporter: null; problem: string; reason: Reason };

const refused = (r: Reason): SealCheck => ({ exporter: null, problem: r.text, reason: r });

export function checkSeal(m: CopyManifest, state: MessageState): SealCheck {
  const seal = m.seal;
  if (!seal) return refused(reason('reason.noSeal'));
  let valid = false;
  try {
    valid = verifyEd25519(hexToBytes(seal.signature), sealBytes(m, seal), seal.signer);
  } catch {
    valid = false;
  }
  if (!valid) return refused(reason('reason.badSeal'));
  const exporter = state.roster.find((x) => x.publicKey === seal.signer);
  if (!exporter) return refused(reason('reason.sealKey', { key: fingerprint(seal.signer) }));
  return { exporter, problem: null, reason: null };
}
