// What takes the editor's place while a version is viewed or two are compared: a banner that says
// what is shown and how to get back, and the version or the comparison itself.
import { useEffect, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type * as Y from 'yjs';
import type { Comparison } from '../../../shared/history';
import type { Version } from '../../../shared/ipc';
import { call } from '../api';
import type { SessionRef } from '../document/MessageSync';
import { shortTime, useLanguage, useT } from '../i18n';
import { CompareView } from './CompareView';
import type { HistoryView } from './HistoryPanel';
import { versionTitle } from './labels';
import { VersionView } from './VersionView';

interface Props {
  path: string;
  doc: Y.Doc;
  view: Exclude<HistoryView, { mode: 'current' }>;
  versions: Version[];
  readOnly: boolean;
  session: SessionRef;
  onView(view: HistoryView): void;
  onRestored(version: Version): void;
  onError(e: unknown): void;
}

export function HistoryPane({ path, doc, view, versions, readOnly, session, onView, onRestored, onError }: Props) {
  const t = useT();
  const language = useLanguage();
  const [editor] = useLexicalComposerContext();
  const [busy, setBusy] = useState(false);
  const label = (ref: string) => {
    if (ref === 'current') return t('history.current');
    const v = versions.find((x) => x.id === ref);
    return v ? versionTitle(v, language) : ref;
  };
  const version = view.mode === 'version' ? versions.find((v) => v.id === view.id) : undefined;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) onView({ mode: 'current' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onView]);

  const restore = async (v: Version) => {
    setBusy(true);
    try {
      // A version of the text as it is goes first, so the restore itself can be looked back on.
      await call('history.restoring', path, v.id, 'before');
      if (!session.current) throw new Error('The editor is not ready; try again.');
      session.current.restore(v.id);
      await call('history.restoring', path, v.id, 'after');
      onView({ mode: 'current' });
      onRestored(v);
      editor.focus();
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="banner history-banner" role="status">
        <span>
          {view.mode === 'version'
            ? version?.name
              ? t('history.viewingNamed', { name: version.name, time: shortTime(version.at, language) })
              : t('history.viewing', { time: version ? shortTime(version.at, language) : view.id })
            : t('history.comparing', { from: label(view.from), to: label(view.to) })}
        </span>
        <span className="banner-actions">
          {view.mode === 'version' && (
            <button type="button" onClick={() => onView({ mode: 'compare', from: view.id, to: 'current' })}>
              {t('history.compareWithCurrent')}
            </button>
          )}
          {version && !readOnly && (
            <button type="button" disabled={busy} onClick={() => void restore(version)}>
              {t('history.restore')}
            </button>
          )}
          <button type="button" className="primary" onClick={() => onView({ mode: 'current' })}>
            {t('history.back')}
          </button>
        </span>
      </div>
      <div className="page-scroll">
        <div className="page">
          {view.mode === 'version' ? (
            <VersionView doc={doc} versionId={view.id} />
          ) : (
            <ComparePane path={path} from={view.from} to={view.to} title={t('history.comparing', { from: label(view.from), to: label(view.to) })} onError={onError} />
          )}
        </div>
      </div>
    </>
  );
}

function ComparePane({ path, from, to, title, onError }: { path: string; from: string; to: string; title: string; onError(e: unknown): void }) {
  const [comparison, setComparison] = useState<Comparison | null>(null);
  useEffect(() => {
    let live = true;
    setComparison(null);
    call('history.compare', path, from, to).then((c) => live && setComparison(c), onError);
    return () => {
      live = false;
    };
  }, [path, from, to, onError]);
  if (!comparison) return <div className="compare" aria-busy="true" />;
  return <CompareView comparison={comparison} title={title} />;
}
