import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { messageParagraphs, messageText, newMessageDoc, findTemplate, readContent } from '../../../shared/document';
import { writeHtml, writeMarkdown, writePlainText, writeTemplate } from '../../../electron/services/document/compose';

describe('compose', () => {
  it('writes a template into the document in the editor shape', () => {
    const doc = newMessageDoc();
    writeTemplate(doc, findTemplate('letter')!.blocks);
    expect(messageParagraphs(doc)).toEqual([
      '[Recipient name]', '[Opening greeting],', '[Why you are writing]', '[What you ask or announce]',
      'Yours sincerely,', '[Signatory name]', '[Title]', '[Place], [Date]',
    ]);
    const copy = newMessageDoc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(messageText(copy)).toBe(messageText(doc));
  });
  it('imports plain text, markdown and hostile html', () => {
    const a = newMessageDoc();
    writePlainText(a, 'Dear friends,\n\nA new\nyear begins.\n\n\nThank you.');
    expect(messageParagraphs(a)).toEqual(['Dear friends,', 'A new\nyear begins.', 'Thank you.']);
    const b = newMessageDoc();
    writeMarkdown(b, '# Title\n\nSome **bold** text.\n\n- one\n- two');
    expect(messageParagraphs(b)).toEqual(['Title', 'Some bold text.', 'one', 'two']);
    const c = newMessageDoc();
    writeHtml(c, '<p onclick="x()">Hi <b>there</b><script>alert(1)</script><img src="http://evil/x.png"> <a href="javascript:alert(1)">bad</a> <a href="https://ok.example">ok</a></p>');
    expect(messageParagraphs(c)).toEqual(['Hi there bad ok']);
    const xml = c.get('root-v2', Y.XmlElement).toString();
    expect(xml).not.toMatch(/script|javascript|onclick|evil/);
    expect(xml).toContain('https://ok.example');
  });
  it('makes a plain text\'s short first line its heading, and its closing lines the signature block', () => {
    const doc = newMessageDoc();
    writePlainText(doc, 'Statement on the flood\n\nWe will rebuild.\n\nYours sincerely,\nDr Helen Marsh\nMinister for Health\n');
    const kinds = readContent(doc).blocks.map((b) => b.kind);
    expect(kinds).toEqual(['h1', 'paragraph', 'signature', 'signature', 'signature']);
    expect(messageParagraphs(doc)).toEqual(['Statement on the flood', 'We will rebuild.', 'Yours sincerely,', 'Dr Helen Marsh', 'Minister for Health']);
    // A sentence at the end, or a greeting at the start, is left as it is.
    const plain = newMessageDoc();
    writePlainText(plain, 'Dear friends,\n\nThank you.\nWe meet again next year.');
    expect(readContent(plain).blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph']);
    const md = newMessageDoc();
    writeMarkdown(md, '# Title\n\nText.\n\nWith best wishes,\n\nCarmen Ruiz\n\nMayor of Aldport');
    expect(readContent(md).blocks.map((b) => b.kind)).toEqual(['h1', 'paragraph', 'signature', 'signature', 'signature']);
  });
  it('reads a quote holding several paragraphs as several paragraphs', () => {
    const doc = newMessageDoc();
    writeHtml(doc, '<blockquote><p>quoted para one</p><p>quoted two</p></blockquote><p>after</p>');
    expect(messageParagraphs(doc)).toEqual(['quoted para one', 'quoted two', 'after']);
  });
});
