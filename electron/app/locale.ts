// The locale Chromium runs in, chosen before the app is ready (its `--lang` switch). It decides how
// the native date field writes a day and what the renderer's navigator.language says, so that a
// Chinese interface shows 2026/12/31 and a British English one 31/12/2026, never the US order alone.
// Plain Node: no Electron here, so it is tested directly.
import { readFileSync } from 'node:fs';
import type { Language } from '../../shared/i18n';

/** The system's locale where it is a form of the interface's language (en-GB for English), else the interface's. */
export function chromiumLocale(language: Language, system: string): string {
  const tag = system.replace(/_/g, '-').split('.')[0];
  return tag.split('-')[0].toLowerCase() === language.split('-')[0] ? tag : language;
}

/**
 * The interface's language as settings.json holds it, or null when the file is missing, damaged or
 * names none: then Chromium keeps the system's locale, from which the first run picks the language.
 */
export function savedLanguage(settingsFile: string): Language | null {
  try {
    const language: unknown = (JSON.parse(readFileSync(settingsFile, 'utf8')) as { language?: unknown }).language;
    return language === 'zh-CN' || language === 'en' ? language : null;
  } catch {
    return null;
  }
}
