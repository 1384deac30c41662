// `signet verify --cards PATH`: the member cards whose keys the reader already trusts, read from a
// file or a folder. What they bear out of a message or a copy is decided in shared/export/trust.ts,
// which the verifier page uses too.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegularFile } from '../services/files/regular-file';
import { readCard, type CardMember } from '../services/signoff/keys';
import { CliError, EXIT, pathError } from './errors';

const CARD = '.signet-card';

/** The member cards at `path`: one card, or every card in a folder. */
export async function readCards(path: string): Promise<CardMember[]> {
  const info = await stat(path).catch((error: unknown) => {
    throw pathError(error, path, 'read');
  });
  const files = info.isDirectory() ? (await readdir(path)).filter((name) => name.endsWith(CARD)).map((name) => join(path, name)) : [path];
  if (!files.length) throw new CliError(`${path} holds no member cards (files ending ${CARD})`, EXIT.usage);
  return Promise.all(
    files.map(async (file) => {
      const bytes = await readRegularFile(file).catch((error: unknown) => Promise.reject(pathError(error, file, 'read')));
      try {
        return readCard(bytes.toString('utf8'));
      } catch (error) {
        throw new CliError(`${file}: ${(error as Error).message.replace(/\.$/, '')}`, EXIT.usage);
      }
    }),
  );
}

export { untrusted, untrustedExporter } from '../../shared/export';
