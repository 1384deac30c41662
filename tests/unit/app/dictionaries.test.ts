// Spelling without the network: a missing dictionary is "downloaded" from the app's own folder,
// and the dictionaries the installer carries are put where Chromium looks before it downloads.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumDictionaries, dictionaryDownloadUrl, installDictionaries } from '../../../electron/app/dictionaries';
import { loadConfig } from '../../helpers/packaged';

let folder: string | null = null;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = null;
});

describe('spelling dictionaries', () => {
  it('asks for missing dictionaries from a folder of the app, never a server', () => {
    const url = dictionaryDownloadUrl('/opt/Signet/resources/dictionaries');
    expect(url).toBe('file:///opt/Signet/resources/dictionaries/');
    // Chromium appends the file's name to this address, so it must end with a slash.
    expect(new URL('en-us-10-1.bdic', url).href).toBe('file:///opt/Signet/resources/dictionaries/en-us-10-1.bdic');
  });
  it('copies the shipped dictionaries into Chromium\'s folder once, and nothing else', async () => {
    folder = await mkdtemp(join(tmpdir(), 'signet-dictionaries-'));
    const shipped = join(folder, 'resources');
    await mkdir(shipped);
    await writeFile(join(shipped, 'en-US-10-1.bdic'), 'BDic words');
    await writeFile(join(shipped, 'README.md'), 'not a dictionary');
    const data = join(folder, 'data');
    expect(await installDictionaries(shipped, data)).toEqual(['en-US-10-1.bdic']);
    expect(await readdir(chromiumDictionaries(data))).toEqual(['en-US-10-1.bdic']);
    expect(await readFile(join(chromiumDictionaries(data), 'en-US-10-1.bdic'), 'utf8')).toBe('BDic words');
    expect(await installDictionaries(shipped, data)).toEqual([]);
  });
  it('starts without dictionaries when the installer carries none', async () => {
    folder = await mkdtemp(join(tmpdir(), 'signet-dictionaries-'));
    expect(await installDictionaries(join(folder, 'none'), join(folder, 'data'))).toEqual([]);
  });
  it('is carried by the installer beside the app', () => {
    expect(loadConfig().extraResources).toContainEqual({ from: 'resources/dictionaries', to: 'dictionaries', filter: ['*.bdic'] });
  });
});
