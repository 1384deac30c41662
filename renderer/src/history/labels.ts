// How versions are named on screen: by their name, or by when and why they were recorded.
import type { Language } from '../../../shared/i18n';
import type { Version } from '../../../shared/ipc';
import { versionName } from '../../../shared/version-names';
import { dateLocale, shortTime, type Translate } from '../i18n';

/** The heading of a day in the timeline: Today, Yesterday, or the date. */
export function dayLabel(at: string, language: Language, t: Translate): string {
  const day = new Date(at);
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  const same = (a: Date, b: Date) => a.toDateString() === b.toDateString();
  if (same(day, today)) return t('history.today');
  if (same(day, yesterday)) return t('history.yesterday');
  return day.toLocaleDateString(dateLocale(language), { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' });
}

/** A version's title: its name (an automatic one's in the UI's words), or its time. */
export function versionTitle(v: Version, language: Language): string {
  return versionName(v, language) || shortTime(v.at, language);
}

/** Why an automatic version was recorded ("Restored from “Draft 2”"); empty for a named one. */
export function versionReason(v: Version, all: Version[], language: Language, t: Translate): string {
  if (v.kind === 'named' || v.kind === 'created') return '';
  const source = all.find((s) => s.id === v.source);
  const sourceTitle = source ? `“${versionTitle(source, language)}”` : '';
  return t(`history.kind.${v.kind}`, { source: sourceTitle });
}
