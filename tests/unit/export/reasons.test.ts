// A forged copy's reasons in the verifier page's language: the page says them in Chinese, while
// `signet verify` prints the English sentences it always printed (what the verdict's problems are).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exporterFromSigner } from '../../../electron/services/export/exporter';
import { htmlCopy } from '../../../electron/services/export/make-copy';
import { readCopyBytes } from '../../../electron/services/export/read-copy';
import { copyVerdict, defaultLayout, reasonIn, reasonWords } from '../../../shared/export';
import { AMINA, EXPORTED_AT, PNG, message } from '../../helpers/export';

const doc = message({ title: 'New Year message', upTo: 'Signed', blocks: [{ kind: 'paragraph', text: 'Good evening, dear fellow citizens. The spring floods tested us.' }] });
const layout = { ...defaultLayout(doc, 'letter'), place: 'Aldport', date: '2026-12-31' };
const exporter = await exporterFromSigner(AMINA.signer, AMINA.member);
const { html } = htmlCopy(doc, { format: 'html', layout, at: EXPORTED_AT, logo: readFileSync(PNG) }, exporter);

/** The copy with `edit` made to it, read back and judged as signet verify judges it. */
const judged = async (edit: (html: string) => string) => copyVerdict(await readCopyBytes(new TextEncoder().encode(edit(html)), 'copy.html'), null);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join();

describe('the reasons a copy fails, in the reader\'s language', () => {
  it('every reason with words of its own has them in Chinese, with the same values to fill in', () => {
    for (const [key, words] of Object.entries(reasonWords)) {
      expect(words['zh-CN'], key).not.toBe(words.en);
      expect(/[\u4e00-\u9fff]/.test(words['zh-CN']), key).toBe(true);
      expect(placeholders(words['zh-CN']), key).toBe(placeholders(words.en));
    }
  });

  it('a word changed on the page: English as signet verify prints it, Chinese on the Chinese page', async () => {
    const body = html.indexOf('<body');
    const verdict = await judged((h) => h.slice(0, body) + h.slice(body).replace('spring floods', 'spring fires'));
    expect(verdict.authentic).toBe(false);
    expect(verdict.problems).toEqual(verdict.reasons.map((r) => r.text));
    const words = verdict.reasons.find((r) => r.key === 'reason.words')!;
    expect(words.text).toMatch(/^the words on the page are not the manifest's text: the manifest has “….*floods.*…” where the page has “….*fires.*…”$/);
    expect(reasonIn('en', words)).toBe(words.text);
    expect(reasonIn('zh-CN', words)).toMatch(/^页面上的文字不是清单中的文本：清单中为“….*floods.*…”，页面上却是“….*fires.*…”$/);
  });

  it('the export seal taken out: the reason in Chinese, the CLI\'s sentence unchanged', async () => {
    const read = await readCopyBytes(new TextEncoder().encode(html), 'copy.html');
    const verdict = copyVerdict({ ...read, manifest: { ...read.manifest, seal: undefined } }, null);
    const seal = verdict.reasons.find((r) => r.key === 'reason.noSeal')!;
    expect(seal.text).toBe('it carries no export seal, so nobody vouches for what was chosen when it was exported (the template, letterhead, date line, closing and pictures)');
    expect(reasonIn('zh-CN', seal)).toBe('它没有导出印鉴，因此无人为导出时所选的内容（模板、信头、日期行、结束语和图片）作保');
  });
});
