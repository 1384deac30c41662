// What the editor writes as it loads a message reaches the main process. A merge can leave marked
// words typed as plain text, and loading mends them (shared/document/suggestion-node.ts): if that
// write were not sent, the main process would refuse every later change that builds on it ("would
// delete things this message does not hold yet"), and the author's decisions would never reach the file.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $createParagraphNode, $createTextNode, $getRoot, createEditor } from 'lexical';
import { $createSuggestionNode, bindMessageEditor, createDetachedEditor, messageDigest, messageText, newMessageDoc, textRoot } from '../../../shared/document';
import { decideInEditor, describeKeptChanges, keptChanges, listSuggestions } from '../../../shared/review';
import { MESSAGE_NODES } from '../../../shared/document/nodes';

const BEN = { name: 'Ben Okafor', title: '' };

/** The main process's copy of a message whose marked words a merge left typed as plain text. */
function mainCopy(): Y.Doc {
  const doc = newMessageDoc();
  const { editor, binding } = createDetachedEditor(doc);
  editor.update(() => {
    const p = $createParagraphNode().append($createTextNode('We will finish the bridge'));
    p.append($createSuggestionNode({ id: 'ben1', kind: 'insert', author: BEN, at: '2026-12-01T00:00:00Z' }, ' over the river'));
    $getRoot().clear().append(p.append($createTextNode('.')));
  }, { discrete: true });
  binding.dispose();
  // As the boundary of a neighbour's range can in a merge: the words keep their mark, not their type.
  const text = textRoot(doc).get(0) as Y.XmlElement;
  (text.get(0) as Y.XmlText).format('We will finish the bridge'.length, ' over the river'.length, { t: null });
  return doc;
}

describe('the editor sends what it writes as it loads', () => {
  it('after a load that mends marked words, the author accepts and the main process takes every change', () => {
    const main = mainCopy();
    const page = newMessageDoc();
    Y.applyUpdate(page, Y.encodeStateAsUpdate(main));
    const refused: string[] = [];
    let loadWrote = false;
    const send = (update: Uint8Array) => {
      loadWrote = true;
      // The main process's own check of an editor change (electron/services/document/handlers.ts).
      const kept = keptChanges(main, update);
      if (kept) refused.push(describeKeptChanges(kept));
      else Y.applyUpdate(main, update);
    };
    const editor = createEditor({ namespace: 'signet', nodes: [...MESSAGE_NODES], onError: (e) => { throw e; } });
    const [digest, open] = [messageDigest(main), listSuggestions(main)];
    const binding = bindMessageEditor(editor, page, { onUpdate: send });
    expect(loadWrote).toBe(true);
    // What a reviewer's guard checks (electron/services/signoff/text-lock.ts): the load write
    // changes neither the text as it stands nor anyone's suggestions, so a reviewer's load passes too.
    expect(messageDigest(main)).toBe(digest);
    expect(listSuggestions(main)).toEqual(open);
    expect(listSuggestions(page).map((s) => s.id)).toEqual(['ben1']);
    decideInEditor(editor, 'all', 'accepted');
    binding.dispose();
    expect(refused).toEqual([]);
    expect(messageText(page)).toBe('We will finish the bridge over the river.');
    expect(messageText(main)).toBe(messageText(page));
    expect(Y.encodeStateVector(main)).toEqual(Y.encodeStateVector(page));
    expect(listSuggestions(main)).toEqual([]);
  });
});
