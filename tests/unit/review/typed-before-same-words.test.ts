// A reviewer suggests "the" just before the word "the" while another bolds that word's first
// letter in their own copy. @lexical/yjs writes an edit to Yjs as a diff of the paragraph's
// string, and "the" + "the" matches "the" from either end: it kept the typed characters as the
// old ones, so the insertion's mark went on the word that was there and the new characters were
// plain. Merged, the bold suggestion sat on "inserted" words, where a mark from another copy does
// not count: it was lost in silence. patches/@lexical+yjs+0.52.0.patch makes the diff stop where
// the attributes change. The merge property test found it (issue 17, case 1363 at 2,000 runs).
import { $createRangeSelection, $getRoot, $isTextNode, $setSelection } from 'lexical';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newMessage } from '../../../electron/services/library/library';
import { $suggestInsertion, listSuggestions } from '../../../shared/review';
import { newMessageDoc } from '../../../shared/document';
import { prng } from '../../helpers/editing';
import { Copy, PEOPLE, applyOp, editorWithBuild, initialState, mergeAll, newStats, suggestionChars } from '../../helpers/merge-model';

describe('typing a word as a suggestion just before the same word', () => {
  for (const caret of [true, false]) {
    it(`marks the typed characters, not the word that was there (${caret ? 'caret after the typing' : 'no caret'})`, () => {
      const state = initialState(newMessage('blank', 'Budget speech'), [{ kind: 'paragraph', words: ['the'] }]);
      const [ann, ben] = [0, 1].map((i) => new Copy(i, state));
      for (const c of [ann, ben]) c.keepCaret = caret;
      try {
        applyOp(ann, { kind: 'suggest', copy: 0, at: 0, length: 1, what: 'insert', text: 'the' }, 0, []);
        // Ann's client typed the characters her insertion is on.
        const [[, inserted]] = [...suggestionChars(ann.doc)];
        expect(inserted.map((id) => Number(id.split(':')[0]))).toEqual([ann.doc.clientID, ann.doc.clientID, ann.doc.clientID]);

        applyOp(ben, { kind: 'suggest', copy: 1, at: 0, length: 1, what: 'format', text: 'the' }, 1, []);
        mergeAll([ann, ben], prng(1), { policy: 'reload', stats: newStats(), problems: [] });
        for (const c of [ann, ben]) {
          expect(listSuggestions(c.doc).map((s) => s.change).sort()).toEqual(['format', 'insert']);
          expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(ann.doc));
        }
      } finally {
        for (const c of [ann, ben]) c.dispose();
      }
    });
  }

  // The app bundles LexicalYjs.prod.js, the tests load .dev.js: both carry the patch.
  for (const build of ['dev', 'prod'] as const) {
    it(`marks the typed characters in LexicalYjs.${build}.js too`, async () => {
      const file = resolve('node_modules/@lexical/yjs/dist', `LexicalYjs.${build}.js`);
      const yjs = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as typeof import('@lexical/yjs');
      const doc = newMessageDoc();
      Y.applyUpdate(doc, initialState(newMessage('blank', 'Budget speech'), [{ kind: 'paragraph', words: ['the'] }]));
      doc.clientID = 1000;
      const editor = editorWithBuild(yjs, doc);
      const who = { author: PEOPLE[0], newId: () => 's1', now: () => new Date(Date.UTC(2026, 2, 1)) };
      editor.update(
        () => {
          const word = $getRoot().getAllTextNodes()[0];
          if (!$isTextNode(word)) throw new Error('no word');
          const selection = $createRangeSelection();
          selection.anchor.set(word.getKey(), 0, 'text');
          selection.focus.set(word.getKey(), 0, 'text');
          $setSelection(selection);
          $suggestInsertion(selection, 'the', who);
        },
        { discrete: true },
      );
      expect(suggestionChars(doc).get('s1')).toEqual(['1000:0', '1000:1', '1000:2']);
    });
  }
});
