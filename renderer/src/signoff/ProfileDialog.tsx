// Creating this person's profile and signing key: name, titles, organisation, email, and (where
// the OS has no secret store) the passphrase that protects the private key. On first run it is
// the welcome; later it is reached from Settings and the sign-off panel.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ProfileInfo, Settings } from '../../../shared/ipc';
import { call } from '../api';
import { useT } from '../i18n';

interface Props {
  settings: Settings;
  /** On first run it welcomes, and cannot be skipped: everything a person does carries their name. */
  firstRun?: boolean;
  onCreated(profile: ProfileInfo): void;
  onClose(): void;
  onError(e: unknown): void;
}

export function ProfileDialog({ settings, firstRun = false, onCreated, onClose, onError }: Props) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [protection, setProtection] = useState<'os' | 'passphrase' | null>(null);
  const [name, setName] = useState(settings.name);
  const [titles, setTitles] = useState(settings.jobTitle);
  const [organisation, setOrganisation] = useState('');
  const [email, setEmail] = useState('');
  const [passphrase, setPassphrase] = useState('');
  // Typed twice: a typo in a passphrase nobody has seen would lock its owner out of their key.
  const [again, setAgain] = useState('');
  useEffect(() => {
    dialog.current?.showModal();
    call('profile.protection').then(setProtection, onError);
  }, [onError]);
  const needsPassphrase = protection === 'passphrase';
  const mismatch = needsPassphrase && again.length > 0 && again !== passphrase;
  const ready = name.trim() && protection && (!needsPassphrase || (passphrase.length >= 8 && again === passphrase));
  const create = () =>
    call('profile.create', {
      name: name.trim(),
      titles: titles.split('\n').map((x) => x.trim()).filter(Boolean),
      organisation: organisation.trim(),
      email: email.trim(),
      ...(needsPassphrase ? { passphrase } : {}),
    }).then(onCreated, onError);
  // In the body, not inside whatever form opened it (a form cannot hold another).
  return createPortal(
    <dialog ref={dialog} className="profile" aria-labelledby="profile-heading" onClose={onClose} onCancel={(e) => firstRun && e.preventDefault()}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // React carries events up through the portal to the form that opened this one.
          e.stopPropagation();
          if (ready) void create();
        }}
      >
        <h2 id="profile-heading">{t(firstRun ? 'identity.title' : 'signoff.profileTitle')}</h2>
        {firstRun && <p>{t('identity.intro')}</p>}
        <p>{t('signoff.noProfile')}</p>
        <label>
          {t('settings.name')}
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          <span>
            {t('signoff.titles')} <span className="optional">{t('common.optional')}</span>
          </span>
          <textarea rows={2} maxLength={1000} value={titles} onChange={(e) => setTitles(e.target.value)} />
        </label>
        <label>
          <span>
            {t('signoff.organisation')} <span className="optional">{t('common.optional')}</span>
          </span>
          <input maxLength={200} value={organisation} onChange={(e) => setOrganisation(e.target.value)} />
        </label>
        <label>
          <span>
            {t('signoff.email')} <span className="optional">{t('common.optional')}</span>
          </span>
          <input type="email" maxLength={200} value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        {needsPassphrase && (
          <div className="field">
            <label htmlFor="profile-passphrase">{t('signoff.passphrase')}</label>
            <input id="profile-passphrase" type="password" minLength={8} maxLength={500} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-describedby="passphrase-why" />
            <small className="muted" id="passphrase-why">
              {t('signoff.passphraseWhy')}
            </small>
          </div>
        )}
        {needsPassphrase && (
          <label>
            {t('signoff.passphraseAgain')}
            <input type="password" maxLength={500} value={again} onChange={(e) => setAgain(e.target.value)} aria-invalid={mismatch || undefined} aria-describedby={mismatch ? 'passphrase-mismatch' : undefined} />
            {mismatch && (
              <small className="error" id="passphrase-mismatch" role="alert">
                {t('signoff.passphraseMismatch')}
              </small>
            )}
          </label>
        )}
        <div className="buttons">
          {!firstRun && (
            <button type="button" onClick={onClose}>
              {t('settings.cancel')}
            </button>
          )}
          <button type="submit" className="primary" disabled={!ready}>
            {t(firstRun ? 'identity.save' : 'signoff.create')}
          </button>
        </div>
      </form>
    </dialog>,
    document.body,
  );
}
