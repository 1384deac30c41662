// The settings store as the main process uses it: the same file, and word when the person
// switches the interface's language, so the native menus follow at once. Plain Node.
import type { Language } from '../../shared/i18n';
import type { Settings } from '../../shared/ipc';
import { SettingsStore } from '../services/files/settings';

export class AppSettings extends SettingsStore {
  private readonly listeners = new Set<(language: Language) => void>();

  /** Calls `listener` with the new language after each switch. */
  onLanguage(listener: (language: Language) => void): void {
    this.listeners.add(listener);
  }

  override async set(change: Partial<Settings>): Promise<Settings> {
    const before = (await this.get()).language;
    const next = await super.set(change);
    if (next.language !== before) for (const listener of this.listeners) listener(next.language);
    return next;
  }
}
