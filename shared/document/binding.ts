// Binds a Lexical editor to a message's Yjs document with @lexical/yjs's V2 binding (the one
// that can render snapshots and diffs of versions). The same code runs in the renderer's editor
// and in headless editors in Node (creating messages, importing text), so both write one shape.
import {
  createBindingV2__EXPERIMENTAL,
  createUndoManager,
  syncLexicalUpdateToYjsV2__EXPERIMENTAL,
  syncYjsChangesToLexicalV2__EXPERIMENTAL,
  syncYjsStateToLexicalV2__EXPERIMENTAL,
  type BindingV2,
} from '@lexical/yjs';
import { SKIP_COLLAB_TAG, TextNode, createEditor, type LexicalEditor } from 'lexical';
import * as Y from 'yjs';
import { caretsProvider, type Carets } from './carets';
import { TEXT_ROOT } from './message';
import { MESSAGE_NODES } from './nodes';
import { $needsSuggestionRepair, $repairMarkedText, $repairSuggestionText } from './suggestion-node';

export interface MessageBinding {
  binding: BindingV2;
  undoManager: Y.UndoManager;
  /** This person's caret followed, and others' drawn, in a live session. */
  carets: Carets;
  dispose(): void;
}

export interface BindOptions {
  /**
   * Hears when a change from elsewhere (a merge) could not be brought into the editor step by
   * step; the document has it all the same, so the caller rebuilds the editor from it.
   */
  onOutOfStep?(error: unknown): void;
  /**
   * Hears every change to the document, from the moment of binding: loading may itself write (it
   * mends marked words a merge left as plain text), and a change the main process never hears of
   * would make it refuse every later one that builds on it.
   */
  onUpdate?(update: Uint8Array, origin: unknown): void;
}

export function bindMessageEditor(editor: LexicalEditor, doc: Y.Doc, { onOutOfStep, onUpdate }: BindOptions = {}): MessageBinding {
  if (onUpdate) doc.on('update', onUpdate);
  const { provider, carets } = caretsProvider();
  const docMap = new Map([[TEXT_ROOT, doc]]);
  const binding = createBindingV2__EXPERIMENTAL(editor, TEXT_ROOT, doc, docMap, { rootName: TEXT_ROOT });
  const undoManager = createUndoManager(binding, binding.root);

  const onYjs = (events: Y.YEvent<Y.XmlElement | Y.XmlText>[], tx: Y.Transaction) => {
    if (tx.origin === binding) return;
    try {
      syncYjsChangesToLexicalV2__EXPERIMENTAL(binding, provider, events, tx, tx.origin instanceof Y.UndoManager);
    } catch (error) {
      if (!onOutOfStep) throw error;
      onOutOfStep(error);
    }
  };
  binding.root.observeDeep(onYjs as (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => void);
  const stopListening = editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
      if (tags.has(SKIP_COLLAB_TAG)) return;
      syncLexicalUpdateToYjsV2__EXPERIMENTAL(
        binding,
        provider,
        prevEditorState,
        editorState,
        dirtyElements,
        dirtyLeaves,
        normalizedNodes,
        tags,
      );
    },
  );
  const stopRepair = editor.registerNodeTransform(TextNode, $repairMarkedText);
  // Load what the document already holds into the editor.
  syncYjsStateToLexicalV2__EXPERIMENTAL(binding, provider);
  if (editor.getEditorState().read($needsSuggestionRepair)) editor.update($repairSuggestionText, { discrete: true });

  return {
    binding,
    undoManager,
    carets: carets(binding),
    dispose() {
      binding.root.unobserveDeep(onYjs as (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => void);
      stopListening();
      stopRepair();
      undoManager.destroy();
      if (onUpdate) doc.off('update', onUpdate);
    },
  };
}

/**
 * An editor with no view bound to a document: for reading a version's nodes in the app, and for
 * tools, tests and benchmarks that write messages in Node.
 */
export function createDetachedEditor(doc: Y.Doc): { editor: LexicalEditor; binding: MessageBinding } {
  const editor = createEditor({
    namespace: 'signet',
    nodes: [...MESSAGE_NODES],
    onError: (error) => {
      throw error;
    },
  });
  return { editor, binding: bindMessageEditor(editor, doc) };
}
