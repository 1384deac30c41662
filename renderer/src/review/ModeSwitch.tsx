// Editing or Suggesting: the one control that says which mode the editor is in, always shown
// while a message can be changed. A reviewer is held in Suggesting.
import { useT } from '../i18n';

export type EditMode = 'editing' | 'suggesting';

const shortcut = /Mac/.test(navigator.platform) ? '⌥⇧⌘X' : 'Ctrl+Alt+Shift+X';

export function ModeSwitch({ mode, onlySuggesting, onChange }: { mode: EditMode; onlySuggesting: boolean; onChange(mode: EditMode): void }) {
  const t = useT();
  const option = (value: EditMode, label: string) => (
    <button
      type="button"
      role="radio"
      aria-checked={mode === value}
      disabled={value === 'editing' && onlySuggesting}
      title={onlySuggesting && value === 'editing' ? t('suggest.reviewerOnly') : `${label} (${shortcut})`}
      // The text keeps the focus (and its caret) when the mode changes.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => onChange(value)}
    >
      {label}
    </button>
  );
  return (
    <span className="mode-switch" role="radiogroup" aria-label={t('suggest.mode')} aria-keyshortcuts={/Mac/.test(navigator.platform) ? 'Meta+Alt+Shift+X' : 'Control+Alt+Shift+X'}>
      {option('editing', t('suggest.editing'))}
      {option('suggesting', t('suggest.suggesting'))}
    </span>
  );
}
