// The verifier page, as the build wrote it (scripts/build-verifier.mjs): one self-contained HTML
// file that checks a copy with the same code as `signet verify`. The command line tool and the
// app copy it where the person asks, written whole or not at all.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../files/message-file';

// Beside the bundle that runs (out/main → out/verifier), or from the sources under test.
const PLACES = ['../verifier/verifier.html', '../../../out/verifier/verifier.html'];

export class VerifierMissing extends Error {
  override name = 'VerifierMissing';
}

/** The page's bytes; refused when this Signet was built without it. */
export async function verifierPage(): Promise<Uint8Array> {
  for (const place of PLACES) {
    const bytes = await readFile(new URL(place, import.meta.url)).catch(() => null);
    if (bytes) return bytes;
  }
  throw new VerifierMissing('this Signet was built without its verifier page (out/verifier/verifier.html): build it with `npm run build`');
}

/** Writes the verifier page to `path` atomically (temp file, flush, rename); returns its size. */
export async function saveVerifier(path: string): Promise<number> {
  const page = await verifierPage();
  await writeFileAtomic(path, page);
  return page.length;
}
