import { useEffect, useRef, useState } from 'react';
import type { ProfileInfo, Settings } from '../../shared/ipc';
import { ProfileDialog } from './signoff/ProfileDialog';
import { call } from './api';
import { useT } from './i18n';

export function SettingsDialog({ settings, onSaved, onClose, onError }: { settings: Settings; onSaved(s: Settings): void; onClose(): void; onError(e: unknown): void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState(settings);
  useEffect(() => dialog.current?.showModal(), []);
  const field = <K extends keyof Settings>(key: K, value: Settings[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const chooseFolder = () => call('settings.chooseLibraryFolder').then((s) => setDraft((d) => ({ ...d, libraryFolder: s.libraryFolder })), onError);
  const save = () =>
    call('settings.set', draft).then((s) => {
      onSaved(s);
      onClose();
    }, onError);
  return (
    <dialog ref={dialog} className="settings" onClose={onClose} aria-labelledby="settings-heading">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="settings-heading">{t('settings.title')}</h2>
        <label>
          {t('settings.name')}
          <input value={draft.name} onChange={(e) => field('name', e.target.value)} />
        </label>
        <label>
          {t('settings.jobTitle')}
          <input value={draft.jobTitle} onChange={(e) => field('jobTitle', e.target.value)} />
        </label>
        <KeySection settings={settings} onError={onError} />
        <div className="folder">
          <span id="library-folder-label">{t('settings.library')}</span>
          <code aria-labelledby="library-folder-label">{draft.libraryFolder}</code>
          <button type="button" onClick={chooseFolder}>
            {t('settings.chooseFolder')}
          </button>
        </div>
        <label>
          {t('settings.wpm')}
          <input type="number" min={40} max={400} value={draft.wordsPerMinute} onChange={(e) => field('wordsPerMinute', Number(e.target.value))} />
        </label>
        <label>
          {t('settings.cpm')}
          <input type="number" min={60} max={800} value={draft.cjkCharactersPerMinute} onChange={(e) => field('cjkCharactersPerMinute', Number(e.target.value))} />
        </label>
        <label>
          {t('settings.language')}
          <select value={draft.language} onChange={(e) => field('language', e.target.value as Settings['language'])}>
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
        </label>
        <label>
          {t('settings.spellcheck')}
          <input value={draft.spellcheckLanguage} onChange={(e) => field('spellcheckLanguage', e.target.value)} />
        </label>
        <div className="buttons">
          <button type="button" onClick={onClose}>
            {t('settings.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('settings.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The person's signing key: its fingerprint to read aloud, and the member card others import. */
function KeySection({ settings, onError }: { settings: Settings; onError(e: unknown): void }) {
  const t = useT();
  const [profile, setProfile] = useState<ProfileInfo | null | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    call('profile.get').then(setProfile, onError);
  }, [onError]);
  if (profile === undefined) return null;
  return (
    <div className="folder key-section">
      <span>{t('signoff.profileTitle')}</span>
      {profile ? (
        <>
          <span>
            {t('signoff.fingerprint')}: <code>{profile.fingerprint}</code>
          </span>
          <span className="buttons-row">
            <button type="button" onClick={() => call('profile.exportCard').then((path) => path && setSaved(t('signoff.cardSaved', { path })), onError)}>
              {t('signoff.exportCard')}
            </button>
            <button type="button" onClick={() => call('contacts.import').catch(onError)}>
              {t('signoff.importCard')}
            </button>
          </span>
          {saved && <span role="status">{saved}</span>}
        </>
      ) : (
        <button type="button" onClick={() => setCreating(true)}>
          {t('signoff.createProfile')}
        </button>
      )}
      {creating && (
        <ProfileDialog
          settings={settings}
          onCreated={(p) => {
            setProfile(p);
            setCreating(false);
          }}
          onClose={() => setCreating(false)}
          onError={onError}
        />
      )}
    </div>
  );
}
