// Word files written by Word for another maintained project (mammoth.js's test data, BSD 2-Clause;
// tests/fixtures/word/mammoth/README.md says where from): the words, formats, threads and what is
// counted instead of imported, as they arrive in a message.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newMessageDoc, readContent } from '../../../shared/document';
import { listSuggestions, placeThreads } from '../../../shared/review';
import { importWord } from '../../../electron/services/document/word-write';

async function imported(name: string) {
  const doc = newMessageDoc();
  const result = await importWord(doc, readFileSync(`tests/fixtures/word/mammoth/${name}.docx`));
  const blocks = readContent(doc).blocks.map((b) => [b.kind, b.runs.map((r) => [r.text, r.format])]);
  const counted = Object.fromEntries(Object.entries(result.leftOut).filter(([, n]) => n > 0));
  return { doc, blocks, counted };
}

describe('Word files from mammoth.js', () => {
  it('comments become threads on their words, by their Word author', async () => {
    const { doc, blocks, counted } = await imported('comments');
    expect(blocks).toEqual([['paragraph', [['Ouch.', 0]]]]);
    expect(counted).toEqual({});
    expect(placeThreads(doc).map((p) => [p.text, p.thread.comments.map((c) => [c.author.name, c.text])])).toEqual([
      ['Ouch', [['Michael Williamson', 'A tachyon walks into a bar.']]],
      ['Ouch.', [['Michael Williamson', 'Fin.']]],
    ]);
    expect(listSuggestions(doc)).toEqual([]);
  });

  it('a bulleted list, strikethrough, and underline beside bold keep their formats (bold 1, strikethrough 4, underline 8)', async () => {
    expect((await imported('simple-list')).blocks).toEqual([['bullet', [['Apple', 0]]], ['bullet', [['Banana', 0]]]]);
    expect((await imported('strikethrough')).blocks).toEqual([['paragraph', [["Today's Special: Salmon", 4], [' Sold out', 0]]]]);
    expect((await imported('underline')).blocks).toEqual([['paragraph', [['The ', 1], ['Sunset', 9], [' Tree', 1]]]]);
  });

  it('a table, footnotes and a text box are counted, not imported, and the words around them kept', async () => {
    expect(await imported('tables')).toMatchObject({ blocks: [['paragraph', [['Above', 0]]], ['paragraph', [['Below', 0]]]], counted: { tables: 1 } });
    expect(await imported('footnotes')).toMatchObject({ blocks: [['paragraph', [['Ouch.', 0]]]], counted: { footnotes: 2 } });
    expect((await imported('text-box')).counted).toEqual({ textBoxes: 1 });
  });
});
