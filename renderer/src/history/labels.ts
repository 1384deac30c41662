// How versions are named on screen: by their name, or by when and why they were recorded.
import type { Language } from '../../../shared/i18n';
import type { Version } from '../../../shared/ipc';
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

/** A version's title: its name (the first version's in the UI's words), or its time. */
export function versionTitle(v: Version, language: Language, t: Translate): string {
  if (v.kind === 'created' && v.source) {
    const template = /^template:(.+)$/.exec(v.source)?.[1];
    if (!template) return t('history.created.file', { file: v.source });
    const key = `template.${template}` as const;
    return t('history.created.template', { template: key in TEMPLATE_KEYS ? t(key as TemplateKey) : template });
  }
  return v.name || shortTime(v.at, language);
}

const TEMPLATE_KEYS = { 'template.blank': 1, 'template.letter': 1, 'template.speech': 1, 'template.new-year': 1 } as const;
type TemplateKey = keyof typeof TEMPLATE_KEYS;

/** Why an automatic version was recorded ("Restored from “Draft 2”"); empty for a named one. */
export function versionReason(v: Version, all: Version[], language: Language, t: Translate): string {
  if (v.kind === 'named' || v.kind === 'created') return '';
  const source = all.find((s) => s.id === v.source);
  const sourceTitle = source ? `“${versionTitle(source, language, t)}”` : '';
  return t(`history.kind.${v.kind}`, { source: sourceTitle });
}
