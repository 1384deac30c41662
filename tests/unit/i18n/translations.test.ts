// Every word of the interface has its Simplified Chinese translation: a key added in English alone
// fails here (and in TypeScript), so the Chinese interface never mixes in English words.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues, translate, type MessageKey } from '../../../shared/i18n';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Words that are the same in both languages: names and a file format. */
const SAME = new Set<MessageKey>(['app.name', 'export.pdf', 'verifier.format.pdf', 'verifier.format.html']);
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)/g)].map((m) => m[1]))].sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the interface in Simplified Chinese', () => {
  const en = catalogues.en;
  const zh = catalogues['zh-CN'];
  const keys = Object.keys(en) as MessageKey[];

  it('translates every key, into words of its own, with the same values to fill in', () => {
    const missing = keys.filter((k) => typeof zh[k] !== 'string' || !zh[k].trim());
    expect(missing, 'keys with no Chinese translation').toEqual([]);
    const untranslated = keys.filter((k) => !SAME.has(k) && zh[k] === en[k]);
    expect(untranslated, 'keys whose Chinese is the English').toEqual([]);
    const mismatched = keys.filter((k) => placeholders(zh[k]).join() !== placeholders(en[k]).join());
    expect(mismatched, 'keys whose Chinese fills in other values than the English').toEqual([]);
    expect(Object.keys(zh).filter((k) => !(k in en)), 'Chinese keys no English has').toEqual([]);
  });

  it('has every key the interface asks for, in both languages', () => {
    const asked = new Set<string>();
    for (const file of sources(join(ROOT, 'renderer/src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-z][\w.-]*)'/g)) asked.add(m[1]);
    }
    expect(asked.size).toBeGreaterThan(100);
    expect([...asked].filter((k) => !(k in en))).toEqual([]);
  });

  it('says counts in the right form, and the speaking time in Chinese', () => {
    expect(translate('en', 'status.selection', { w: 1, c: 5 })).toBe('Selection: 1 word, 5 characters');
    expect(translate('en', 'status.words', { n: '1,000' })).toBe('1,000 words');
    expect(translate('en', 'status.words', { n: 1 })).toBe('1 word');
    expect(translate('zh-CN', 'status.speaking', { t: translate('zh-CN', 'time.seconds', { s: 18 }) })).toBe('演讲 18 秒');
    expect(translate('zh-CN', 'review.send')).not.toMatch(/[A-Za-z]/);
  });
});
