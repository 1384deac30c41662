// The sign-off beside the editor: where the message stands, who is on its roster with what role,
// the review in progress, the steps this person may take now, every record with whether it
// verifies, and the audit trail. The main process decides and signs; this only asks and shows.
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { AuditEvent, MemberInfo, ProfileInfo, Settings, SignoffStatus, SignoffStep } from '../../../shared/ipc';
import type { MessageKey } from '../../../shared/i18n';
import { call } from '../api';
import { shortTime, useLanguage, useT } from '../i18n';
import { SidePanel } from '../ui/SidePanel';
import { CertificateBox } from './CertificateBox';
import { ProfileDialog } from './ProfileDialog';

const ROLES = ['owner', 'author', 'reviewer', 'approver', 'signatory'] as const;
type Role = (typeof ROLES)[number];

/** The message's sign-off status, asked again whenever its document changes (records, text, a merge). */
export function useSignoff(path: string, doc: Y.Doc, onError: (e: unknown) => void): { status: SignoffStatus | null; refresh(): void } {
  const [status, setStatus] = useState<SignoffStatus | null>(null);
  // Answers can come back out of order (a slow one after a merge, a quick one after the next): only the latest asked counts.
  const asked = useRef(0);
  const refresh = useCallback(() => {
    const mine = ++asked.current;
    call('signoff.status', path).then((s) => mine === asked.current && setStatus(s), onError);
  }, [path, onError]);
  useEffect(() => {
    refresh();
    // The main process has the change once the editor has sent it; ask a moment after the last one.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    };
    doc.on('update', later);
    return () => {
      clearTimeout(timer);
      doc.off('update', later);
    };
  }, [doc, refresh]);
  return { status, refresh };
}

interface Props {
  path: string;
  status: SignoffStatus | null;
  settings: Settings;
  refresh(): void;
  onClose(): void;
  onError(e: unknown): void;
}

type Form = null | 'roster' | 'request-review' | 'approve' | 'request-changes' | 'sign';

export function SignoffPanel({ path, status, settings, refresh, onClose, onError }: Props) {
  const t = useT();
  const language = useLanguage();
  const [profile, setProfile] = useState<ProfileInfo | null | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState<Form>(null);
  const [audit, setAudit] = useState<AuditEvent[] | null>(null);
  const auditList = useRef<HTMLOListElement>(null);
  // An opened audit trail comes into view: it starts below the records, often past the panel's foot.
  useEffect(() => {
    auditList.current?.scrollIntoView({ block: 'nearest' });
  }, [audit]);
  useEffect(() => {
    call('profile.get').then(setProfile, onError);
  }, [onError]);
  const step = (s: SignoffStep) =>
    call('signoff.step', path, s).then(() => {
      setForm(null);
      refresh();
    }, onError);
  const showAudit = () => (audit ? setAudit(null) : call('signoff.audit', path, language).then(setAudit, onError));
  if (!status) return <SidePanel title={t('signoff.title')} className="signoff-panel" busy onClose={onClose} />;
  const can = (a: SignoffStatus['actions'][number]) => status.actions.includes(a);
  const name = (key: string | null) => status.roster.find((m) => m.publicKey === key)?.name ?? key?.slice(0, 8) ?? '';
  return (
    <SidePanel title={t('signoff.title')} className="signoff-panel" onClose={onClose}>
      <p className="signoff-state">
        <span className={`state-badge state-${status.state.replace(' ', '-').toLowerCase()}`}>{t(`state.${status.state}` as MessageKey)}</span>
        <span className="muted" title={t('signoff.digestWhy')}>
          {t('signoff.digest')} <code>{status.shortDigest}</code>
        </span>
      </p>
      {nextStep(status, name, t) && <p className="signoff-next">{nextStep(status, name, t)}</p>}
      <ProfileBox profile={profile} onCreate={() => setCreating(true)} onUnlocked={setProfile} onError={onError} />
      {profile?.unlocked && <CertificateBox profile={profile} onChanged={setProfile} onError={onError} />}
      {creating && (
        <ProfileDialog
          settings={settings}
          onCreated={(p) => {
            setProfile(p);
            setCreating(false);
            refresh();
          }}
          onClose={() => setCreating(false)}
          onError={onError}
        />
      )}

      <section aria-label={t('signoff.roster')}>
        <h3>{t('signoff.roster')}</h3>
        {status.roster.length === 0 && <p className="muted">{t('signoff.noRoster')}</p>}
        <ul className="roster">
          {status.roster.map((m) => (
            <li key={m.publicKey}>
              <strong>{m.name}</strong> <span className="muted">{m.roles.map((r) => t(`signoff.roles.${r}` as MessageKey)).join(', ')}</span>
            </li>
          ))}
        </ul>
      </section>

      {status.requiredApprovers.length > 0 && (
        <section aria-label={t('signoff.approvers')}>
          <h3>{t('signoff.approvers')}</h3>
          <ol className="approvers">
            {status.requiredApprovers.map((key) => (
              <li key={key}>
                {name(key)}:{' '}
                {status.approvedBy.includes(key) ? (
                  <span className="ok">✓ {t('signoff.approved')}</span>
                ) : status.staleApprovedBy.includes(key) ? (
                  <span className="warn">{t('signoff.stale')}</span>
                ) : status.state === 'Changes requested' ? (
                  <span className="muted">{t('signoff.notAsked')}</span>
                ) : (
                  <span className="muted">{t('signoff.waiting')}</span>
                )}
              </li>
            ))}
          </ol>
          {status.signatory && (
            <p>
              {t('signoff.signatory')}: {name(status.signatory)}
            </p>
          )}
          {status.dueDate && (
            <p>
              {t('signoff.due')}: {status.dueDate}
            </p>
          )}
        </section>
      )}

      {/* While a step's form is open, it is the one thing to do. */}
      <div className="signoff-actions" hidden={form !== null}>
        {can('change-roster') && <button type="button" onClick={() => setForm('roster')}>{t('signoff.changeRoster')}</button>}
        {can('request-review') && status.roster.length > 0 && (
          <button type="button" disabled={status.openSuggestions > 0} aria-describedby={status.openSuggestions > 0 ? 'open-suggestions' : undefined} onClick={() => setForm('request-review')}>
            {t('signoff.requestReview')}
          </button>
        )}
        {can('request-review') && status.openSuggestions > 0 && (
          <p id="open-suggestions" className="warn" role="status">
            {t('signoff.suggestionsOpen', { n: status.openSuggestions })}
          </p>
        )}
        {can('withdraw') && <button type="button" onClick={() => void step({ action: 'withdraw' })}>{t('signoff.withdraw')}</button>}
        {can('approve') && <button type="button" className="primary" onClick={() => setForm('approve')}>{t('signoff.approve')}</button>}
        {can('request-changes') && <button type="button" onClick={() => setForm('request-changes')}>{t('signoff.requestChanges')}</button>}
        {can('sign') && <button type="button" className="primary" onClick={() => setForm('sign')}>{t('signoff.sign')}</button>}
        {can('start-revision') && <button type="button" onClick={() => void step({ action: 'start-revision' })}>{t('signoff.startRevision')}</button>}
      </div>
      {form === 'roster' && profile && <RosterForm status={status} me={profile} onCancel={() => setForm(null)} onSubmit={step} onError={onError} />}
      {form === 'request-review' && <RequestForm status={status} onCancel={() => setForm(null)} onSubmit={step} />}
      {(form === 'approve' || form === 'sign' || form === 'request-changes') && (
        <DecisionForm kind={form} status={status} approvers={status.approvedBy.map(name).join(', ')} onCancel={() => setForm(null)} onSubmit={step} />
      )}

      <section aria-label={t('signoff.records')}>
        <h3>{t('signoff.records')}</h3>
        <ol className="records">
          {status.records.map((r) => (
            <li key={r.index} className={`record ${r.status}`}>
              <span>
                <strong>{r.kind === 'malformed' ? t('audit.unreadable') : t(`record.${r.kind}`)}</strong> · {r.signerName}
              </span>
              <RecordTime at={r.time} />
              {r.comment && <span className="record-comment">“{r.comment}”</span>}
              <span className="record-status">
                {r.status === 'verified' ? `✓ ${t('signoff.verified')}` : r.status === 'stale' ? t('signoff.staleRecord') : `✗ ${t('signoff.invalid')}: ${r.reason ?? ''}`}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <button type="button" className="link-button" aria-expanded={!!audit} onClick={() => void showAudit()}>
        {t('signoff.audit')}
      </button>
      {audit && (
        <ol className="audit" ref={auditList} aria-label={t('signoff.audit')}>
          {audit.map((e, i) => (
            <li key={i}>
              <span>
                <strong>{e.what}</strong>
                {e.who && ` · ${e.who}`}
              </span>
              <RecordTime at={e.at} />
              {e.detail && <span className="muted">{e.detail}</span>}
            </li>
          ))}
        </ol>
      )}
    </SidePanel>
  );
}

/** Who must act next, in a sentence: "Waiting for Carmen Ruiz to sign". Null when nobody is waited for. */
function nextStep(status: SignoffStatus, name: (key: string | null) => string, t: ReturnType<typeof useT>): string | null {
  const pending = status.requiredApprovers.filter((key) => !status.approvedBy.includes(key));
  switch (status.state) {
    case 'In review': {
      // In order, only the first who has not approved is asked now.
      const asked = status.ordered ? pending.slice(0, 1) : pending;
      return asked.length ? t('signoff.next.approve', { names: asked.map(name).join(t('list.separator')) }) : null;
    }
    case 'Approved':
      return status.signatory ? t('signoff.next.sign', { name: name(status.signatory) }) : null;
    case 'Changes requested':
      return t('signoff.next.revise');
    case 'Signed':
      return null;
    default:
      return status.roster.length ? t('signoff.next.request') : null;
  }
}

function RecordTime({ at }: { at: string }) {
  const language = useLanguage();
  return <time dateTime={at}>{shortTime(at, language)}</time>;
}

/** What the person must do before their key can sign: create a profile, or unlock its key with the passphrase (the export dialog asks here too, saying why). */
export function ProfileBox({ profile, onCreate, onUnlocked, onError, why }: { profile: ProfileInfo | null | undefined; onCreate(): void; onUnlocked(p: ProfileInfo): void; onError(e: unknown): void; why?: string }) {
  const t = useT();
  const [passphrase, setPassphrase] = useState('');
  if (profile === undefined) return null;
  if (profile === null) {
    return (
      <div className="profile-box">
        <p className="muted">{t('signoff.noProfile')}</p>
        <button type="button" onClick={onCreate}>
          {t('signoff.createProfile')}
        </button>
      </div>
    );
  }
  if (profile.unlocked) return null;
  return (
    <form
      className="profile-box"
      onSubmit={(e) => {
        e.preventDefault();
        call('profile.unlock', passphrase).then(onUnlocked, onError);
      }}
    >
      <p className="muted">{why ?? t('signoff.locked')}</p>
      <label>
        {t('signoff.passphrase')}
        <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </label>
      <button type="submit" disabled={!passphrase}>
        {t('signoff.unlock')}
      </button>
    </form>
  );
}

function RosterForm({ status, me, onCancel, onSubmit, onError }: { status: SignoffStatus; me: ProfileInfo; onCancel(): void; onSubmit(s: SignoffStep): void; onError(e: unknown): void }) {
  const t = useT();
  const [contacts, setContacts] = useState<MemberInfo[]>([]);
  const [roles, setRoles] = useState<Record<string, Role[]>>(() => {
    const start: Record<string, Role[]> = Object.fromEntries(status.roster.map((m) => [m.publicKey, m.roles]));
    start[me.publicKey] ??= ['owner', 'author'];
    return start;
  });
  useEffect(() => {
    call('contacts.list').then(setContacts, onError);
  }, [onError]);
  const people = [me, ...contacts.filter((c) => c.publicKey !== me.publicKey)];
  for (const m of status.roster) if (!people.some((p) => p.publicKey === m.publicKey)) people.push(m);
  const toggle = (key: string, role: Role) =>
    setRoles((r) => ({ ...r, [key]: r[key]?.includes(role) ? r[key].filter((x) => x !== role) : [...(r[key] ?? []), role] }));
  const importCard = () =>
    call('contacts.import').then((m) => m && setContacts((c) => [...c.filter((x) => x.publicKey !== m.publicKey), m]), onError);
  const members = Object.entries(roles)
    .filter(([, r]) => r.length > 0)
    .map(([publicKey, r]) => ({ publicKey, roles: r }));
  return (
    <form
      className="signoff-form"
      aria-label={t('signoff.changeRoster')}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ action: 'change-roster', members });
      }}
    >
      <table className="roster-table">
        <thead>
          <tr>
            <th scope="col">{t('signoff.member')}</th>
            {ROLES.map((r) => (
              <th scope="col" key={r}>
                {t(`signoff.roles.${r}` as MessageKey)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.publicKey}>
              <th scope="row">{p.name}</th>
              {ROLES.map((r) => (
                <td key={r}>
                  <input type="checkbox" aria-label={`${p.name}: ${t(`signoff.roles.${r}` as MessageKey)}`} checked={!!roles[p.publicKey]?.includes(r)} onChange={() => toggle(p.publicKey, r)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="link-button" onClick={() => void importCard()}>
        {t('signoff.importCard')}
      </button>
      <FormButtons onCancel={onCancel} submit={t('settings.save')} disabled={members.length === 0} />
    </form>
  );
}

function RequestForm({ status, onCancel, onSubmit }: { status: SignoffStatus; onCancel(): void; onSubmit(s: SignoffStep): void }) {
  const t = useT();
  const approvers = status.roster.filter((m) => m.roles.includes('approver'));
  const signatories = status.roster.filter((m) => m.roles.includes('signatory'));
  const [chosen, setChosen] = useState<string[]>(approvers.map((m) => m.publicKey));
  const [ordered, setOrdered] = useState(false);
  const [signatory, setSignatory] = useState(signatories[0]?.publicKey ?? '');
  const [due, setDue] = useState('');
  return (
    <form
      className="signoff-form"
      aria-label={t('signoff.requestReview')}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ action: 'request-review', approvers: chosen, ordered, signatory, due: due || null });
      }}
    >
      <fieldset>
        <legend>{t('signoff.approvers')}</legend>
        {approvers.map((m) => (
          <label key={m.publicKey} className="inline">
            <input type="checkbox" checked={chosen.includes(m.publicKey)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, m.publicKey] : c.filter((k) => k !== m.publicKey)))} />{' '}
            {m.name}
          </label>
        ))}
      </fieldset>
      <label className="inline">
        <input type="checkbox" checked={ordered} onChange={(e) => setOrdered(e.target.checked)} /> {t('signoff.inOrder')}
      </label>
      <label>
        {t('signoff.signatory')}
        <select value={signatory} onChange={(e) => setSignatory(e.target.value)}>
          {signatories.map((m) => (
            <option key={m.publicKey} value={m.publicKey}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('signoff.due')}
        <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      </label>
      <FormButtons onCancel={onCancel} submit={t('signoff.send')} disabled={chosen.length === 0 || !signatory} />
    </form>
  );
}

function DecisionForm({ kind, status, approvers, onCancel, onSubmit }: { kind: 'approve' | 'sign' | 'request-changes'; status: SignoffStatus; approvers: string; onCancel(): void; onSubmit(s: SignoffStep): void }) {
  const t = useT();
  const [comment, setComment] = useState('');
  const label = kind === 'approve' ? t('signoff.approve') : kind === 'sign' ? t('signoff.sign') : t('signoff.requestChanges');
  return (
    <form
      className="signoff-form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        if (kind === 'request-changes') onSubmit({ action: kind, comment });
        else onSubmit({ action: kind, digest: status.digest, comment });
      }}
    >
      {kind === 'approve' && <p>{t('signoff.confirmApprove', { digest: status.shortDigest })}</p>}
      {kind === 'sign' && <p>{t('signoff.confirmSign', { digest: status.shortDigest, approvers })}</p>}
      <label>
        {kind === 'request-changes' ? t('signoff.changesComment') : t('signoff.comment')}
        <textarea rows={2} maxLength={5000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <FormButtons onCancel={onCancel} submit={label.replace('…', '')} disabled={kind === 'request-changes' && !comment.trim()} />
    </form>
  );
}

function FormButtons({ onCancel, submit, disabled }: { onCancel(): void; submit: string; disabled?: boolean }) {
  const t = useT();
  return (
    <div className="buttons">
      <button type="button" onClick={onCancel}>
        {t('settings.cancel')}
      </button>
      <button type="submit" className="primary" disabled={disabled}>
        {submit}
      </button>
    </div>
  );
}
