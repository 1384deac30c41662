import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { translate, type Language, type MessageKey } from '../../shared/i18n';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const LanguageContext = createContext<Language>('en');

export function LanguageProvider({ language, children }: { language: Language; children: ReactNode }) {
  return <LanguageContext.Provider value={language}>{children}</LanguageContext.Provider>;
}

export function useT(): Translate {
  const language = useContext(LanguageContext);
  // One function per language, so components can list it as a dependency.
  return useCallback((key, values) => translate(language, key, values), [language]);
}

/**
 * The locale dates are written in: the system's where it is a form of the UI's language (en-GB for
 * English: "12 Dec 2026", not the US "Dec 12"), else the UI's language.
 */
export function dateLocale(language: Language): string {
  const system = typeof navigator === 'undefined' ? '' : navigator.language;
  return system.split('-')[0] === language.split('-')[0] ? system : language;
}

/** "12 Dec 2026, 14:05" in the UI's language. */
export function useFormatDate(): (iso: string) => string {
  const language = useContext(LanguageContext);
  return (iso) =>
    new Date(iso).toLocaleString(dateLocale(language), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A speaking time in the UI's words: "2 min 05 s", "2 分 05 秒". */
export function speakingTime(seconds: number, t: Translate): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? t('time.minutes', { m, s: String(s).padStart(2, '0') }) : t('time.seconds', { s });
}

/** A language tag by its name in the UI's language: "en-GB" is "British English" or "英语（英国）". */
export function languageName(tag: string, language: Language): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The UI's language, for formatting dates and numbers. */
export function useLanguage(): Language {
  return useContext(LanguageContext);
}

/** "12 Dec, 14:05" (the year only when it is not this year): when a version or comment was made. */
export function shortTime(at: string, language: Language): string {
  const date = new Date(at);
  const thisYear = date.getFullYear() === new Date().getFullYear();
  return date.toLocaleString(dateLocale(language), { day: 'numeric', month: 'short', year: thisYear ? undefined : 'numeric', hour: '2-digit', minute: '2-digit' });
}
