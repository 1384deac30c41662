// The notice a message made from a Word file opens with, in English and in Chinese.
import { describe, expect, it } from 'vitest';
import { translate, type Language } from '../../../shared/i18n';
import type { WordImportSummary } from '../../../shared/document';
import { wordNotice } from '../../../renderer/src/library/word-notice';

const none = { images: 0, tables: 0, textBoxes: 0, fields: 0, headers: 0, footers: 0, footnotes: 0, endnotes: 0, equations: 0, paragraphChanges: 0 };
const t = (language: Language) => (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate(language, key, values);

describe('the notice of a Word import', () => {
  const review: WordImportSummary = { file: 'budget.docx', suggestions: 3, threads: 2, replies: 1, people: ['Ben Okafor', 'Carmen Ruiz'], done: 1, leftOut: { ...none, images: 2, tables: 1, fields: 1 } };
  it('says what came in and what did not, in English', () => {
    expect(wordNotice(review, t('en'))).toBe(
      'From “budget.docx”: 3 suggestions, 2 comment threads, 1 reply; by Ben Okafor, Carmen Ruiz. 1 thread marked done in Word is open here. 2 images, 1 table were not imported. 1 field (a page number, date or the like) was kept as plain words.',
    );
  });
  it('and in Chinese', () => {
    expect(wordNotice(review, t('zh-CN'))).toBe('来自“budget.docx”：3 条修改建议，2 条批注，1 条回复；作者：Ben Okafor，Carmen Ruiz。 其中 1 条批注在 Word 中已标为完成，在此仍未解决。 2 张图片，1 个表格未能导入（共 3 项）。 1 个域（页码、日期等）以纯文字保留。');
  });
  it('says nothing when the file was plain words', () => {
    expect(wordNotice({ ...review, suggestions: 0, threads: 0, replies: 0, people: [], done: 0, leftOut: none }, t('en'))).toBeNull();
  });
});
