// The library: every message in the library folder, sortable, searchable, and opened with a
// double click or Enter. As in Finder and Word, what can be done to a message is offered once, for
// the selected row (a click or the arrow keys select; Shift+F10 or the menu key goes to its actions).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MessageSummary } from '../../../shared/ipc';
import { TEMPLATES } from '../../../shared/document';
import { search, searchIndex } from '../../../shared/library';
import { call } from '../api';
import { speakingTime, useFormatDate, useLanguage, useT } from '../i18n';
import type { PromptRequest } from '../ui/PromptDialog';
import { RecoverDialog } from './RecoverDialog';

const STATES = ['Draft', 'In review', 'Changes requested', 'Approved', 'Signed'] as const;

type SortKey = 'title' | 'state' | 'updatedAt' | 'words' | 'speakingSeconds' | 'comments';

interface Props {
  onOpen(path: string): void;
  /** Makes a new message of a Word file the person chooses. */
  onFromWord(): void;
  /** Takes a live message the person has no file of from a server ("Open from server…"). */
  onFromServer(): void;
  onShowTrash(): void;
  onError(error: unknown): void;
  prompt(request: PromptRequest): void;
  refreshKey: number;
  onSettings(): void;
}

export function LibraryView({ onOpen, onFromWord, onFromServer, onShowTrash, onError, prompt, refreshKey, onSettings }: Props) {
  const t = useT();
  const formatDate = useFormatDate();
  const language = useLanguage();
  const [messages, setMessages] = useState<MessageSummary[] | null>(null);
  const [query, setQuery] = useState('');
  const [state, setState] = useState<'' | MessageSummary['state']>('');
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'updatedAt', ascending: false });
  const [template, setTemplate] = useState<string>('blank');
  const [reload, setReload] = useState(0);
  const [recovering, setRecovering] = useState<MessageSummary | null>(null);
  const [selectedPath, setSelectedPath] = useState<string | null>(null);
  const table = useRef<HTMLTableSectionElement>(null);
  const actions = useRef<HTMLDivElement>(null);

  useEffect(() => {
    call('library.list').then(setMessages, onError);
  }, [reload, refreshKey, onError]);

  const index = useMemo(() => searchIndex(messages ?? []), [messages]);
  const shown = useMemo(() => {
    const found = search(index, query).filter((m) => !state || m.state === state);
    const dir = sort.ascending ? 1 : -1;
    return found.sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
    });
  }, [index, query, sort, state]);

  const selected = shown.find((m) => m.path === selectedPath) ?? null;
  const act = (work: Promise<unknown>) => work.then(() => setReload((n) => n + 1), onError);
  const create = () => call('message.create', { template: template as 'blank' }).then(onOpen, onError);
  const rename = (m: MessageSummary) =>
    prompt({ label: t('library.renamePrompt'), initial: m.title, onSubmit: (title) => act(call('message.rename', m.path, title)) });

  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="sort" onClick={() => setSort({ key, ascending: active ? !sort.ascending : key === 'title' })}>
          {label}
          <span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  const onRowKey = (event: React.KeyboardEvent<HTMLTableRowElement>, m: MessageSummary) => {
    const rows = Array.from(table.current?.querySelectorAll<HTMLTableRowElement>('tr') ?? []);
    const index = rows.indexOf(event.currentTarget);
    if (event.key === 'Enter') onOpen(m.path);
    else if (event.key === 'ArrowDown') rows[index + 1]?.focus();
    else if (event.key === 'ArrowUp') rows[index - 1]?.focus();
    else if (event.key === 'F2') rename(m);
    else if (event.key === 'Delete') act(call('message.trash', m.path));
    else if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) actions.current?.querySelector('button')?.focus();
    else return;
    event.preventDefault();
  };

  return (
    <main className="library" aria-labelledby="library-heading">
      <header className="library-bar">
        <h1 id="library-heading">{t('library.title')}</h1>
        <input
          type="search"
          aria-label={t('library.search')}
          placeholder={t('library.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label className="filter">
          {t('signoff.filter')}
        <select value={state} onChange={(e) => setState(e.target.value as typeof state)}>
          <option value="">{t('signoff.filterAll')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </select>
        </label>
        {/* Set apart from the filter, with its own words, so it does not read as a second filter. */}
        <div className="new-message" role="group" aria-label={t('library.new')}>
          <label htmlFor="new-template">{t('library.newFrom')}</label>
          <select id="new-template" aria-label={t('library.template')} value={template} onChange={(e) => setTemplate(e.target.value)}>
            {TEMPLATES.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {t(`template.${tpl.id}`)}
              </option>
            ))}
          </select>
          <button type="button" className="primary" onClick={create}>
            {t('library.new')}
          </button>
          <button type="button" onClick={onFromWord} title={t('library.dropWord')}>
            {t('library.newFromWord')}
          </button>
          <button type="button" onClick={onFromServer}>
            {t('library.fromServer')}
          </button>
        </div>
        <button type="button" onClick={onShowTrash}>
          {t('library.trash')}
        </button>
        <button type="button" onClick={onSettings}>
          {t('settings.title')}
        </button>
      </header>
      {selected ? (
        <div className="selection-actions" role="toolbar" aria-label={t('library.actionsFor', { title: selected.title })} ref={actions}>
          <span className="selection-title">{t('library.selected', { title: selected.title })}</span>
          {selected.damage ? (
            <button type="button" onClick={() => setRecovering(selected)}>
              {t('library.recover')}
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => onOpen(selected.path)}>
              {t('library.open')}
            </button>
          )}
          <button type="button" onClick={() => rename(selected)}>
            {t('library.rename')}
          </button>
          <button type="button" onClick={() => act(call('message.duplicate', selected.path))}>
            {t('library.duplicate')}
          </button>
          <button type="button" onClick={() => act(call('message.showInFolder', selected.path))}>
            {t('library.showInFolder')}
          </button>
          <button type="button" onClick={() => act(call('message.trash', selected.path))}>
            {t('library.moveToTrash')}
          </button>
        </div>
      ) : (
        messages && messages.length > 0 && <p className="selection-actions hint">{t('library.selectHint')}</p>
      )}
      {messages && messages.length === 0 ? (
        <p className="empty">{t('library.empty')}</p>
      ) : (
        <table className="messages">
          <thead>
            <tr>
              {header('title', t('library.col.title'))}
              {header('state', t('library.col.state'))}
              {header('updatedAt', t('library.col.updated'))}
              {header('words', t('library.col.words'))}
              {header('speakingSeconds', t('library.col.speaking'))}
              {header('comments', t('library.col.comments'))}
            </tr>
          </thead>
          <tbody ref={table}>
            {shown.map((m) => (
              <tr
                key={m.path}
                tabIndex={0}
                className={m.path === selectedPath ? 'selected' : undefined}
                aria-current={m.path === selectedPath ? 'true' : undefined}
                onFocus={() => setSelectedPath(m.path)}
                onClick={() => setSelectedPath(m.path)}
                onDoubleClick={() => onOpen(m.path)}
                onKeyDown={(e) => onRowKey(e, m)}
                aria-label={m.title}
              >
                <td className="title">
                  {m.title}
                  {m.damage && (
                    <span className="damage" title={m.damage}>
                      {' '}
                      — {t('library.damaged')}: {m.damage}{' '}
                      {/* Said where the damage is, not only for the selected row. */}
                      <button type="button" onClick={() => setRecovering(m)}>
                        {t('library.recover')}
                      </button>
                    </span>
                  )}
                </td>
                <td>
                  {t(`state.${m.state}`)}
                  {m.suggestions > 0 && <span className="muted"> · {t('library.suggestionsOpen', { n: m.suggestions })}</span>}
                </td>
                <td>{formatDate(m.updatedAt)}</td>
                <td className="number">{m.words.toLocaleString(language)}</td>
                <td className="number">{speakingTime(m.speakingSeconds, t)}</td>
                <td className="number">{m.comments.toLocaleString(language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {messages && messages.length > 0 && shown.length === 0 && <p className="empty">{t('library.noMatch')}</p>}
      {recovering && (
        <RecoverDialog
          message={recovering}
          onError={onError}
          onClose={(recovered) => {
            setRecovering(null);
            if (recovered) setReload((n) => n + 1);
          }}
        />
      )}
    </main>
  );
}
