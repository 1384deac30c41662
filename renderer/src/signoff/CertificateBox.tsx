// Which certificate this person's PDF copies are signed under, in the sign-off panel's profile
// box: Signet's own (self-signed), or one their organisation issued, imported from its .p12 or
// .pfx (chosen in the host's file chooser; its password typed here). The main process reads and
// checks the file and refuses one it cannot use, saying why; this only asks and shows.
import { useState } from 'react';
import type { ProfileInfo } from '../../../shared/ipc';
import { call } from '../api';
import { dateLocale, useLanguage, useT } from '../i18n';

export function CertificateBox({ profile, onChanged, onError }: { profile: ProfileInfo; onChanged(p: ProfileInfo): void; onError(e: unknown): void }) {
  const t = useT();
  const language = useLanguage();
  const [chosen, setChosen] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [done, setDone] = useState(false);
  /** Why the file was refused, shown here beside it (the person types the password again, or chooses another). */
  const [problem, setProblem] = useState<string | null>(null);
  const imported = profile.organisationCertificate;
  const choose = () =>
    call('profile.chooseCertificate').then((file) => {
      if (!file) return;
      setChosen(file.name);
      setProblem(null);
      setPassword('');
      setDone(false);
    }, onError);
  const finish = (p: ProfileInfo) => {
    setChosen(null);
    setPassword('');
    setPassphrase('');
    onChanged(p);
  };
  const needsPassphrase = profile.protection === 'passphrase';
  return (
    <section className="profile-box certificate-box" aria-label={t('signoff.certificate.use')}>
      <p className="muted">
        {imported
          ? t('signoff.certificate.imported', { issuer: imported.issuer, until: new Date(imported.until).toLocaleDateString(dateLocale(language), { day: 'numeric', month: 'long', year: 'numeric' }) })
          : t('signoff.certificate.own')}
      </p>
      {done && <p role="status">{t('signoff.certificate.done')}</p>}
      {chosen === null ? (
        <div className="buttons-row">
          <button type="button" onClick={choose}>
            {t('signoff.certificate.use')}
          </button>
          {imported && (
            <button type="button" onClick={() => {
              setDone(false);
              call('profile.revertCertificate').then(onChanged, onError);
            }}>
              {t('signoff.certificate.revert')}
            </button>
          )}
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setProblem(null);
            call('profile.importCertificate', { password, ...(needsPassphrase ? { passphrase } : {}) }).then(
              (p) => {
                setDone(true);
                finish(p);
              },
              (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)),
            );
          }}
        >
          <p>{t('signoff.certificate.chosen', { name: chosen })}</p>
          {problem && (
            <p className="warn" role="alert">
              {problem}
            </p>
          )}
          <label>
            {t('signoff.certificate.password')}
            <input type="password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {needsPassphrase && (
            <>
              <label>
                {t('signoff.passphrase')}
                <input type="password" aria-describedby="certificate-passphrase-why" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
              </label>
              <p className="muted" id="certificate-passphrase-why">
                {t('signoff.certificate.passphraseWhy')}
              </p>
            </>
          )}
          <div className="buttons-row">
            <button type="submit" disabled={needsPassphrase && !passphrase}>
              {t('signoff.certificate.import')}
            </button>
            <button type="button" onClick={() => {
                setChosen(null);
                setProblem(null);
              }}>
              {t('signoff.certificate.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
