// The export dialog: the choices for a copy (format, template, page size, the text, a letter's
// letterhead and a final copy's signature block), a sentence that says what the copy will be,
// a picture of its first page that follows the choices, and the save with its progress, cancel
// and result. The main process makes the copy; this only asks and shows.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { readContent, readMeta } from '../../../shared/document';
import { MANIFEST_FORMAT, copyWords, datedSignature } from '../../../shared/export';
import type { ExportPreview, ExportStep, ProfileInfo, Version } from '../../../shared/ipc';
import { call, on } from '../api';
import { shortTime, useLanguage, useT } from '../i18n';
import { ProfileBox } from '../signoff/SignoffPanel';
import { LINK_STYLES, PAGE_SIZES, TEMPLATES, initialChoices, namedVersions, optionsOf, pngUrl, statement, type Choices, type Picture } from './choices';

/** How long the choices must stay still before the preview is drawn again. */
const PREVIEW_DELAY_MS = 350;

type Phase =
  | { name: 'choosing' }
  | { name: 'saving'; step: ExportStep | null; cancelling: boolean }
  | { name: 'saved'; path: string; kind: 'final' | 'draft' | 'redline'; pages?: number }
  | { name: 'cancelled' };

interface Props {
  path: string;
  /** The message, to know whether it holds its own signature block (and its own place and date). */
  doc: Y.Doc;
  versions: Version[];
  /** Whether the message is Approved or Signed now, until the first preview says what the copy is. */
  final: boolean;
  onClose(): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function ExportDialog({ path, doc, versions, final: finalNow, onClose }: Props) {
  const t = useT();
  const language = useLanguage();
  const [large, setLarge] = useState(false);
  const signatureBlock = useMemo(() => {
    const content = readContent(doc);
    return { holds: content.blocks.some((b) => b.kind === 'signature'), dated: datedSignature(content) };
  }, [doc]);
  // The day as the page prints it: in the message's language, as the copy's other words are.
  const pageDate = useMemo(() => copyWords({ format: MANIFEST_FORMAT, layout: { language: readMeta(doc).language } }).date, [doc]);
  const holdsLinks = useMemo(() => readContent(doc).blocks.some((b) => b.runs.some((r) => r.link !== undefined)), [doc]);
  const dialog = useRef<HTMLDialogElement>(null);
  const [defaults, setDefaults] = useState<{ pdf: boolean; preview: boolean } | null>(null);
  const [choices, setChoices] = useState<Choices | null>(null);
  const [preview, setPreview] = useState<{ result: ExportPreview | null; busy: boolean }>({ result: null, busy: true });
  const [phase, setPhase] = useState<Phase>({ name: 'choosing' });
  const [error, setError] = useState<string | null>(null);
  const [verifierAt, setVerifierAt] = useState<string | null>(null);
  // A key protected by a passphrase and not yet unlocked this session is asked for here: a final copy is sealed with it.
  const [profile, setProfile] = useState<ProfileInfo | null>(null);
  const named = namedVersions(versions);

  useEffect(() => {
    // Focus goes back where it was (the text, usually) when the dialog goes away.
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    return () => opener?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    call('profile.get').then(setProfile, (e) => setError(message(e)));
  }, []);
  useEffect(() => {
    call('export.defaults', path).then((d) => {
      setDefaults(d);
      setChoices(initialChoices(d.organisation, d.pdf));
    }, (e) => setError(message(e)));
  }, [path]);
  useEffect(
    () =>
      on('export.progress', (event) => {
        if (event.path === path) setPhase((p) => (p.name === 'saving' ? { ...p, step: event.step } : p));
      }),
    [path],
  );

  // The preview follows the choices, drawn once they have been still for a moment; only the latest counts.
  const latest = useRef(0);
  const comparable = !choices || choices.template !== 'redline' || !!choices.compareWith;
  useEffect(() => {
    if (!choices || !comparable) return;
    const ask = ++latest.current;
    setPreview((p) => ({ ...p, busy: true }));
    const timer = setTimeout(() => {
      call('export.preview', path, optionsOf(choices)).then(
        (result) => {
          if (ask !== latest.current) return;
          setPreview({ result, busy: false });
          setError(null);
        },
        (e) => {
          if (ask !== latest.current) return;
          setPreview({ result: null, busy: false });
          setError(message(e));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [path, choices, comparable]);

  const change = useCallback(<K extends keyof Choices>(key: K, value: Choices[K]) => setChoices((c) => c && { ...c, [key]: value }), []);
  // A comparison starts against the newest version that is not the one exported.
  const chooseTemplate = (template: Choices['template']) =>
    setChoices((c) => c && { ...c, template, compareWith: c.compareWith ?? (template === 'redline' ? named.find((v) => v.id !== c.version)?.id : undefined) });
  const choosePicture = (which: 'logo' | 'signature') =>
    call('export.chooseImage', which).then((picture) => picture && change(which, picture), (e) => setError(message(e)));

  const saving = phase.name === 'saving';
  const save = async () => {
    if (!choices || saving) return;
    setError(null);
    setPhase({ name: 'saving', step: null, cancelling: false });
    try {
      const saved = await call('export.save', path, optionsOf(choices));
      setPhase((p) => (saved ? { name: 'saved', ...saved } : p.name === 'saving' && p.cancelling ? { name: 'cancelled' } : { name: 'choosing' }));
    } catch (e) {
      setError(message(e));
      setPhase({ name: 'choosing' });
    }
  };
  const saveVerifier = () => {
    setError(null);
    call('export.saveVerifier').then((saved) => saved && setVerifierAt(saved.path), (e) => setError(message(e)));
  };
  const cancelExport = () => {
    setPhase((p) => (p.name === 'saving' ? { ...p, cancelling: true } : p));
    call('export.cancel', path).catch((e) => setError(message(e)));
  };

  const versionName = (v: { name: string; at: string } | null | undefined) => (v ? `“${v.name || shortTime(v.at, language)}”` : t('export.textNow'));
  const summary = preview.result;
  const said = summary && statement(summary, !!choices?.version, t, versionName);
  const final = summary ? summary.kind === 'final' : finalNow;
  // Closing while a copy is being made cancels it: nothing is left behind.
  const stop = () => {
    if (saving) void call('export.cancel', path).catch(() => {});
  };

  return (
    <dialog
      ref={dialog}
      className="export-dialog"
      aria-labelledby="export-heading"
      onClose={onClose}
      onCancel={stop}
    >
      <h2 id="export-heading">{t('export.title')}</h2>
      {profile && !profile.unlocked && profile.protection === 'passphrase' && (
        <ProfileBox
          profile={profile}
          why={t('export.locked')}
          onCreate={() => {}}
          onUnlocked={(p) => {
            setProfile(p);
            setError(null);
          }}
          onError={(e) => setError(message(e))}
        />
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {!choices ? (
          <p className="muted" aria-busy="true">
            {t('export.previewing')}
          </p>
        ) : (
          <div className="export-body">
            <fieldset className="export-options" disabled={saving}>
              <Group legend={t('export.format')}>
                <div className="choices">
                  {(['pdf', 'html'] as const).map((format) => (
                    <label key={format}>
                      <input type="radio" name="format" value={format} checked={choices.format === format} disabled={format === 'pdf' && !defaults?.pdf} onChange={() => change('format', format)} />
                      {t(`export.${format}`)}
                    </label>
                  ))}
                </div>
                {!defaults?.pdf && <p className="hint">{t('export.noPdf')}</p>}
              </Group>
              <div className="row">
                <label>
                  {t('export.template')}
                  <select value={choices.template} onChange={(e) => chooseTemplate(e.target.value as Choices['template'])}>
                    {TEMPLATES.map((template) => (
                      <option key={template} value={template}>
                        {t(`export.template.${template}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {/* An HTML copy has no pages: it takes the reader's window, and their printer's paper. */}
                {choices.format === 'pdf' && (
                  <label>
                    {t('export.pageSize')}
                    <select value={choices.pageSize} onChange={(e) => change('pageSize', e.target.value as Choices['pageSize'])}>
                      {PAGE_SIZES.map((size) => (
                        <option key={size}>{size}</option>
                      ))}
                    </select>
                  </label>
                )}
                {/* Paper cannot be clicked: a reader sees where each link points only if its address is printed. */}
                {holdsLinks && (
                  <label>
                    {t('export.links')}
                    <select value={choices.links} onChange={(e) => change('links', e.target.value as Choices['links'])}>
                      {LINK_STYLES.map((style) => (
                        <option key={style} value={style}>
                          {t(`export.links.${style}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
              </div>
              <label>
                {t('export.version')}
                <select value={choices.version ?? ''} onChange={(e) => change('version', e.target.value || undefined)}>
                  <option value="">{t('export.current')}</option>
                  {named.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name} ({shortTime(v.at, language)})
                    </option>
                  ))}
                </select>
              </label>
              {choices.template === 'redline' && (
                <label>
                  {t('export.compareWith')}
                  <select value={choices.compareWith ?? ''} onChange={(e) => change('compareWith', e.target.value || undefined)} aria-invalid={!choices.compareWith}>
                    <option value="">—</option>
                    {named
                      .filter((v) => v.id !== choices.version)
                      .map((v) => (
                        <option key={v.id} value={v.id}>
                          {v.name} ({shortTime(v.at, language)})
                        </option>
                      ))}
                  </select>
                  {named.length === 0 && <span className="hint">{t('export.noVersions')}</span>}
                </label>
              )}
              {choices.template === 'letter' && (
                <Group legend={t('export.letterhead')}>
                  <label>
                    {t('export.organisation')}
                    <input value={choices.organisation} maxLength={200} onChange={(e) => change('organisation', e.target.value)} aria-describedby={choices.organisation.trim() ? undefined : 'export-no-organisation'} />
                  </label>
                  {!choices.organisation.trim() && (
                    <span className="hint warning" id="export-no-organisation">
                      {t('export.noOrganisation')}
                    </span>
                  )}
                  <div className="row">
                    <label>
                      {t('export.place')}
                      <input value={choices.place} maxLength={200} onChange={(e) => change('place', e.target.value)} />
                    </label>
                    <div className="field">
                      <label>
                        {t('export.date')}
                        <input type="date" lang={language} value={choices.date} onChange={(e) => change('date', e.target.value)} aria-describedby="export-date-hint" />
                      </label>
                      {/* The field's own display follows the system's date format; this says the day as the page will print it. */}
                      <span className="hint" id="export-date-hint">
                        {choices.date ? t(signatureBlock.dated ? 'export.printedTwice' : 'export.printedAs', { day: pageDate(choices.date) }) : signatureBlock.dated ? t('export.datedSignature') : t('export.today', { day: pageDate(new Date().toISOString().slice(0, 10)) })}
                      </span>
                    </div>
                  </div>
                  <PictureField label={t('export.logo')} choose={t('export.chooseLogo')} picture={choices.logo} onChoose={() => choosePicture('logo')} onRemove={() => change('logo', null)} />
                </Group>
              )}
              {final && choices.template !== 'redline' && (
                <Group legend={t('export.signatureBlock')}>
                  {!signatureBlock.holds && (
                    <label>
                      {t('export.closing')}
                      <input value={choices.closing} maxLength={200} onChange={(e) => change('closing', e.target.value)} />
                    </label>
                  )}
                  <PictureField
                    label={t('export.signature')}
                    choose={t('export.chooseSignature')}
                    picture={choices.signature}
                    onChoose={() => choosePicture('signature')}
                    onRemove={() => change('signature', null)}
                  />
                </Group>
              )}
            </fieldset>
            <figure className={`export-preview${large ? ' large' : ''}`} aria-busy={preview.busy}>
              {summary?.image ? (
                <img src={pngUrl(summary.image)} alt={t('export.preview')} className={preview.busy ? 'stale' : undefined} />
              ) : (
                <p className="muted">{summary?.unavailable ?? (comparable ? t('export.previewing') : t(named.length ? 'export.chooseBase' : 'export.noVersions'))}</p>
              )}
              <figcaption className="muted">
                {t('export.preview')}{' '}
                <button type="button" className="link-button" aria-pressed={large} onClick={() => setLarge((l) => !l)}>
                  {large ? t('export.previewSmaller') : t('export.previewLarger')}
                </button>
              </figcaption>
            </figure>
          </div>
        )}
        {said && (
          <p className={`export-statement ${summary.kind}`} role="status">
            {said}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <Outcome phase={phase} onCancel={cancelExport} />
        {verifierAt && (
          <p className="export-verifier" role="status">
            {t('export.verifierSaved', { path: verifierAt })}{' '}
            <button type="button" className="link-button" onClick={() => call('export.showInFolder', verifierAt).catch((e) => setError(message(e)))}>
              {t('export.showInFolder')}
            </button>
          </p>
        )}
        <div className="buttons">
          <button type="button" className="verifier" title={t('export.verifierHint')} onClick={saveVerifier}>
            {t('export.saveVerifier')}
          </button>
          {phase.name === 'saved' && (
            <button type="button" onClick={() => call('export.showInFolder', phase.path).catch((e) => setError(message(e)))}>
              {t('export.showInFolder')}
            </button>
          )}
          <button
            type="button"
            onClick={() => {
              stop();
              dialog.current?.close();
            }}
          >
            {t('common.close')}
          </button>
          <button type="submit" className="primary" disabled={!choices || saving || !comparable}>
            {t('export.saveAs', { format: choices?.format === 'pdf' ? 'PDF' : 'HTML' })}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function Group({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

function PictureField({ label, choose, picture, onChoose, onRemove }: { label: string; choose: string; picture: Picture | null; onChoose(): void; onRemove(): void }) {
  const t = useT();
  return (
    <div className="picture-field">
      <span className="picture-label">{label}</span>
      {picture ? (
        <span className="picture">
          <img src={pngUrl(picture.bytes)} alt="" />
          <span>{picture.name}</span>
          <button type="button" onClick={onRemove} aria-label={t('export.removeImage', { name: picture.name })}>
            ×
          </button>
        </span>
      ) : (
        <button type="button" onClick={onChoose}>
          {choose}
        </button>
      )}
    </div>
  );
}

/** Where the save is: its step with a cancel, or where the copy went, or that nothing was saved. */
function Outcome({ phase, onCancel }: { phase: Phase; onCancel(): void }) {
  const t = useT();
  if (phase.name === 'saving') {
    return (
      <div className="export-progress" role="status">
        <span>{phase.step ? t(`export.step.${phase.step}`) : t('export.choosing')}</span>
        {phase.step && (
          <button type="button" onClick={onCancel} disabled={phase.cancelling}>
            {t('export.cancel')}
          </button>
        )}
      </div>
    );
  }
  if (phase.name === 'saved') {
    const kind = t(`export.kind.${phase.kind}`);
    return (
      <p className="export-progress done" role="status">
        {phase.pages ? t('export.savedPages', { kind, path: phase.path, pages: phase.pages }) : t('export.saved', { kind, path: phase.path })}
      </p>
    );
  }
  if (phase.name === 'cancelled') {
    return (
      <p className="export-progress" role="status">
        {t('export.cancelled')}
      </p>
    );
  }
  return null;
}
