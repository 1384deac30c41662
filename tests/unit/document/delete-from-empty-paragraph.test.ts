// Deleting a selection that starts in an empty paragraph and ends inside a word of a later one,
// just before a change of format (a bold letter, or the words of a format suggestion). Lexical
// 0.52 cut the word, left the selection's end past the end of the shortened text, and then, as it
// joined the two paragraphs, its development build threw "$getTextNodeOffset: invalid offset 3
// for size 1" and the edit was lost (the production build, which the app bundles, checks no
// offsets and reaches the right result). The merge property test found it (issue 17, case 1219
// at 2,000 runs); patches/lexical+0.52.0.patch keeps the selection's points inside their text.
// Both builds must give the same result.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { $createParagraphNode, $createRangeSelection, $createTextNode, $getRoot, $getSelection, $isRangeSelection, $setSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import { $createSuggestionNode, createDetachedEditor, newMessageDoc, readContent, blockText } from '../../../shared/document';
import { listSuggestions } from '../../../shared/review';

type Lexical = typeof import('lexical');
const PERSON = { name: 'Ben Okafor', title: 'Chief of staff' };

describe('Delete from an empty paragraph to inside a word with a change of format', () => {
  for (const build of ['dev', 'prod'] as const) {
    it(`joins the paragraphs and keeps the rest of the word (Lexical.${build}.js)`, async () => {
      const file = resolve('node_modules/lexical/dist', `Lexical.${build}.js`);
      const lx = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Lexical;
      const editor = lx.createEditor({ onError: (e) => { throw e; } });
      let result: { text: string[]; caret: [string, number] } | undefined;
      editor.update(
        () => {
          const empty = lx.$createParagraphNode();
          const pati = lx.$createTextNode('pati');
          lx.$getRoot().append(empty, lx.$createParagraphNode().append(pati, lx.$createTextNode('e').setFormat('bold'), lx.$createTextNode('nce')));
          const selection = lx.$createRangeSelection();
          selection.anchor.set(empty.getKey(), 0, 'element');
          selection.focus.set(pati.getKey(), 3, 'text');
          lx.$setSelection(selection);
          selection.removeText();
          const caret = lx.$getSelection();
          if (!lx.$isRangeSelection(caret)) throw new Error('no caret');
          result = {
            text: lx.$getRoot().getChildren().map((b) => b.getTextContent()),
            caret: [caret.anchor.getNode().getTextContent(), caret.anchor.offset],
          };
        },
        { discrete: true },
      );
      expect(result).toEqual({ text: ['ience'], caret: ['i', 0] });
    });
  }

  it('keeps a format suggestion on the word it cut (as the app edits a message)', () => {
    const doc = newMessageDoc();
    const { editor } = createDetachedEditor(doc);
    const mark = { id: 's1', kind: 'format' as const, author: PERSON, at: '2026-03-01T00:00:00.000Z', before: 0 };
    editor.update(
      () => {
        const empty = $createParagraphNode();
        const pati = $createTextNode('pati');
        $getRoot().clear().append(empty, $createParagraphNode().append(pati, $createSuggestionNode(mark, 'e', 1), $createTextNode('nce the the')));
        const selection = $createRangeSelection();
        selection.anchor.set(empty.getKey(), 0, 'element');
        selection.focus.set(pati.getKey(), 3, 'text');
        $setSelection(selection);
        selection.removeText();
        expect($isRangeSelection($getSelection())).toBe(true);
      },
      { discrete: true },
    );
    expect(readContent(doc).blocks.map(blockText)).toEqual(['ience the the']);
    expect(listSuggestions(doc).map((x) => [x.id, x.change])).toEqual([['s1', 'format']]);
  });
});
