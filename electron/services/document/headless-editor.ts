// A Lexical editor with no view, bound to a message's document with the app's own binding, for
// code that writes into messages outside the renderer: benchmarks, tests and tools. The Lexical
// functions it needs come from here too, so that they share the one copy of Lexical in the bundle.
import type { LexicalEditor } from 'lexical';
import type * as Y from 'yjs';
import { createDetachedEditor, type MessageBinding } from '../../../shared/document';

export interface MessageEditor {
  editor: LexicalEditor;
  binding: MessageBinding;
  dispose(): void;
}

export function createMessageEditor(doc: Y.Doc): MessageEditor {
  const { editor, binding } = createDetachedEditor(doc);
  return { editor, binding, dispose: () => binding.dispose() };
}

export {
  $createParagraphNode,
  $createTextNode,
  $getNodeByKey,
  $getRoot,
  $isElementNode,
  $isParagraphNode,
  $isTextNode,
} from 'lexical';
