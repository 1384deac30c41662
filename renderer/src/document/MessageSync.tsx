// Binds the editor to the message's Yjs document and sends every local change to the main
// process, which writes it to the file. Undo and redo go through Yjs's UndoManager, so they
// only ever touch this person's own changes.
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_EDITOR, REDO_COMMAND, UNDO_COMMAND, CAN_REDO_COMMAND, CAN_UNDO_COMMAND } from 'lexical';
import { mergeRegister } from '@lexical/utils';
import type { BindingV2 } from '@lexical/yjs';
import * as Y from 'yjs';
import { bindMessageEditor, type Carets } from '../../../shared/document';
import { restoreVersion } from '../../../shared/history';
import { call, on } from '../api';
import { noteRefused } from './refused';

/** The origin of changes that arrive from the main process (they are already on disk). */
export const FROM_MAIN = Symbol('from-main');

/** What other parts of the editor need of the bound session; set while the editor is bound. */
export interface EditorSession {
  binding: BindingV2;
  /** This person's caret followed, and others' drawn (renderer/src/live/carets.tsx). */
  carets: Carets;
  /** Restores a version as one undoable change. */
  restore(versionId: string): void;
  /** Makes `change` (editor updates) one undo step of its own. */
  oneStep(change: () => void): void;
}
export type SessionRef = React.MutableRefObject<EditorSession | null>;

export function MessageSync({ path, doc, readOnly, onError, session, onOutOfStep }: {
  path: string;
  doc: Y.Doc;
  readOnly: boolean;
  onError(e: unknown): void;
  session: SessionRef;
  /** The editor could not follow a change from elsewhere step by step: rebuild it from the document. */
  onOutOfStep(): void;
}) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const send = (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_MAIN || readOnly) return;
      call('message.update', path, update).catch((error: unknown) => {
        noteRefused(doc, error instanceof Error ? error.message : String(error));
        onError(error);
      });
    };
    // Sending starts before the editor loads: what loading writes must reach the file too.
    const { binding, undoManager, carets, dispose } = bindMessageEditor(editor, doc, { onOutOfStep, onUpdate: send });
    const stopRemote = on('message.changed', (event) => {
      if (event.path === path) Y.applyUpdate(doc, event.update, FROM_MAIN);
    });
    const canUndo = () => {
      editor.dispatchCommand(CAN_UNDO_COMMAND, undoManager.undoStack.length > 0);
      editor.dispatchCommand(CAN_REDO_COMMAND, undoManager.redoStack.length > 0);
    };
    undoManager.on('stack-item-added', canUndo);
    undoManager.on('stack-item-popped', canUndo);
    // A restore is one undo step of its own: typing just before or after it is not folded into it.
    session.current = {
      binding,
      carets,
      restore(versionId) {
        this.oneStep(() => restoreVersion(editor, doc, versionId));
      },
      oneStep(change) {
        undoManager.stopCapturing();
        change();
        undoManager.stopCapturing();
      },
    };
    const unregister = mergeRegister(
      editor.registerCommand(UNDO_COMMAND, () => (undoManager.undo(), true), COMMAND_PRIORITY_EDITOR),
      editor.registerCommand(REDO_COMMAND, () => (undoManager.redo(), true), COMMAND_PRIORITY_EDITOR),
    );
    return () => {
      session.current = null;
      unregister();
      undoManager.off('stack-item-added', canUndo);
      undoManager.off('stack-item-popped', canUndo);
      stopRemote();
      dispose();
    };
  }, [editor, doc, path, readOnly, onError, session, onOutOfStep]);
  return null;
}
