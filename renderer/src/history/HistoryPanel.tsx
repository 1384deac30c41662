// The version history beside the editor: a timeline grouped by day, newest first, and the way
// into viewing, comparing and restoring a version.
import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { Version } from '../../../shared/ipc';
import { listVersions, observeVersions } from '../../../shared/history';
import { useLanguage, useT } from '../i18n';
import { SidePanel } from '../ui/SidePanel';
import { dayLabel, versionReason, versionTitle } from './labels';

export type HistoryView = { mode: 'current' } | { mode: 'version'; id: string } | { mode: 'compare'; from: string; to: string };

/** The document's versions, newest first, kept up to date as versions are recorded or merged in. */
export function useVersions(doc: Y.Doc): Version[] {
  const [versions, setVersions] = useState(() => listVersions(doc));
  useEffect(() => observeVersions(doc, () => setVersions(listVersions(doc))), [doc]);
  return versions;
}

interface Props {
  versions: Version[];
  view: HistoryView;
  readOnly: boolean;
  onView(view: HistoryView): void;
  onRename(version: Version): void;
  onClose(): void;
}

export function HistoryPanel({ versions, view, readOnly, onView, onRename, onClose }: Props) {
  const t = useT();
  const language = useLanguage();
  const [namedOnly, setNamedOnly] = useState(false);
  const selected = view.mode === 'version' ? view.id : view.mode === 'compare' ? view.from : null;
  const shown = namedOnly ? versions.filter((v) => v.kind === 'named') : versions;
  const days = useMemo(() => {
    const groups: { day: string; versions: Version[] }[] = [];
    for (const v of shown) {
      const day = dayLabel(v.at, language, t);
      if (groups[groups.length - 1]?.day !== day) groups.push({ day, versions: [] });
      groups[groups.length - 1].versions.push(v);
    }
    return groups;
  }, [shown, language, t]);

  return (
    <SidePanel title={t('history.title')} className="history-panel" onClose={onClose}>
      <CompareForm versions={versions} view={view} onView={onView} />
      <label className="named-only">
        <input type="checkbox" checked={namedOnly} onChange={(e) => setNamedOnly(e.target.checked)} /> {t('history.namedOnly')}
      </label>
      {shown.length === 0 && <p className="muted">{t('history.empty')}</p>}
      {days.map(({ day, versions: list }) => (
        <section key={day} aria-label={day}>
          <h3>{day}</h3>
          <ol className="timeline">
            {list.map((v) => (
              <li key={v.id} className={v.id === selected ? 'selected' : undefined}>
                <button type="button" className="version" aria-current={v.id === selected ? 'true' : undefined} onClick={() => onView({ mode: 'version', id: v.id })}>
                  <span className="version-title">{versionTitle(v, language)}</span>
                  {v.kind !== 'named' && <span className="version-reason">{versionReason(v, versions, language, t)}</span>}
                  {v.note && <span className="version-note">{v.note}</span>}
                  <span className="version-meta">
                    {v.author.name} · {t('history.changes', { added: v.added, removed: v.removed })}
                  </span>
                </button>
                {!readOnly && (
                  <button type="button" className="link-button" onClick={() => onRename(v)}>
                    {t('history.rename')}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </SidePanel>
  );
}

function CompareForm({ versions, view, onView }: { versions: Version[]; view: HistoryView; onView(view: HistoryView): void }) {
  const t = useT();
  const language = useLanguage();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('current');
  // Selecting a version makes it the one compared, against the current text unless chosen otherwise.
  const chosen = view.mode === 'version' ? view.id : view.mode === 'compare' ? view.from : '';
  useEffect(() => {
    if (chosen) setFrom(chosen);
  }, [chosen]);
  const fromValue = from || versions[0]?.id || '';
  const options = versions.map((v) => (
    <option key={v.id} value={v.id}>
      {versionTitle(v, language)}
    </option>
  ));
  return (
    <form
      className="compare-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (fromValue) onView({ mode: 'compare', from: fromValue, to });
      }}
    >
      <label>
        {t('history.compareFrom')}
        <select value={fromValue} onChange={(e) => setFrom(e.target.value)} disabled={versions.length === 0}>
          {options}
        </select>
      </label>
      <label>
        {t('history.compareTo')}
        <select value={to} onChange={(e) => setTo(e.target.value)} disabled={versions.length === 0}>
          <option value="current">{t('history.current')}</option>
          {options}
        </select>
      </label>
      <button type="submit" disabled={!fromValue}>
        {t('history.compare')}
      </button>
    </form>
  );
}
