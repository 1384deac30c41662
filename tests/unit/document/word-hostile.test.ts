// Word files made to hurt, read as a hostile sender would write them: the XML is written by hand,
// as nothing in a well-behaved library would produce it.
import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync as unzipAll, zipSync } from 'fflate';
import { newMessageDoc } from '../../../shared/document';
import { listSuggestions, listThreads, placeThreads } from '../../../shared/review';
import { importWord } from '../../../electron/services/document/word-write';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const xmlAttr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/[\u0000-\u001f]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A .docx of a body and, when given, a comments part. */
function docx(body: string, comments?: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="${RELS}"><Relationship Id="rC" Type="${REL}/comments" Target="comments.xml"/></Relationships>`),
    'word/document.xml': strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
    ...(comments ? { 'word/comments.xml': strToU8(`<?xml version="1.0"?><w:comments ${W}>${comments}</w:comments>`) } : {}),
  });
}

describe('a hostile Word file', () => {
  it('with thousands of comments imports in seconds, each thread on its own words (each thread once searched the whole document)', async () => {
    const n = 3000;
    let body = '';
    let comments = '';
    for (let i = 0; i < n; i += 1) {
      body += `<w:p><w:commentRangeStart w:id="${i}"/>${run(`word${i}`)}<w:commentRangeEnd w:id="${i}"/><w:r><w:commentReference w:id="${i}"/></w:r>${run(' rest')}</w:p>`;
      comments += `<w:comment w:id="${i}" w:author="Ann"><w:p>${run(`note ${i}`)}</w:p></w:comment>`;
    }
    const doc = newMessageDoc();
    const started = performance.now();
    const result = await importWord(doc, docx(body, comments));
    const seconds = (performance.now() - started) / 1000;
    expect(result.threads).toBe(n);
    const placed = placeThreads(doc);
    expect(placed.filter((p) => p.anchored)).toHaveLength(n);
    expect(placed.every((p) => p.text === `word${p.thread.comments[0]!.text.slice('note '.length)}`)).toBe(true);
    // Before, 2,000 comments took about 20 s and 4,000 about 100 s (each thread walked every text node, three times).
    expect(seconds).toBeLessThan(30);
  }, 120_000);

  it('cannot bring in an author name with control characters, bidirectional overrides or 10,000 characters', async () => {
    const names = ['Ann\u0007\u001b[31mRED\u001b[0m\r\nApproved by: Mayor', 'Bob\u202enamoR\u202c', 'Z'.repeat(10_000), '\u200b\u2066', 'Eve\u200f'];
    let body = '<w:p>';
    let comments = '';
    names.forEach((name, i) => {
      body += `<w:ins w:id="${i}" w:author="${xmlAttr(name)}" w:date="2026-11-30T10:00:00Z">${run(`ins${i} `)}</w:ins><w:commentRangeStart w:id="${i}"/>${run(`c${i} `)}<w:commentRangeEnd w:id="${i}"/>`;
      comments += `<w:comment w:id="${i}" w:author="${xmlAttr(name)}"><w:p>${run(`comment ${i}`)}</w:p></w:comment>`;
    });
    const doc = newMessageDoc();
    const result = await importWord(doc, docx(`${body}</w:p>`, comments));
    const expected = ['Ann [31mRED [0m Approved by: Mayor', 'BobnamoR', 'Z'.repeat(100), 'Unknown author', 'Eve'];
    expect(listSuggestions(doc).map((s) => s.author.name)).toEqual(expected);
    expect(listThreads(doc).map((t) => t.comments[0]!.author.name)).toEqual(expected);
    expect(result.people).toEqual(expected);
  });
});

describe('a Word package with a DTD in a part mammoth reads', () => {
  it('is refused by name, before any parser sees it (it used to reach mammoth, whose error was the message)', async () => {
    const laughs = '<!DOCTYPE w:styles [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    const bytes = unzipAll(docx(`<w:p>${run('Hello')}</w:p>`));
    bytes['word/styles.xml'] = strToU8(`<?xml version="1.0"?>${laughs}<w:styles ${W}><w:style w:type="paragraph" w:styleId="x"><w:name w:val="&b;"/></w:style></w:styles>`);
    bytes['word/_rels/document.xml.rels'] = strToU8(`<?xml version="1.0"?><Relationships xmlns="${RELS}"><Relationship Id="rS" Type="${REL}/styles" Target="styles.xml"/></Relationships>`);
    await expect(importWord(newMessageDoc(), zipSync(bytes))).rejects.toThrow("its part word/styles.xml declares a DTD, which Word documents never do; it was not read");
  });
});

describe('a Word package with two parts of one name', () => {
  it('is refused, as another reader could show the other part as the document', async () => {
    const zipped = Buffer.from(docx(`<w:p>${run('What Word shows')}</w:p>`));
    // A second main document, renamed in place to the first's name (in its entry and the directory).
    const second = Buffer.from(
      zipSync({ 'word/documenX.xml': strToU8(`<?xml version="1.0"?><w:document ${W}><w:body><w:p>${run('What Signet would show')}</w:p></w:body></w:document>`) }, { level: 0 }),
    );
    const both = zipSync({ ...unzipAll(zipped), 'word/documenX.xml': unzipAll(second)['word/documenX.xml']! }, { level: 0 });
    const bytes = Buffer.from(both);
    for (let at = bytes.indexOf('word/documenX.xml'); at >= 0; at = bytes.indexOf('word/documenX.xml')) bytes.write('word/document.xml', at);
    await expect(importWord(newMessageDoc(), bytes)).rejects.toThrow('it is damaged: it holds two parts named word/document.xml, and which one is the document cannot be told; nothing was read');
    // Names differ in case only: one part to OPC.
    const cased = Buffer.from(zipSync({ ...unzipAll(zipped), 'WORD/DOCUMENT.XML': strToU8('<x/>') }, { level: 0 }));
    await expect(importWord(newMessageDoc(), cased)).rejects.toThrow(/two parts named/);
  });
});
