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

/** "12 Dec 2026, 14:05" in the UI's language. */
export function useFormatDate(): (iso: string) => string {
  const language = useContext(LanguageContext);
  return (iso) =>
    new Date(iso).toLocaleString(language, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The UI's language, for formatting dates and numbers. */
export function useLanguage(): Language {
  return useContext(LanguageContext);
}

/** "12 Dec, 14:05" (the year only when it is not this year): when a version or comment was made. */
export function shortTime(at: string, language: Language): string {
  const date = new Date(at);
  const thisYear = date.getFullYear() === new Date().getFullYear();
  return date.toLocaleString(language, { day: 'numeric', month: 'short', year: thisYear ? undefined : 'numeric', hour: '2-digit', minute: '2-digit' });
}
