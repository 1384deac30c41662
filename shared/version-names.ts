// The words an automatic version is named with, in the reader's language. The version stores its
// English name (what older Signets and the command line show) and, in `source`, what made it, so a
// Chinese reader sees "Carmen Ruiz 已签署" rather than "Signed by Carmen Ruiz".
import type { Version } from './history';
import { translate, type Language, type MessageKey } from './i18n';
import { RECORD_KINDS, type RecordKind } from './signoff';

/** What `source` holds for a version made by a sign-off step, and by sending a review copy. */
export const stepSource = (kind: RecordKind): string => `step:${kind}`;
export const reviewSource = (to: string): string => `review:${to}`;
export const wordReviewSource = (to: string): string => `review-word:${to}`;

const TEMPLATES = ['blank', 'letter', 'speech', 'new-year'] as const;

/** The version's name in `language`: its own name for a named one, the words of what made it for an automatic one. */
export function versionName(v: Pick<Version, 'kind' | 'name' | 'source' | 'author'>, language: Language): string {
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(language, key, values);
  const source = v.source ?? '';
  if (v.kind === 'created' && source) {
    const template = /^template:(.+)$/.exec(source)?.[1];
    if (!template) return t('history.created.file', { file: source });
    return t('history.created.template', { template: (TEMPLATES as readonly string[]).includes(template) ? t(`template.${template as (typeof TEMPLATES)[number]}`) : template });
  }
  if (v.kind === 'workflow') {
    const step = /^step:(.+)$/.exec(source)?.[1];
    if (step && (RECORD_KINDS as readonly string[]).includes(step)) return t('history.step', { what: t(`record.${step as RecordKind}`), name: v.author.name });
    if (source.startsWith('review:')) return t('history.sentTo', { to: source.slice('review:'.length) });
    if (source.startsWith('review-word:')) return t('history.sentToWord', { to: source.slice('review-word:'.length) });
  }
  return v.name;
}
