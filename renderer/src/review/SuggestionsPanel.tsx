// The open suggestions beside the editor, a card each in document order: who, when and what, with
// Accept and Reject (Withdraw on one's own), Accept all and Reject all, and all of one person's.
// Each decision is one edit of the text (so one undo step, which reopens it) and an entry in the
// message's log of who decided what.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type * as Y from 'yjs';
import { authorHue as hueOf, FORMAT_NAMES, TEXT_ROOT, type Person } from '../../../shared/document';
import { decideInEditor, listSuggestions, logDecisions, splitQuote, type Decision, type Suggestion, type Which } from '../../../shared/review';
import type { MessageKey } from '../../../shared/i18n';
import type { SessionRef } from '../document/MessageSync';
import { showHighlight } from '../document/highlights';
import { shortTime, useLanguage, useT } from '../i18n';
import { SidePanel } from '../ui/SidePanel';

/** The message's open suggestions, kept up to date as the text changes (at most once a frame). */
export function useSuggestions(doc: Y.Doc): Suggestion[] {
  const [list, setList] = useState(() => listSuggestions(doc));
  useEffect(() => {
    let frame = 0;
    const update = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setList(listSuggestions(doc))));
    };
    const root = doc.get(TEXT_ROOT);
    root.observeDeep(update);
    return () => {
      cancelAnimationFrame(frame);
      root.unobserveDeep(update);
    };
  }, [doc]);
  return list;
}

const shorten = (words: string) => {
  const flat = words.replace(/\n/g, ' ¶ ');
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
};

/** "Replace “by June” with “in the first half of the year”", in the reader's language. */
export function useDescribe(): (s: Suggestion) => string {
  const t = useT();
  const change = useDescribeChange();
  return useCallback(
    (s: Suggestion) => {
      const what = change(s);
      if (!s.paragraphKinds) return what;
      return t('suggest.makesKinds', { what, kinds: s.paragraphKinds.map((k) => t(`editor.${k}`)).join(t('list.separator')) });
    },
    [t, change],
  );
}

function useDescribeChange(): (s: Suggestion) => string {
  const t = useT();
  return useCallback(
    (s: Suggestion) => {
      if (s.change === 'insert') return t('suggest.insert', { words: shorten(s.inserted) });
      if (s.change === 'delete') return t('suggest.delete', { words: shorten(s.deleted) });
      if (s.change === 'replace') return t('suggest.replace', { from: shorten(s.deleted), to: shorten(s.inserted) });
      if (s.change === 'split') return s.after ? t('suggest.split', { words: splitQuote(s.after) }) : t('suggest.splitStart');
      if (s.change === 'join') return t('suggest.join');
      const before = s.formatBefore ?? 0;
      const after = s.formatAfter ?? 0;
      const changes = FORMAT_NAMES.flatMap((name, bit) => {
        const mask = 1 << bit;
        if ((before & mask) === (after & mask) || !['bold', 'italic', 'underline', 'strikethrough'].includes(name)) return [];
        return [t(`suggest.${after & mask ? 'make' : 'unmake'}.${name}` as MessageKey)];
      });
      return t('suggest.format', { words: shorten(s.deleted), change: changes.join(t('list.separator')) });
    },
    [t],
  );
}

/** Who proposed the open suggestions, with how many each, in the order of their first. */
function people(suggestions: Suggestion[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of suggestions) counts.set(s.author.name, (counts.get(s.author.name) ?? 0) + 1);
  return [...counts];
}

interface Props {
  doc: Y.Doc;
  suggestions: Suggestion[];
  me: Person;
  session: SessionRef;
  /** Whether this person may accept and reject (an author or owner). */
  canDecide: boolean;
  active: string | null;
  onActivate(id: string): void;
  onClose(): void;
}

export function SuggestionsPanel({ doc, suggestions, me, session, canDecide, active, onActivate, onClose }: Props) {
  const t = useT();
  const language = useLanguage();
  const describe = useDescribe();
  const [editor] = useLexicalComposerContext();
  const decide = (which: Which, decision: Decision) => {
    const open = listSuggestions(doc);
    let ids: string[] = [];
    const step = () => void (ids = decideInEditor(editor, which, decision));
    if (session.current) session.current.oneStep(step);
    else step();
    logDecisions(doc, open.filter((s) => ids.includes(s.id)), decision, me);
  };
  return (
    <SidePanel title={t('suggest.title')} className="suggestions-panel" onClose={onClose}>
      {suggestions.length === 0 ? (
        <p className="muted">{t('suggest.none')}</p>
      ) : (
        canDecide && (
          <>
            <p className="panel-actions">
              <button type="button" onClick={() => decide('all', 'accepted')}>
                {t('suggest.acceptAll')}
              </button>
              <button type="button" onClick={() => decide('all', 'rejected')}>
                {t('suggest.rejectAll')}
              </button>
            </p>
            <ul className="suggestion-people">
              {people(suggestions).map(([name, n]) => (
                <li key={name} style={{ ['--suggestion-hue' as string]: String(hueOf(name)) }}>
                  <span className="suggestion-author">{t('suggest.byPerson', { name, n })}</span>
                  <span className="panel-actions">
                    <button type="button" onClick={() => decide({ author: name }, 'accepted')}>
                      {t('suggest.acceptAllBy', { name })}
                    </button>
                    <button type="button" onClick={() => decide({ author: name }, 'rejected')}>
                      {t('suggest.rejectAllBy', { name })}
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          </>
        )
      )}
      <ol className="suggestion-cards">
        {suggestions.map((s) => (
          <li key={s.id}>
            <article
              className={`suggestion-card${s.id === active ? ' active' : ''}`}
              aria-label={t('suggest.cardBy', { name: s.author.name })}
              aria-current={s.id === active || undefined}
              style={{ ['--suggestion-hue' as string]: String(hueOf(s.author.name)) }}
            >
              <button type="button" className="suggestion-what" onClick={() => onActivate(s.id)}>
                {describe(s)}
              </button>
              <p className="comment-meta muted">
                <span className="suggestion-author">{s.author.name}</span> · <time dateTime={s.at}>{shortTime(s.at, language)}</time>
              </p>
              {(canDecide || s.author.name === me.name) && (
                <p className="suggestion-actions">
                  {canDecide && (
                    <>
                      <button type="button" onClick={() => decide(new Set([s.id]), 'accepted')}>
                        {t('suggest.accept')}
                      </button>
                      <button type="button" onClick={() => decide(new Set([s.id]), 'rejected')}>
                        {t('suggest.reject')}
                      </button>
                    </>
                  )}
                  {s.author.name === me.name && (
                    <button type="button" onClick={() => decide(new Set([s.id]), 'withdrawn')}>
                      {t('suggest.withdraw')}
                    </button>
                  )}
                </p>
              )}
            </article>
          </li>
        ))}
      </ol>
    </SidePanel>
  );
}

/**
 * Marks the words of the chosen card in the text (and brings them into view when it is chosen in
 * the panel), and chooses the card whose words the caret is in.
 */
export function SuggestionHighlights({ active, reveal, onActivate }: { active: string | null; reveal: { id: string } | null; onActivate(id: string): void }) {
  const [editor] = useLexicalComposerContext();
  const rangesOf = useCallback(
    (id: string | null) => {
      const root = editor.getRootElement();
      if (!root || !id) return [];
      return [...root.querySelectorAll(`[data-suggestions~="${CSS.escape(id)}"]`)].map((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return range;
      });
    },
    [editor],
  );
  useEffect(() => {
    const draw = () => showHighlight('suggestion-active', rangesOf(active));
    draw();
    const stop = editor.registerUpdateListener(draw);
    return () => {
      stop();
      showHighlight('suggestion-active', []);
    };
  }, [editor, active, rangesOf]);
  const activeRef = useRef(active);
  activeRef.current = active;
  useEffect(() => {
    if (!reveal) return;
    rangesOf(reveal.id)[0]?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  }, [reveal, rangesOf]);
  useEffect(() => {
    const onSelection = () => {
      const node = document.getSelection()?.anchorNode;
      if (!node || !editor.getRootElement()?.contains(node)) return;
      const el = (node instanceof Element ? node : node.parentElement)?.closest('[data-suggestions]');
      const id = el?.getAttribute('data-suggestions')?.split(' ')[0];
      if (id && id !== activeRef.current) onActivate(id);
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, [editor, onActivate]);
  return null;
}
