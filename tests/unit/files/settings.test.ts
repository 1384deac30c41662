import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SettingsStore, defaultSettings } from '../../../electron/services/files/settings';

it('keeps every valid setting when one is damaged, and starts from defaults when the file is unreadable', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'signet-settings-'));
  try {
    const file = join(dir, 'settings.json');
    const defaults = defaultSettings(dir);
    await writeFile(file, JSON.stringify({ libraryFolder: '/srv/speeches', wordsPerMinute: -5, name: 'Ada' }));
    expect(await new SettingsStore(file, defaults).get()).toEqual({ ...defaults, libraryFolder: '/srv/speeches', name: 'Ada' });
    await writeFile(file, '{ not json');
    expect(await new SettingsStore(file, defaults).get()).toEqual(defaults);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
