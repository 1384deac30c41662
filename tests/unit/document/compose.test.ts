import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { messageParagraphs, messageText, newMessageDoc, findTemplate } from '../../../shared/document';
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
    expect(messageParagraphs(a)).toEqual(['Dear friends,', 'A new year begins.', 'Thank you.']);
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
  it('reads a quote holding several paragraphs as several paragraphs', () => {
    const doc = newMessageDoc();
    writeHtml(doc, '<blockquote><p>quoted para one</p><p>quoted two</p></blockquote><p>after</p>');
    expect(messageParagraphs(doc)).toEqual(['quoted para one', 'quoted two', 'after']);
  });
});
