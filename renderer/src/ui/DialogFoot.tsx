// The foot of a small form dialog: what is wrong (an alert), then Cancel and the submit button.
import { useT } from '../i18n';

export function DialogFoot({ error, onCancel, submit = 'OK', busy = false }: { error: string | null; onCancel(): void; submit?: string; busy?: boolean }) {
  const t = useT();
  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        <button type="button" onClick={onCancel}>
          {t('settings.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {submit}
        </button>
      </div>
    </>
  );
}
