// The panel beside the editor (history, comments, sign-off): a titled aside with a close button.
import type { ReactNode } from 'react';
import { useT } from '../i18n';

export function SidePanel({ title, className, busy, onClose, children }: { title: string; className: string; busy?: boolean; onClose(): void; children?: ReactNode }) {
  const t = useT();
  return (
    <aside className={`side-panel ${className}`} aria-label={title} aria-busy={busy || undefined}>
      <header>
        <h2>{title}</h2>
        <button type="button" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      {children}
    </aside>
  );
}
