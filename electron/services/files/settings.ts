// The person's settings, one JSON file in the app's data folder, written atomically.
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Settings } from '../../../shared/ipc';
import { DEFAULT_PACE } from '../../../shared/document';
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
    let saved: Record<string, unknown> = {};
    try {
      saved = JSON.parse(await fs.readFile(this.file, 'utf8')) ?? {};
    } catch {
      // No settings yet, or a damaged file: the defaults stand in, and the app starts.
    }
    // Each setting is checked on its own, so one bad value does not cost the others (the library folder).
    const valid = Object.entries(Settings.shape).flatMap(([key, schema]) => {
      const parsed = schema.safeParse(saved[key]);
      return saved[key] !== undefined && parsed.success ? [[key, parsed.data]] : [];
    });
    const current: Settings = { ...this.defaults, ...Object.fromEntries(valid) };
    this.current = current;
    return current;
  }

  async set(change: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...(await this.get()), ...change });
    await writeFileAtomic(this.file, Buffer.from(JSON.stringify(next, null, 2)));
    this.current = next;
    return next;
  }
}
