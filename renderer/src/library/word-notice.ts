// What a Word file brought into a new message, said in the interface's language: what came in
// ("From “budget.docx”: 3 suggestions, 2 comment threads, 1 reply; by Ben Okafor, Carmen Ruiz")
// and what did not ("1 image, 1 table were not imported").
import { WORD_LEFT_OUT, type WordImportSummary } from '../../../shared/document';
import type { Translate } from '../i18n';

export function wordNotice(s: WordImportSummary, t: Translate): string | null {
  const came = [
    s.suggestions > 0 && t('review.suggestions', { n: s.suggestions }),
    s.threads > 0 && t('word.threads', { n: s.threads }),
    s.replies > 0 && t('review.replies', { n: s.replies }),
  ].filter((part): part is string => !!part);
  const sentences: string[] = [];
  if (came.length) {
    const by = t('word.by', { people: s.people.join(t('list.separator')) });
    sentences.push(t('word.imported', { file: s.file, summary: [came.join(t('list.separator')), by].join(t('clause.separator')) }));
  }
  if (s.done > 0) sentences.push(t('word.done', { n: s.done }));
  const left = WORD_LEFT_OUT.filter((key) => s.leftOut[key] > 0);
  if (left.length) {
    const total = left.reduce((n, key) => n + s.leftOut[key], 0);
    sentences.push(t('word.notImported', { items: left.map((key) => t(`word.${key}`, { n: s.leftOut[key] })).join(t('list.separator')), n: total }));
  }
  if (s.leftOut.fields > 0) sentences.push(t('word.fields', { n: s.leftOut.fields }));
  if (s.leftOut.paragraphChanges > 0) sentences.push(t('word.paragraphChanges', { n: s.leftOut.paragraphChanges }));
  return sentences.length ? sentences.join(' ') : null;
}
