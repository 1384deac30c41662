// Find and replace, with match case, whole word and the number of matches. Matches are shown
// with the CSS Custom Highlight API, so finding never changes the document.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { SKIP_DOM_SELECTION_TAG } from 'lexical';
import { useT } from '../i18n';
import { $findMatches, $replaceMatch, $selectMatch, findPattern, type Match } from './find';
import { domRange, showHighlight } from './highlights';

export function FindPanel({ withReplace, readOnly, onClose }: { withReplace: boolean; readOnly: boolean; onClose(): void }) {
  const t = useT();
  const [editor] = useLexicalComposerContext();
  const [query, setQuery] = useState('');
  const [replacement, setReplacement] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [matches, setMatches] = useState<Match[]>([]);
  const [current, setCurrent] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  const pattern = findPattern(query, { matchCase, wholeWord });
  const search = useCallback(() => {
    editor.getEditorState().read(() => setMatches($findMatches(pattern)));
  }, [editor, pattern?.source, pattern?.flags]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    input.current?.focus();
  }, [withReplace]);
  useEffect(() => {
    search();
    return editor.registerUpdateListener(({ dirtyLeaves, dirtyElements }) => {
      if (dirtyLeaves.size || dirtyElements.size) search();
    });
  }, [editor, search]);
  useEffect(() => setCurrent((c) => (matches.length ? Math.min(c, matches.length - 1) : 0)), [matches]);

  useEffect(() => {
    const ranges = matches.map((m) => domRange(editor, m)).filter((r): r is Range => r !== null);
    showHighlight('find', ranges);
    const active = matches[current] ? domRange(editor, matches[current]) : null;
    showHighlight('find-current', active ? [active] : []);
    active?.startContainer.parentElement?.scrollIntoView({ block: 'nearest' });
    return () => {
      showHighlight('find', []);
      showHighlight('find-current', []);
    };
  }, [editor, matches, current]);

  /** Moves to the next or previous match and selects it in the text. */
  const step = (by: number) => {
    if (!matches.length) return;
    const next = (current + by + matches.length) % matches.length;
    setCurrent(next);
    // The match is selected in the document, but focus stays in the find box.
    editor.update(() => $selectMatch(matches[next]), { tag: SKIP_DOM_SELECTION_TAG });
  };
  const replaceOne = () => {
    const match = matches[current];
    if (match) editor.update(() => $replaceMatch(match, replacement));
  };
  const replaceAll = () =>
    editor.update(() => {
      // From the last match back, so earlier offsets stay valid.
      for (const match of [...$findMatches(pattern)].reverse()) $replaceMatch(match, replacement);
    });

  /** Closing returns to the text with the current match selected, ready to be typed over. */
  const close = () => {
    const match = matches[current];
    editor.getRootElement()?.focus({ preventScroll: true });
    if (match) editor.update(() => $selectMatch(match));
    onClose();
  };

  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') close();
    else if (e.key === 'Enter' && e.target === input.current) step(e.shiftKey ? -1 : 1);
    else return;
    e.preventDefault();
  };

  return (
    <div className="find-panel" role="search" aria-label={t('editor.find')} onKeyDown={onKey}>
      <input ref={input} type="search" aria-label={t('editor.find')} placeholder={t('editor.find')} value={query} onChange={(e) => setQuery(e.target.value)} />
      <span className="matches" role="status" aria-live="polite" data-testid="find-count">
        {query ? t('editor.matches', { n: matches.length }) : ''}
      </span>
      <button type="button" onClick={() => step(-1)} aria-label={t('editor.previous')} disabled={!matches.length}>
        ↑
      </button>
      <button type="button" onClick={() => step(1)} aria-label={t('editor.next')} disabled={!matches.length}>
        ↓
      </button>
      <label>
        <input type="checkbox" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} /> {t('editor.matchCase')}
      </label>
      <label>
        <input type="checkbox" checked={wholeWord} onChange={(e) => setWholeWord(e.target.checked)} /> {t('editor.wholeWord')}
      </label>
      {withReplace && !readOnly && (
        <>
          <input aria-label={t('editor.replace')} placeholder={t('editor.replace')} value={replacement} onChange={(e) => setReplacement(e.target.value)} />
          <button type="button" onClick={replaceOne} disabled={!matches.length}>
            {t('editor.replace')}
          </button>
          <button type="button" onClick={replaceAll} disabled={!matches.length}>
            {t('editor.replaceAll')}
          </button>
        </>
      )}
      <button type="button" onClick={close} aria-label={t('editor.closeFind')}>
        ×
      </button>
    </div>
  );
}
