// Words, characters and speaking time for the message and the selection, and an honest save state.
import { useEffect, useState, type ReactNode } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, $isRangeSelection } from 'lexical';
import type * as Y from 'yjs';
import { countText, type Counts, type Pace, messageText } from '../../../shared/document';
import type { SaveStatus } from '../../../shared/ipc';
import { on } from '../api';
import { onRefused, refusedReason } from './refused';
import { speakingTime, useLanguage, useT } from '../i18n';

interface Props {
  path: string;
  doc: Y.Doc;
  pace: Pace;
  /** Why the message is read-only, if it is. */
  readOnly: string | null;
  children?: ReactNode;
}

export function StatusBar({ path, doc, pace, readOnly, children }: Props) {
  const t = useT();
  const language = useLanguage();
  const [editor] = useLexicalComposerContext();
  // The save state lives here, so a change of it re-renders the status bar, not the editor.
  const [save, setSave] = useState<SaveStatus>(readOnly ? { state: 'read-only', detail: readOnly } : { state: 'saved' });
  useEffect(
    () =>
      on('message.saveStatus', (event) => {
        if (event.path === path) setSave(event.status);
      }),
    [path],
  );
  // The file's save state says nothing of a change the main process refused (renderer/src/document/refused.ts).
  const [refused, setRefused] = useState(() => refusedReason(doc));
  useEffect(() => onRefused(doc, setRefused), [doc]);
  const shown: SaveStatus = refused && save.state !== 'read-only' ? { state: 'error', detail: refused } : save;
  const [whole, setWhole] = useState<Counts>(() => countText(messageText(doc), pace));
  const [selection, setSelection] = useState<Counts | null>(null);

  useEffect(() => {
    // Counted from the document itself, a moment after typing pauses.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const recount = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setWhole(countText(messageText(doc), pace)), 150);
    };
    doc.on('update', recount);
    setWhole(countText(messageText(doc), pace));
    return () => {
      if (timer) clearTimeout(timer);
      doc.off('update', recount);
    };
  }, [doc, pace]);

  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        editorState.read(() => {
          const s = $getSelection();
          const text = $isRangeSelection(s) && !s.isCollapsed() ? s.getTextContent() : '';
          setSelection(text ? countText(text, pace) : null);
        });
      }),
    [editor, pace],
  );

  const saveLabel = { saved: t('status.saved'), saving: t('status.saving'), error: t('status.error'), 'read-only': t('status.readOnly') }[shown.state];
  return (
    <footer className="status-bar" aria-label="Status">
      <span data-testid="count-words">{t('status.words', { n: whole.words.toLocaleString(language) })}</span>
      <span data-testid="count-characters">{t('status.characters', { n: whole.characters.toLocaleString(language) })}</span>
      <span data-testid="count-speaking">{t('status.speaking', { t: speakingTime(whole.speakingSeconds, t) })}</span>
      {selection && (
        <span data-testid="count-selection">
          {/* A selection too short to take a second to say has no speaking time: "0 s" is noise. */}
          {t(selection.speakingSeconds > 0 ? 'status.selectionTime' : 'status.selection', { w: selection.words, c: selection.characters, t: speakingTime(selection.speakingSeconds, t) })}
        </span>
      )}
      {children}
      <span className={`save save-${shown.state}`} role="status" title={shown.detail ?? ''} data-testid="save-state">
        {saveLabel}
        {shown.detail && shown.state === 'error' ? ` — ${shown.detail}` : ''}
      </span>
    </footer>
  );
}
