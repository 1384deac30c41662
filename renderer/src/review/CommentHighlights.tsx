// Marks the words each open thread is on (and the chosen thread more strongly) without changing
// the document, and opens a thread when the caret goes into its words.
import { useEffect, useRef } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { SKIP_DOM_SELECTION_TAG } from 'lexical';
import type { Placed } from '../../../shared/review';
import { $selectMatch } from '../document/find';
import { domRange, showHighlight } from '../document/highlights';
import type { SessionRef } from '../document/MessageSync';
import { $threadMatch } from './anchors';

interface Props {
  session: SessionRef;
  placed: Placed[];
  active: string | null;
  /** A new object each time the person chooses a thread in the panel: its words are selected and scrolled to. */
  reveal: { id: string } | null;
  onActivate(threadId: string): void;
}

export function CommentHighlights({ session, placed, active, reveal, onActivate }: Props) {
  const [editor] = useLexicalComposerContext();
  const ranges = useRef<{ id: string; range: Range }[]>([]);

  useEffect(() => {
    const draw = () => {
      const binding = session.current?.binding;
      if (!binding) return;
      const open = placed.filter((p) => p.anchored && !p.thread.resolved);
      const matches = editor.getEditorState().read(() => open.map((p) => ({ id: p.thread.id, match: $threadMatch(binding, p.thread) })));
      ranges.current = matches.flatMap(({ id, match }) => {
        const range = match && domRange(editor, match);
        return range ? [{ id, range }] : [];
      });
      showHighlight('comment', ranges.current.map((r) => r.range));
      showHighlight('comment-active', ranges.current.filter((r) => r.id === active).map((r) => r.range));
    };
    draw();
    const stop = editor.registerUpdateListener(draw);
    return () => {
      stop();
      showHighlight('comment', []);
      showHighlight('comment-active', []);
    };
  }, [editor, session, placed, active]);

  // A thread chosen in the panel: select its words (focus stays in the panel) and bring them into view.
  const placedRef = useRef(placed);
  placedRef.current = placed;
  useEffect(() => {
    const binding = session.current?.binding;
    const thread = placedRef.current.find((p) => p.thread.id === reveal?.id && p.anchored)?.thread;
    if (!binding || !thread) return;
    const match = editor.getEditorState().read(() => $threadMatch(binding, thread));
    if (!match) return;
    editor.update(() => $selectMatch(match), { tag: SKIP_DOM_SELECTION_TAG });
    domRange(editor, match)?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  }, [editor, session, reveal]);

  // The caret in a thread's words opens that thread.
  const activeRef = useRef(active);
  activeRef.current = active;
  useEffect(() => {
    const onSelection = () => {
      const selection = document.getSelection();
      const node = selection?.anchorNode;
      if (!node || !editor.getRootElement()?.contains(node)) return;
      const hit = ranges.current.find((r) => r.range.isPointInRange(node, selection.anchorOffset));
      if (hit && hit.id !== activeRef.current) onActivate(hit.id);
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, [editor, onActivate]);
  return null;
}
