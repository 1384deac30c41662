// On first run: who is using Signet. The name and title go on versions, comments and (later)
// approvals, so that everyone can see who did what.
import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../shared/ipc';
import { call } from './api';
import { useT } from './i18n';

export function IdentityDialog({ onSaved, onError }: { onSaved(s: Settings): void; onError(e: unknown): void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const [jobTitle, setJobTitle] = useState('');
  useEffect(() => dialog.current?.showModal(), []);
  return (
    // Escape does not skip it: everything a person does is signed with their name.
    <dialog ref={dialog} className="identity" aria-labelledby="identity-heading" onCancel={(e) => e.preventDefault()}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) call('settings.set', { name: name.trim(), jobTitle: jobTitle.trim() }).then(onSaved, onError);
        }}
      >
        <h2 id="identity-heading">{t('identity.title')}</h2>
        <p>{t('identity.intro')}</p>
        <label>
          {t('settings.name')}
          <input autoFocus required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('settings.jobTitle')}
          <input maxLength={200} value={jobTitle} onChange={(e) => setJobTitle(e.target.value)} />
        </label>
        <div className="buttons">
          <button type="submit" className="primary" disabled={!name.trim()}>
            {t('identity.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
