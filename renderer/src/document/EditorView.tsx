// One open message: the editor bound to its document, the toolbar, find and replace, and the
// status bar.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ClickableLinkPlugin } from '@lexical/react/LexicalClickableLinkPlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import * as Y from 'yjs';
import { type Pace, META, newMessageDoc, readMeta, type MessageMeta, MESSAGE_NODES, isSafeLink } from '../../../shared/document';
import type { Settings, Version } from '../../../shared/ipc';
import { call } from '../api';
import { languageName, useT, shortTime, useLanguage } from '../i18n';
import type { PromptRequest } from '../ui/PromptDialog';
import { HistoryPane } from '../history/HistoryPane';
import { HistoryPanel, useVersions, type HistoryView } from '../history/HistoryPanel';
import { $selectionAnchor, type SelectionAnchor } from '../review/anchors';
import { CommentHighlights } from '../review/CommentHighlights';
import { CommentsPanel, usePlacedThreads } from '../review/CommentsPanel';
import { ModeSwitch, type EditMode } from '../review/ModeSwitch';
import { SuggestingPlugin } from '../review/SuggestingPlugin';
import { SuggestionHighlights, SuggestionsPanel, useSuggestions } from '../review/SuggestionsPanel';
import { SignoffPanel, useSignoff } from '../signoff/SignoffPanel';
import { ExportDialog } from '../export/ExportDialog';
import { LiveCarets } from '../live/carets';
import { LiveStatusItem, useLive, WhoIsHere } from '../live/live';
import { $readFormat, EMPTY_FORMAT, runCommand, type FormatState } from './commands';
import { Banners } from './Banners';
import { FindPanel } from './FindPanel';
import { FROM_MAIN, MessageSync, type SessionRef } from './MessageSync';
import { PastePlugin } from './PastePlugin';
import { SignaturePlugin } from './SignaturePlugin';
import { StatusBar } from './StatusBar';
import { editorTheme } from './theme';
import { Toolbar } from './Toolbar';
import { commandFor, shortcutOf } from './shortcuts';

interface Opened {
  doc: Y.Doc;
  readOnly: string | null;
  notice: string | null;
}

interface Props {
  path: string;
  /** What to say as the message opens (what came in from a Word file), or null. */
  greeting?: string | null;
  settings: Settings;
  onClose(): void;
  onError(error: unknown): void;
  prompt(request: PromptRequest): void;
  /** Where the app sends menu commands meant for the editor. */
  commands: React.MutableRefObject<((command: string) => boolean) | null>;
}

export function EditorView(props: Props) {
  const { path, onError, onClose } = props;
  const [opened, setOpened] = useState<Opened | null>(null);
  useEffect(() => {
    let live = true;
    let doc: Y.Doc | null = null;
    call('message.open', path).then(
      (m) => {
        // Every open is matched by one close, even when the view went away while it opened.
        if (!live) return void call('message.close', path).catch(onError);
        doc = newMessageDoc();
        Y.applyUpdate(doc, m.state, FROM_MAIN);
        setOpened({ doc, readOnly: m.readOnly, notice: m.notice });
      },
      (error) => {
        // A message that cannot be opened (damaged, gone) sends the user back with the reason.
        onError(error);
        if (live) onClose();
      },
    );
    return () => {
      live = false;
      doc?.destroy();
      if (!doc) return;
      // Closing the message ends its live session too: the session holds the file open.
      call('live.leave', path).catch(onError);
      call('message.close', path).catch(onError);
    };
  }, [path, onError, onClose]);
  // After a merge the editor is built again from the document, the one truth, rather than trusting
  // the incremental sync of a large change (the issue "Review…" explains why).
  const [generation, setGeneration] = useState(0);
  const [said, setSaid] = useState<string | null>(props.greeting ?? null);
  const reload = useCallback((message?: string) => {
    if (message !== undefined) setSaid(message);
    setGeneration((n) => n + 1);
  }, []);
  if (!opened) return <main className="editor-view loading" aria-busy="true" />;
  return <OpenEditor key={`${path}:${generation}`} {...props} {...opened} said={said} say={setSaid} reload={reload} />;
}

function useMeta(doc: Y.Doc): MessageMeta {
  const [meta, setMeta] = useState(() => readMeta(doc));
  useEffect(() => {
    const map = doc.getMap(META);
    const update = () => setMeta(readMeta(doc));
    map.observe(update);
    return () => map.unobserve(update);
  }, [doc]);
  return meta;
}

interface Said {
  /** What the app last told the person (a version saved, a merge summary); it outlives a reload. */
  said: string | null;
  say(message: string | null): void;
  /** Builds the editor again from the document, saying `message` if given. */
  reload(message?: string): void;
}

function OpenEditor({ path, settings, onClose, onError, prompt, commands, doc, readOnly, notice, said, say, reload }: Props & Opened & Said) {
  const t = useT();
  const meta = useMeta(doc);
  const language = useLanguage();
  const [find, setFind] = useState<null | 'find' | 'replace'>(null);
  // One side panel at a time: the version history or the comments.
  const [panel, setPanel] = useState<null | 'history' | 'comments' | 'suggestions' | 'signoff'>(null);
  const [exporting, setExporting] = useState(false);
  const [pendingComment, setPendingComment] = useState<SelectionAnchor | 'no-selection' | null>(null);
  const [activeThread, setActiveThread] = useState<string | null>(null);
  const [reveal, setReveal] = useState<{ id: string } | null>(null);
  const placed = usePlacedThreads(doc);
  const signoff = useSignoff(path, doc, onError);
  // In review or signed, the words are locked for everyone (comments stay open).
  const locked = !!signoff.status?.textLocked;
  const signed = signoff.status?.state === 'Signed';
  const [noticeShown, setNoticeShown] = useState(true);
  // The text the stale approvals were for, to show what changed since.
  const approvedVersion = signoff.status?.records.filter((r) => r.kind === 'approved' && r.status === 'stale' && r.versionId).pop()?.versionId;
  const openComments = placed.filter((p) => !p.thread.resolved).length;
  const me = useMemo(() => ({ name: settings.name, title: settings.jobTitle }), [settings.name, settings.jobTitle]);
  // A reviewer (on the roster, neither owner nor author) suggests; the main process holds them to it.
  const myRoles = signoff.status?.myRoles ?? [];
  const onlySuggesting = myRoles.includes('reviewer') && !myRoles.some((r) => r === 'owner' || r === 'author');
  const [chosenMode, setMode] = useState<EditMode>('editing');
  const mode: EditMode = onlySuggesting ? 'suggesting' : chosenMode;
  const editable = !readOnly && !locked;
  const suggestions = useSuggestions(doc);
  const [activeSuggestion, setActiveSuggestion] = useState<string | null>(null);
  const [revealSuggestion, setRevealSuggestion] = useState<{ id: string } | null>(null);
  const togglePanel = (which: 'history' | 'comments' | 'suggestions' | 'signoff') => setPanel((open) => (open === which ? null : which));
  const activateThread = useCallback((id: string) => {
    setActiveThread(id);
    setPanel('comments');
  }, []);
  const [view, setView] = useState<HistoryView>({ mode: 'current' });
  const versions = useVersions(doc);
  const session: SessionRef = useRef(null);
  const live = useLive(path, prompt, onError);
  const pace: Pace = useMemo(
    () => ({ wordsPerMinute: settings.wordsPerMinute, cjkCharactersPerMinute: settings.cjkCharactersPerMinute }),
    [settings.wordsPerMinute, settings.cjkCharactersPerMinute],
  );
  const initialConfig = useMemo(
    () => ({
      namespace: 'signet',
      nodes: [...MESSAGE_NODES],
      theme: editorTheme,
      editable: !readOnly,
      // The Yjs document is the source of the content, never an initial editor state.
      editorState: null,
      onError: (error: Error) => onError(error),
    }),
    [readOnly, onError],
  );
  const rename = () =>
    prompt({ label: t('library.renamePrompt'), initial: meta.title, onSubmit: (title) => call('message.rename', path, title).catch(onError) });
  const saveVersion = useCallback(
    () =>
      prompt({
        label: t('history.saveName'),
        note: { label: t('history.saveNote') },
        onSubmit: (name, note) =>
          call('history.record', path, { name, note }).then(() => say(t('history.saved', { name })), onError),
      }),
    [path, prompt, onError, t, say],
  );
  const renameVersion = (v: Version) =>
    prompt({
      label: t('history.saveName'),
      initial: v.name,
      note: { label: t('history.saveNote'), initial: v.note },
      onSubmit: (name, note) => call('history.rename', path, v.id, { name, note }).catch(onError),
    });
  const sendForReview = useCallback(
    () =>
      prompt({
        label: t('review.to'),
        choice: { label: t('review.as'), options: [{ value: 'signet', label: t('review.asSignet') }, { value: 'word', label: t('review.asWord') }] },
        onSubmit: (to, _note, as) =>
          call('review.send', path, { to, as: as === 'word' ? 'word' : 'signet' }).then((sent) => sent && say(t(as === 'word' ? 'review.sentWord' : 'review.sent', { to, path: sent.path })), onError),
      }),
    [path, prompt, onError, t, say],
  );
  const merge = useCallback(
    async (other: string | null) => {
      try {
        const merged = await call('review.merge', path, other);
        if (!merged) return;
        Y.applyUpdate(doc, merged.update, FROM_MAIN);
        const { summary: s, file, word } = merged;
        if (word) {
          const signed = word.broughtIn.map((b) => {
            const what = [b.changes && t('review.wordChanges', { n: b.changes }), b.comments && t('review.wordComments', { n: b.comments })].filter((x): x is string => !!x);
            const joined = what.length === 2 ? t('review.wordAnd', { a: what[0]!, b: what[1]! }) : what[0]!;
            return `${t('clause.separator')}${t('review.mergedWordSigned', { what: joined, signed: b.signed, from: word.from })}`;
          });
          const paragraphs = word.paragraphChanges?.length ? `${t('clause.separator')}${t('review.mergedWordParagraphs', { n: word.paragraphChanges.length, list: word.paragraphChanges.map((c) => `“${c.words}” ${c.change}`).join(', ') })}` : '';
          const left = signed.join('') + (word.leftOut ? `${t('clause.separator')}${t('review.mergedWordLeftOut', { n: word.leftOut })}` : '') + paragraphs;
          if (s.nothingNew) return say(t('review.mergedWordNothing', { from: word.from, file }) + left);
          return reload(t('review.mergedWord', { from: word.from, suggestions: word.suggestions, comments: word.comments }) + left);
        }
        if (s.nothingNew) return say(t('review.nothingNew', { file }));
        // Only what came in: "3 words added; from Ben Okafor", not a row of zeros.
        const parts = [
          s.wordsAdded > 0 && t('review.added', { n: s.wordsAdded }),
          s.wordsRemoved > 0 && t('review.removed', { n: s.wordsRemoved }),
          s.newThreads > 0 && t('review.threads', { n: s.newThreads }),
          s.newReplies > 0 && t('review.replies', { n: s.newReplies }),
          s.newSuggestions > 0 && t('review.suggestions', { n: s.newSuggestions }),
          s.closedSuggestions > 0 && t(s.closedUnlogged > 0 ? 'review.closedUnlogged' : 'review.closed', { n: s.closedSuggestions, m: s.closedUnlogged }),
          // A reviewer's copy: what they could not do, and what the merge made of it (shared/review/reviewer-copy.ts).
          !!s.reviewerCopy?.editsAsSuggestions && t('review.editsAsSuggestions', { n: s.reviewerCopy.editsAsSuggestions, name: s.reviewerCopy.reviewer }),
          !!s.reviewerCopy?.reopened && t('review.reopened', { n: s.reviewerCopy.reopened, name: s.reviewerCopy.reviewer }),
          !!s.reviewerCopy?.reattributed && t('review.reattributed', { n: s.reviewerCopy.reattributed, name: s.reviewerCopy.reviewer }),
          s.newRecords > 0 && t('review.records', { n: s.newRecords }),
        ].filter((part): part is string => !!part);
        const from = t('review.from', { people: s.people.map((p) => p.name).join(t('list.separator')) || t('history.someone') });
        const summary = [parts.join(t('list.separator')), from].filter(Boolean).join(t('clause.separator'));
        reload(t('review.merged', { file, summary }));
      } catch (error) {
        onError(error);
      }
    },
    [path, doc, onError, t, say, reload],
  );
  const panelCommand = useCallback(
    (command: PanelCommand) => {
      if (command === 'history' || command === 'comments' || command === 'signoff') {
        setPanel((open) => (open === command ? null : command));
        return true;
      }
      // A read-only message can still be exported.
      if (command === 'export') {
        setExporting(true);
        return true;
      }
      if (readOnly) return false;
      if (command === 'suggesting') setMode((m) => (m === 'suggesting' && !onlySuggesting ? 'editing' : 'suggesting'));
      else if (command === 'save-version') saveVersion();
      else if (command === 'send-review') sendForReview();
      else void merge(command === 'merge' ? null : command.slice('merge:'.length));
      return true;
    },
    [readOnly, saveVersion, sendForReview, merge, onlySuggesting],
  );
  // The document is the one truth: when the editor cannot follow it step by step, build it again.
  const rebuild = useCallback(() => reload(), [reload]);
  const undoKey = /Mac/.test(navigator.platform) ? '⌘Z' : 'Ctrl+Z';

  return (
    <main className="editor-view" aria-label={meta.title}>
      <LexicalComposer initialConfig={initialConfig}>
        <header className="editor-bar">
          <button type="button" onClick={onClose}>
            ← {t('editor.backToLibrary')}
          </button>
          <h1 className="message-title">
            <button type="button" className="title-button" onClick={rename} aria-label={t('editor.titleButton', { title: meta.title })} disabled={!!readOnly}>
              {meta.title}
            </button>
          </h1>
          {editable && <ModeSwitch mode={mode} onlySuggesting={onlySuggesting} onChange={setMode} />}
          <span className="bar-actions">
            {/* A signed text is final: nothing to version, send out for comments or merge into it. */}
            {!readOnly && !signed && (
              // The text keeps the focus, and gets it back when the dialog closes.
              <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={saveVersion}>
                {t('history.save')}
              </button>
            )}
            {!readOnly && !signed && (
              <>
                <button type="button" onClick={sendForReview}>
                  {t('review.send')}
                </button>
                <button type="button" onClick={() => void merge(null)}>
                  {t('review.merge')}
                </button>
              </>
            )}
            {!readOnly && (
              <button type="button" onClick={live.session ? live.leave : live.join}>
                {t(live.session ? 'live.leave' : 'live.join')}
              </button>
            )}
            <button type="button" aria-pressed={panel === 'comments'} onClick={() => togglePanel('comments')}>
              {t('comments.open')}
              {openComments > 0 && <span className="count-badge" aria-label={t('comments.count', { n: openComments })}>{openComments}</span>}
            </button>
            <button type="button" aria-pressed={panel === 'suggestions'} onClick={() => togglePanel('suggestions')}>
              {t('suggest.open')}
              {suggestions.length > 0 && <span className="count-badge" aria-label={t('suggest.count', { n: suggestions.length })}>{suggestions.length}</span>}
            </button>
            <button type="button" aria-pressed={panel === 'history'} onClick={() => togglePanel('history')}>
              {t('history.open')}
            </button>
            <button type="button" aria-pressed={panel === 'signoff'} onClick={() => togglePanel('signoff')}>
              {t('signoff.open')}
              {signoff.status && signoff.status.state !== 'Draft' && <span className="count-badge">{t(`state.${signoff.status.state}`)}</span>}
            </button>
            <button type="button" onClick={() => setExporting(true)} aria-keyshortcuts={/Mac/.test(navigator.platform) ? 'Meta+Shift+E' : 'Control+Shift+E'}>
              {t('export.menu')}
            </button>
          </span>
        </header>
        <Banners
          readOnly={readOnly}
          lock={locked && view.mode === 'current' ? t(signed ? 'signoff.signedBanner' : 'signoff.lockedBanner') : null}
          stale={signoff.status?.state === 'Draft' && signoff.status.staleApprovedBy.length > 0 ? { onShowChanges: approvedVersion ? () => setView({ mode: 'compare', from: approvedVersion, to: 'current' }) : null } : null}
          notice={said ?? (noticeShown ? notice : null)}
          onCloseNotice={() => (said ? say(null) : setNoticeShown(false))}
        />
        <EditorChrome
          readOnly={!!readOnly || view.mode !== 'current' || locked}
          canComment={!readOnly && view.mode === 'current'}
          settings={settings}
          prompt={prompt}
          commands={commands}
          session={session}
          onFind={setFind}
          onPanel={panelCommand}
          onComment={(anchor) => {
            setPendingComment(anchor ?? 'no-selection');
            setPanel('comments');
          }}
        />
        {find && view.mode === 'current' && <FindPanel withReplace={find === 'replace'} readOnly={!!readOnly} onClose={() => setFind(null)} />}
        <div className="editor-body">
          <div className="editor-main">
            {view.mode !== 'current' && (
              <HistoryPane
                path={path}
                doc={doc}
                view={view}
                versions={versions}
                readOnly={!!readOnly}
                session={session}
                onView={setView}
                onRestored={(v) => say(t('history.restored', { time: shortTime(v.at, language), undo: undoKey }))}
                onError={onError}
              />
            )}
            {/* The editor stays bound while a version is shown, only out of sight. */}
            <div className="page-scroll" hidden={view.mode !== 'current'}>
              <div className="page">
                <RichTextPlugin
                  contentEditable={<ContentEditable className="editor-content" aria-label="Message text" spellCheck lang={meta.language || undefined} />}
                  ErrorBoundary={LexicalErrorBoundary}
                />
              </div>
            </div>
          </div>
          {panel === 'history' && (
            <HistoryPanel versions={versions} view={view} readOnly={!!readOnly} onView={setView} onRename={renameVersion} onClose={() => setPanel(null)} />
          )}
          {panel === 'signoff' && (
            <SignoffPanel path={path} status={signoff.status} settings={settings} refresh={signoff.refresh} onClose={() => setPanel(null)} onError={onError} />
          )}
          {panel === 'suggestions' && (
            <SuggestionsPanel
              doc={doc}
              suggestions={suggestions}
              me={me}
              session={session}
              canDecide={editable && !onlySuggesting}
              active={activeSuggestion}
              onActivate={(id) => {
                setActiveSuggestion(id);
                setRevealSuggestion({ id });
              }}
              onClose={() => setPanel(null)}
            />
          )}
          {panel === 'comments' && (
            <CommentsPanel
              doc={doc}
              placed={placed}
              me={me}
              readOnly={!!readOnly}
              pending={pendingComment}
              active={activeThread}
              onActivate={(id) => {
                setActiveThread(id);
                setReveal({ id });
              }}
              onPendingDone={() => setPendingComment(null)}
              onClose={() => setPanel(null)}
              onError={onError}
            />
          )}
        </div>
        <ListPlugin />
        <LinkPlugin validateUrl={isSafeLink} />
        <ClickableLinkPlugin />
        <PastePlugin />
        <SignaturePlugin />
        <MessageSync path={path} doc={doc} readOnly={!!readOnly} onError={onError} session={session} onOutOfStep={rebuild} />
        <LiveCarets path={path} doc={doc} live={live.session} editorSession={session} onError={onError} />
        <Editable editable={editable} />
        <SuggestingPlugin on={editable && mode === 'suggesting'} author={me} />
        {/* After MessageSync, whose binding it reads. */}
        <CommentHighlights session={session} placed={placed} active={panel === 'comments' ? activeThread : null} reveal={reveal} onActivate={activateThread} />
        <SuggestionHighlights active={panel === 'suggestions' ? activeSuggestion : null} reveal={revealSuggestion} onActivate={(id) => panel === 'suggestions' && setActiveSuggestion(id)} />
        {exporting && (
          <ExportDialog path={path} doc={doc} versions={versions} final={signoff.status?.state === 'Approved' || signoff.status?.state === 'Signed'} onClose={() => setExporting(false)} />
        )}
        <StatusBar path={path} doc={doc} pace={pace} readOnly={readOnly}>
          <LiveStatusItem session={live.session} />
          <WhoIsHere session={live.session} />
          <SpellingLanguage path={path} language={meta.language} disabled={!!readOnly} onError={onError} />
        </StatusBar>
      </LexicalComposer>
    </main>
  );
}


type PanelCommand = 'history' | 'save-version' | 'comments' | 'signoff' | 'send-review' | 'merge' | 'export' | 'suggesting' | `merge:${string}`;


function EditorChrome({
  readOnly,
  canComment,
  settings,
  prompt,
  commands,
  session,
  onFind,
  onPanel,
  onComment,
}: {
  readOnly: boolean;
  /** Comments are open even when the words are locked for review. */
  canComment: boolean;
  settings: Settings;
  prompt(request: PromptRequest): void;
  commands: Props['commands'];
  session: SessionRef;
  onFind(kind: 'find' | 'replace'): void;
  /** Side panel commands, which work whatever is shown. */
  onPanel(command: PanelCommand): boolean;
  /** Comment on the selected words (null when none are selected). */
  onComment(anchor: SelectionAnchor | null): void;
}) {
  const t = useT();
  const [editor] = useLexicalComposerContext();
  const [format, setFormat] = useState<FormatState>(EMPTY_FORMAT);
  const formatRef = useRef(format);
  formatRef.current = format;

  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) =>
        editorState.read(() => {
          const next = $readFormat();
          // Only a change of format goes to the native menu, not every keystroke.
          if (JSON.stringify(next) !== JSON.stringify(formatRef.current)) {
            setFormat(next);
            call('app.showFormat', next).catch(() => {});
          }
        }),
      ),
    [editor],
  );

  const run = useCallback(
    (command: string) => {
      if (command === 'find' || command === 'replace') {
        onFind(command);
        return true;
      }
      if (['history', 'save-version', 'comments', 'signoff', 'send-review', 'merge', 'export', 'suggesting'].includes(command) || command.startsWith('merge:')) return onPanel(command as PanelCommand);
      if (command === 'comment') {
        if (!canComment) return false;
        const binding = session.current?.binding;
        onComment(binding ? editor.getEditorState().read(() => $selectionAnchor(binding)) : null);
        return true;
      }
      if (readOnly) return false;
      return runCommand(command, {
        editor,
        format: formatRef.current,
        signatory: { name: settings.name, jobTitle: settings.jobTitle },
        askLink: (current, apply) => {
          if (current) return apply(null);
          prompt({
            label: t('editor.linkPrompt'),
            initial: 'https://',
            validate: (url) => (isSafeLink(url) ? null : t('editor.linkRefused')),
            onSubmit: (url) => {
              editor.focus();
              apply(url);
            },
          });
        },
      });
    },
    [editor, readOnly, canComment, settings.name, settings.jobTitle, prompt, t, onFind, onPanel, onComment, session],
  );

  useEffect(() => {
    commands.current = run;
    return () => {
      if (commands.current === run) commands.current = null;
    };
  }, [commands, run]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandFor(shortcutOf(e), /Mac/.test(navigator.platform));
      if (command && run(command)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  return <Toolbar format={format} disabled={readOnly} canComment={canComment} run={run} />;
}

/** Makes the editor read-only while the words are locked, and editable again after. */
function Editable({ editable }: { editable: boolean }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.setEditable(editable), [editor, editable]);
  return null;
}

function SpellingLanguage({ path, language, disabled, onError }: { path: string; language: string; disabled: boolean; onError(e: unknown): void }) {
  const t = useT();
  const ui = useLanguage();
  const [languages, setLanguages] = useState<string[]>([]);
  useEffect(() => {
    call('spellcheck.languages').then(setLanguages, onError);
  }, [onError]);
  const options = languages.includes(language) || !language ? languages : [language, ...languages];
  return (
    <select
      className="spelling"
      aria-label={t('settings.spellcheck')}
      value={language}
      disabled={disabled || options.length === 0}
      onChange={(e) => call('message.setLanguage', path, e.target.value).catch(onError)}
    >
      {options.map((l) => (
        <option key={l} value={l}>
          {languageName(l, ui)}
        </option>
      ))}
    </select>
  );
}
