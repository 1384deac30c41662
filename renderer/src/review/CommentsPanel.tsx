// The comment threads beside the editor, open ones in document order (resolved ones behind a
// filter): reply, edit and delete one's own comments, resolve and reopen. Threads live in the
// message's Yjs document, so every change here is saved and travels with the copies.
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import {
  createThread,
  deleteComment,
  editComment,
  observeThreads,
  placeThreads,
  reply,
  setResolved,
  type Comment,
  type Placed,
} from '../../../shared/review';
import type { Person } from '../../../shared/ipc';
import { shortTime, useLanguage, useT } from '../i18n';
import { SidePanel } from '../ui/SidePanel';
import type { SelectionAnchor } from './anchors';

/** The message's threads, placed in document order, kept up to date as the text and threads change. */
export function usePlacedThreads(doc: Y.Doc): Placed[] {
  const [placed, setPlaced] = useState(() => placeThreads(doc));
  useEffect(() => {
    // At most once a frame, however fast the typing: placing walks the whole text.
    let frame = 0;
    const update = () => {
      if (!frame) frame = requestAnimationFrame(() => ((frame = 0), setPlaced(placeThreads(doc))));
    };
    const stop = observeThreads(doc, update);
    // The words a thread holds change as the text is edited.
    doc.on('afterTransaction', update);
    return () => {
      cancelAnimationFrame(frame);
      stop();
      doc.off('afterTransaction', update);
    };
  }, [doc]);
  return placed;
}

interface Props {
  doc: Y.Doc;
  placed: Placed[];
  me: Person;
  readOnly: boolean;
  /** Words selected for a new thread, or a reason there are none. */
  pending: SelectionAnchor | 'no-selection' | null;
  active: string | null;
  onActivate(threadId: string): void;
  onPendingDone(): void;
  onClose(): void;
  onError(e: unknown): void;
}

export function CommentsPanel({ doc, placed, me, readOnly, pending, active, onActivate, onPendingDone, onClose, onError }: Props) {
  const t = useT();
  const [showResolved, setShowResolved] = useState(false);
  const shown = placed.filter((p) => showResolved || !p.thread.resolved);
  const attempt = (change: () => void) => {
    try {
      change();
      return true;
    } catch (error) {
      onError(error);
      return false;
    }
  };
  return (
    <SidePanel title={t('comments.title')} className="comments-panel" onClose={onClose}>
      {pending === 'no-selection' && (
        <p className="muted" role="status">
          {t('comments.selectFirst')}
        </p>
      )}
      {pending && pending !== 'no-selection' && (
        <Composer
          label={t('comments.newOn', { quote: shorten(pending.quote) })}
          placeholder={t('comments.placeholder')}
          submit={t('comments.post')}
          onCancel={onPendingDone}
          onSubmit={(text) => {
            let id = '';
            if (attempt(() => (id = createThread(doc, { ...pending, text, author: me })))) {
              onPendingDone();
              onActivate(id);
            }
          }}
        />
      )}
      <label className="named-only">
        <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} /> {t('comments.showResolved')}
      </label>
      {placed.length === 0 && !pending && <p className="muted">{t('comments.none')}</p>}
      {placed.length > 0 && shown.length === 0 && <p className="muted">{t('comments.noneOpen')}</p>}
      <ol className="threads">
        {shown.map((p) => (
          <ThreadView key={p.thread.id} placed={p} me={me} readOnly={readOnly} active={p.thread.id === active} onActivate={onActivate} attempt={attempt} doc={doc} />
        ))}
      </ol>
    </SidePanel>
  );
}

const shorten = (quote: string) => (quote.length > 60 ? `${quote.slice(0, 57)}…` : quote);

function ThreadView({ placed, me, readOnly, active, onActivate, attempt, doc }: {
  placed: Placed;
  me: Person;
  readOnly: boolean;
  active: boolean;
  onActivate(id: string): void;
  attempt(change: () => void): boolean;
  doc: Y.Doc;
}) {
  const t = useT();
  const language = useLanguage();
  const formatDate = (iso: string) => shortTime(iso, language);
  const { thread, anchored } = placed;
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const quote = anchored ? placed.text : thread.quote;
  return (
    <li ref={ref} className={`thread${active ? ' active' : ''}${thread.resolved ? ' resolved' : ''}${anchored ? '' : ' orphan'}`}>
      <article aria-label={t('comments.thread', { quote: shorten(thread.quote) })}>
        <button type="button" className="thread-quote" aria-pressed={active} onClick={() => onActivate(thread.id)}>
          {!anchored && <span className="thread-orphan">{t('comments.onDeleted')}: </span>}“{shorten(quote)}”
        </button>
        {thread.comments.map((c) => (
          <CommentView key={c.id} comment={c} mine={!readOnly && c.author.name === me.name && c.author.title === me.title} formatDate={formatDate} threadId={thread.id} me={me} attempt={attempt} doc={doc} />
        ))}
        {thread.resolved && thread.resolvedBy && <p className="muted resolved-by">{t('comments.resolvedBy', { name: thread.resolvedBy.name })}</p>}
        {!readOnly && (
          <div className="thread-actions">
            {!thread.resolved && (
              <Composer compact placeholder={t('comments.replyPlaceholder')} label={t('comments.reply')} submit={t('comments.reply')} onSubmit={(text) => attempt(() => reply(doc, thread.id, me, text))} />
            )}
            <button type="button" onClick={() => attempt(() => setResolved(doc, thread.id, !thread.resolved, me))}>
              {thread.resolved ? t('comments.reopen') : t('comments.resolve')}
            </button>
          </div>
        )}
      </article>
    </li>
  );
}

function CommentView({ comment, mine, formatDate, threadId, me, attempt, doc }: {
  comment: Comment;
  mine: boolean;
  formatDate(iso: string): string;
  threadId: string;
  me: Person;
  attempt(change: () => void): boolean;
  doc: Y.Doc;
}) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  if (comment.deleted) return <p className="comment deleted muted">{t('comments.deleted')}</p>;
  return (
    <div className="comment">
      <p className="comment-meta">
        <strong>{comment.author.name}</strong>
        {comment.author.title && <span className="muted"> · {comment.author.title}</span>}
        <span className="muted">
          {' '}
          · <time dateTime={comment.at}>{formatDate(comment.at)}</time>
          {comment.editedAt && ` ${t('comments.edited')}`}
        </span>
      </p>
      {editing ? (
        <Composer
          compact
          initial={comment.text}
          label={t('comments.edit')}
          submit={t('comments.save')}
          onCancel={() => setEditing(false)}
          onSubmit={(text) => attempt(() => editComment(doc, threadId, comment.id, me, text)) && setEditing(false)}
        />
      ) : (
        <p className="comment-text">{comment.text}</p>
      )}
      {mine && !editing && (
        <p className="comment-own">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('comments.edit')}
          </button>
          <button type="button" className="link-button" onClick={() => attempt(() => deleteComment(doc, threadId, comment.id, me))}>
            {t('comments.delete')}
          </button>
        </p>
      )}
    </div>
  );
}

/** A text box with a button: a new comment, a reply, or an edit. Ctrl/Cmd+Enter sends. */
function Composer({ label, placeholder, submit, initial = '', compact = false, onSubmit, onCancel }: {
  label: string;
  placeholder?: string;
  submit: string;
  initial?: string;
  compact?: boolean;
  onSubmit(text: string): void;
  onCancel?(): void;
}) {
  const t = useT();
  const [text, setText] = useState(initial);
  const send = () => {
    if (!text.trim()) return;
    onSubmit(text.trim());
    setText('');
  };
  return (
    <form
      className={`composer${compact ? ' compact' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label>
        <span className={compact ? 'visually-hidden' : undefined}>{label}</span>
        <textarea
          rows={compact ? 2 : 3}
          value={text}
          placeholder={placeholder}
          autoFocus={!compact || !!initial}
          maxLength={5000}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              send();
            } else if (e.key === 'Escape' && onCancel) {
              e.stopPropagation();
              onCancel();
            }
          }}
        />
      </label>
      <div className="composer-buttons">
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        )}
        <button type="submit" className={compact ? undefined : 'primary'} disabled={!text.trim()}>
          {submit}
        </button>
      </div>
    </form>
  );
}
