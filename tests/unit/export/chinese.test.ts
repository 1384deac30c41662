// A copy of a Chinese message prints Signet's own words in Chinese (signet-copy-3): the page
// numbers, "Check against delivery", DRAFT and "Not approved", the date line and the certificate,
// whatever the interface's language. Read back from the PDF with poppler, and checked by verify;
// a signet-copy-2 copy of the same message keeps its English words and still reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { ChromiumPrinter } from '../../../electron/services/export/chromium-printer';
import { exporterFromSigner } from '../../../electron/services/export/exporter';
import { exportCopy } from '../../../electron/services/export/make-copy';
import { readCopyFile } from '../../../electron/services/export/read-copy';
import { buildManifest, checkCopy, copyText, defaultLayout, type LayoutTemplate } from '../../../shared/export';
import type { TemplateBlock } from '../../../shared/document';
import { AMINA, certificatePagePng, EXPORTED_AT, findChromium, firstPagePng, message, pdfFonts, pdfPages } from '../../helpers/export';

const BLOCKS: TemplateBlock[] = [
  { kind: 'paragraph', text: '亲爱的市民朋友们：' },
  { kind: 'paragraph', text: '这一年，奥德波特经受了春季洪水的考验。我们并肩作战，一条街一条街地重建家园。' },
  { kind: 'paragraph', text: '新的一年，我们将完成港口防波堤，并让每一家诊所在周末开放。祝大家身体健康，万事如意。' },
  { kind: 'signature', lines: ['此致', '卡门·鲁伊斯', '奥德波特市长'] },
];

const squeeze = (text: string) => text.replace(/\s+/g, '');
const chromium = findChromium();

describe('the words Signet prints on a copy of a Chinese message', () => {
  const doc = message({ title: '新年贺词', language: 'zh-CN', upTo: 'Signed', blocks: BLOCKS });

  it('are Chinese from signet-copy-3, and English on a signet-copy-2 copy of the same message', () => {
    const third = buildManifest(doc, { layout: { ...defaultLayout(doc, 'letter'), place: '奥德波特', date: '2026-12-31' }, at: EXPORTED_AT });
    const text = copyText(third);
    for (const words of ['奥德波特，2026年12月31日', '批准与签署证明', '文本摘要（SHA-256）', '导出时间2026年12月2日 09:30（UTC）', '签署：Carmen Ruiz, Mayor，2026年12月2日', '已签署']) expect(text).toContain(words);
    expect(text).not.toMatch(/Certificate|Exported|Approved|December/);
    const { links: _links, ...layout } = third.layout;
    const second = copyText({ ...third, format: 'signet-copy-2', layout });
    expect(second).toContain('Certificate of approval and signature');
    expect(second).toContain('奥德波特, 31 December 2026');
  });
});

describe.skipIf(!chromium)(`a PDF copy of a Chinese message${chromium ? '' : ' (skipped: no Chromium or Chrome was found)'}`, () => {
  let dir = '';
  let printer: ChromiumPrinter;
  let signed: Y.Doc;
  let draft: Y.Doc;
  const files: Record<string, string> = {};

  async function make(name: string, doc: Y.Doc, template: LayoutTemplate): Promise<void> {
    files[name] = join(dir, `${name}.pdf`);
    await exportCopy(doc, { format: 'pdf', at: EXPORTED_AT, layout: defaultLayout(doc, template) }, files[name], { printer, exporter: await exporterFromSigner(AMINA.signer, AMINA.member) });
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'signet-chinese-'));
    printer = new ChromiumPrinter(chromium!);
    signed = message({ title: '新年贺词', language: 'zh-CN', upTo: 'Signed', blocks: BLOCKS });
    draft = message({ title: '新年贺词', language: 'zh-CN', upTo: 'Draft', blocks: BLOCKS });
    await make('reading', signed, 'reading');
    await make('draft', draft, 'statement');
  }, 60_000);

  afterAll(async () => {
    await printer?.close();
    for (const doc of [signed, draft]) doc?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a final reading copy: "以实际讲话为准", "第 N 页，共 M 页" and a certificate in Chinese, and it verifies', async () => {
    const pages = pdfPages(files.reading).map(squeeze);
    expect(pages[0]).toContain('以实际讲话为准');
    pages.forEach((page, i) => expect(page).toContain(`第${i + 1}页，共${pages.length}页`));
    expect(pages.at(-1)).toContain('批准与签署证明');
    expect(pages.at(-1)).toContain('批准：');
    expect(pages.join('')).not.toMatch(/Page\d|Checkagainst|Certificate/);
    expect(pdfFonts(files.reading).every((f) => f.embedded)).toBe(true);
    const read = await readCopyFile(files.reading);
    expect(checkCopy(read.manifest, read.seen)).toMatchObject({ authentic: true, problems: [] });
    firstPagePng(files.reading, 'chinese-reading');
    certificatePagePng(files.reading, 'chinese-certificate');
  });

  it('a draft: "草稿" and "未经批准" on every page, and verify says only that it is a draft', async () => {
    const pages = pdfPages(files.draft, { raw: true }).map(squeeze);
    pages.forEach((page) => {
      expect(page).toContain('草稿');
      expect(page).toContain('未经批准');
    });
    const read = await readCopyFile(files.draft);
    expect(checkCopy(read.manifest, read.seen).problems).toEqual(['it is a draft copy, marked "Not approved": its text is Draft, not approved']);
    firstPagePng(files.draft, 'chinese-draft');
  });
});
