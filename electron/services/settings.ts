// The person's settings, one JSON file in the app's data folder, written atomically.
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Settings } from '../../shared/ipc';
import { DEFAULT_PACE } from '../../shared/counts';
import { writeFileAtomic } from './message-file';

export function defaultSettings(documentsFolder = join(homedir(), 'Documents'), locale = 'en'): Settings {
  return {
    libraryFolder: join(documentsFolder, 'Signet'),
    name: '',
    jobTitle: '',
    wordsPerMinute: DEFAULT_PACE.wordsPerMinute,
    cjkCharactersPerMinute: DEFAULT_PACE.cjkCharactersPerMinute,
    language: locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en',
    spellcheckLanguage: locale || 'en-US',
  };
}

export class SettingsStore {
  private current: Settings | null = null;

  constructor(
    private readonly file: string,
    private readonly defaults: Settings,
  ) {}

  async get(): Promise<Settings> {
    if (this.current) return this.current;
    try {
      const parsed = Settings.partial().safeParse(JSON.parse(await fs.readFile(this.file, 'utf8')));
      // A damaged settings file falls back to the defaults rather than stopping the app.
      this.current = { ...this.defaults, ...(parsed.success ? parsed.data : {}) };
    } catch {
      this.current = { ...this.defaults };
    }
    return this.current;
  }

  async set(change: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...(await this.get()), ...change });
    await writeFileAtomic(this.file, Buffer.from(JSON.stringify(next, null, 2)));
    this.current = next;
    return next;
  }
}
