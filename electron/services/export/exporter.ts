// The person exporting a copy: their Ed25519 key, which seals what they chose.
import type { Signer } from '../../../shared/signoff';
import type { Exporter } from './make-copy';

/** The exporter whose key is `signer`. */
export async function exporterFromSigner(signer: Signer): Promise<Exporter> {
  return { signer };
}
