import { useEffect, useState } from 'react';
import type { TrashEntry } from '../../../shared/ipc';
import { call } from '../api';
import { useFormatDate, useT } from '../i18n';

export function TrashView({ onBack, onError }: { onBack(): void; onError(error: unknown): void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [entries, setEntries] = useState<TrashEntry[] | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    call('library.trash').then(setEntries, onError);
  }, [reload, onError]);
  const restore = (name: string) => call('message.restore', name).then(() => setReload((n) => n + 1), onError);
  return (
    <main className="library" aria-labelledby="trash-heading">
      <header className="library-bar">
        <h1 id="trash-heading">{t('library.trash')}</h1>
        <button type="button" onClick={onBack}>
          {t('library.backToLibrary')}
        </button>
      </header>
      {entries && entries.length === 0 && <p className="empty">{t('library.trashEmpty')}</p>}
      <ul className="trash">
        {entries?.map((e) => (
          <li key={e.name}>
            <span className="title">{e.title}</span> <span className="muted">{formatDate(e.trashedAt)}</span>{' '}
            <button type="button" onClick={() => restore(e.name)} aria-label={`${t('library.restore')} ${e.title}`}>
              {t('library.restore')}
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
