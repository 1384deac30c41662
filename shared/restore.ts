// Restoring a version: the editor's text becomes the version's as one ordinary change, so it is
// saved, merged and undone like any other edit and no history is rewritten. The binding writes
// only what differs (it matches unchanged paragraphs and diffs text), so words the version shares
// with the current text keep their authors, and comments anchored to them keep their place.
import { $getRoot, $parseSerializedNode, type LexicalEditor, type SerializedLexicalNode } from 'lexical';
import type * as Y from 'yjs';
import { createDetachedEditor } from './binding';
import { versionDoc } from './versions';

/** The Lexical nodes of a version, read through the same binding the editor uses. */
export function versionNodes(doc: Y.Doc, versionId: string): SerializedLexicalNode[] {
  const version = versionDoc(doc, versionId);
  const { editor: reader, binding } = createDetachedEditor(version);
  try {
    return reader.getEditorState().toJSON().root.children;
  } finally {
    binding.dispose();
    version.destroy();
  }
}

/** The update tag of a restore, so undo can keep it as one step of its own. */
export const RESTORE_TAG = 'signet-restore';

/** Makes the editor's content equal to the version's. Call it on an editor bound to `doc`. */
export function restoreVersion(editor: LexicalEditor, doc: Y.Doc, versionId: string): void {
  const nodes = versionNodes(doc, versionId);
  editor.update(
    () => {
      const root = $getRoot().clear();
      for (const node of nodes) root.append($parseSerializedNode(node));
    },
    { discrete: true, tag: RESTORE_TAG },
  );
}
