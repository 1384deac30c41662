// The carets and selections of the others in a live session, drawn in the text with each person's
// name and colour, and this person's own caret sent to the main process, which tells the others.
// Both are Yjs relative positions, so a caret stays on its words while anyone types before it.
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type * as Y from 'yjs';
import type { OtherCaret } from '../../../shared/document';
import { caretFromPositions, positionsOf, type LiveSession } from '../../../shared/live';
import { call } from '../api';
import type { SessionRef } from '../document/MessageSync';

/** After MessageSync, whose binding it uses; `doc` changes when the editor is bound again. */
export function LiveCarets({ path, doc, live, editorSession, onError }: {
  path: string;
  doc: Y.Doc;
  live: LiveSession | null;
  editorSession: SessionRef;
  onError(error: unknown): void;
}) {
  const [editor] = useLexicalComposerContext();
  const [page, setPage] = useState<HTMLElement | null>(null);
  const [box, setBox] = useState<HTMLElement | null>(null);
  useEffect(() => editor.registerRootListener((root) => setPage(root?.parentElement ?? null)), [editor]);

  const joined = live !== null;
  useEffect(() => {
    const carets = editorSession.current?.carets;
    if (!joined || !carets) return;
    let sent = 'none';
    return carets.follow((ends) => {
      const caret = ends && caretFromPositions(ends.anchor, ends.focus);
      const said = JSON.stringify(caret);
      if (said === sent) return;
      sent = said;
      call('live.caret', path, caret).catch(onError);
    });
  }, [joined, path, doc, editorSession, onError]);

  useEffect(() => {
    const carets = editorSession.current?.carets;
    if (!carets) return;
    const others: OtherCaret[] = (live?.present ?? []).flatMap((p) => (p.caret ? [{ client: p.client, name: p.name, color: p.color, ...positionsOf(p.caret) }] : []));
    carets.show(box, others);
    // This person's own typing moves the words others' carets are on: drawn again after each change.
    const stop = editor.registerUpdateListener(() => carets.show(box, others));
    return () => {
      stop();
      carets.show(box, []);
    };
  }, [live, box, doc, editorSession, editor]);

  return page && joined ? createPortal(<div className="live-carets" ref={setBox} aria-hidden="true" data-testid="live-carets" />, page) : null;
}
