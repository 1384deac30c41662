// What the editor has to say above the text, in one area: a read-only reason, the sign-off lock, stale
// approvals, and the latest notice. Each says one thing and closes on its own, so a merge's notice on a
// signed message never reads as part of the lock.
import { useState, type ReactNode } from 'react';
import { useT } from '../i18n';

interface Props {
  /** Why the file cannot be written, if it cannot (not dismissable: it stays true). */
  readOnly: string | null;
  /** The sign-off lock in words, when the text is locked ("Signed: this text is final…"). */
  lock: string | null;
  /** The stale-approvals banner, with its "show the changes" action when there is a version to compare with. */
  stale: { onShowChanges: (() => void) | null } | null;
  notice: string | null;
  onCloseNotice(): void;
}

export function Banners({ readOnly, lock, stale, notice, onCloseNotice }: Props) {
  const t = useT();
  // The lock banner, once closed, stays closed until the lock says something else.
  const [closedLock, setClosedLock] = useState<string | null>(null);
  if (!readOnly && !(lock && lock !== closedLock) && !stale && !notice) return null;
  return (
    <div className="banners">
      {readOnly && (
        <p className="banner warning" role="alert">
          {readOnly}
        </p>
      )}
      {lock && lock !== closedLock && (
        <Banner kind="warning" onClose={() => setClosedLock(lock)} closeLabel={t('common.close')}>
          {lock}
        </Banner>
      )}
      {stale && (
        <p className="banner notice" role="status">
          <span>{t('signoff.staleBanner')}</span>
          {stale.onShowChanges && (
            <button type="button" onClick={stale.onShowChanges}>
              {t('signoff.showChanges')}
            </button>
          )}
        </p>
      )}
      {notice && (
        <Banner kind="notice" onClose={onCloseNotice} closeLabel={t('common.close')}>
          {notice}
        </Banner>
      )}
    </div>
  );
}

function Banner({ kind, children, onClose, closeLabel }: { kind: 'warning' | 'notice'; children: ReactNode; onClose(): void; closeLabel: string }) {
  return (
    <p className={`banner ${kind}`} role="status">
      <span>{children}</span>
      <button type="button" onClick={onClose} aria-label={closeLabel}>
        ×
      </button>
    </p>
  );
}
