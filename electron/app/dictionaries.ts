// Spelling dictionaries without the network. macOS and Windows check spelling with the OS's own
// checker; on Linux Chromium uses Hunspell dictionaries in its binary .bdic form, which it would
// download from Google's servers. Signet points that download at its own folder instead, and
// copies the dictionaries the installer carries into the folder where Chromium looks first.
// Plain Node: the unit tests run it.
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where Chromium keeps the dictionaries it has, inside the app's data folder. */
export const chromiumDictionaries = (userData: string) => join(userData, 'Dictionaries');

/** The download address for a missing dictionary: the app's own folder, so nothing is fetched. */
export const dictionaryDownloadUrl = (shipped: string) => `${pathToFileURL(shipped).href}/`;

/** Copies each shipped .bdic file Chromium does not have yet; returns the names copied. */
export async function installDictionaries(shipped: string, userData: string): Promise<string[]> {
  const names = (await readdir(shipped).catch(() => [] as string[])).filter((name) => name.endsWith('.bdic'));
  const target = chromiumDictionaries(userData);
  await mkdir(target, { recursive: true });
  const copied: string[] = [];
  for (const name of names) {
    const [have, ours] = await Promise.all([stat(join(target, name)).catch(() => null), stat(join(shipped, name))]);
    if (have?.size === ours.size) continue;
    await copyFile(join(shipped, name), join(target, name));
    copied.push(name);
  }
  return copied;
}
