// "Recover a copy" of a damaged message: from what the file still holds (with its newest backup
// merged in), or from one of the backups the app kept; then what came back and what did not.
import { useEffect, useRef, useState } from 'react';
import type { Backup, MessageSummary, RecoveredCopy } from '../../../shared/ipc';
import { call } from '../api';
import { useFormatDate, useT } from '../i18n';

interface Props {
  message: MessageSummary;
  onClose(recovered: boolean): void;
  onError(error: unknown): void;
}

function lossOf(done: RecoveredCopy, t: ReturnType<typeof useT>, formatDate: (iso: string) => string): string {
  if (!done.lostBytes && !done.leftOut) return t('library.recoverNothingLost');
  if (done.backupSavedAt) return t('library.recoverLostWithBackup', { bytes: done.lostBytes, date: formatDate(done.backupSavedAt) });
  return t('library.recoverLost', { bytes: done.lostBytes });
}

export function RecoverDialog({ message, onClose, onError }: Props) {
  const t = useT();
  const formatDate = useFormatDate();
  const dialog = useRef<HTMLDialogElement>(null);
  const [backups, setBackups] = useState<Backup[] | null>(null);
  const [from, setFrom] = useState<string>('');
  const [done, setDone] = useState<RecoveredCopy | null>(null);
  useEffect(() => {
    dialog.current?.showModal();
    call('message.backups', message.path).then(setBackups, onError);
  }, [message.path, onError]);
  const recover = () => call('message.recover', message.path, from || null).then(setDone, onError);
  const title = done ? done.path.replace(/^.*[\\/]/, '').replace(/\.signet$/, '') : '';
  return (
    <dialog ref={dialog} className="recover" onClose={() => onClose(done !== null)} aria-labelledby="recover-title">
      <form method="dialog" onSubmit={(e) => (e.preventDefault(), done ? onClose(true) : void recover())}>
        <h2 id="recover-title">{t('library.recoverTitle', { title: message.title })}</h2>
        {done ? (
          <div role="status">
            <p>{t('library.recoverDone', { title, words: done.words })}</p>
            <p>{lossOf(done, t, formatDate)}</p>
            {done.repaired > 0 && <p>{t('library.recoverRepaired', { count: done.repaired })}</p>}
          </div>
        ) : (
          <fieldset>
            <legend>{t('library.recoverIntro')}</legend>
            <label className="choice">
              <input type="radio" name="from" checked={from === ''} onChange={() => setFrom('')} />
              {t('library.recoverFromFile')}
            </label>
            {backups?.map((b) => (
              <label className="choice" key={b.id}>
                <input type="radio" name="from" checked={from === b.id} onChange={() => setFrom(b.id)} />
                {t('library.recoverFromBackup', { date: formatDate(b.savedAt), size: Math.max(1, Math.round(b.bytes / 1024)) })}
              </label>
            ))}
            {backups?.length === 0 && <p>{t('library.recoverNoBackups')}</p>}
          </fieldset>
        )}
        <div className="buttons">
          {done ? (
            <button type="submit" className="primary">
              {t('library.recoverClose')}
            </button>
          ) : (
            <>
              <button type="button" onClick={() => onClose(false)}>
                {t('settings.cancel')}
              </button>
              <button type="submit" className="primary">
                {t('library.recoverButton')}
              </button>
            </>
          )}
        </div>
      </form>
    </dialog>
  );
}
