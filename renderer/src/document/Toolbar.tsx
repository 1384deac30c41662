import type { MessageKey } from '../../../shared/i18n';
import { useT } from '../i18n';
import { Icon, hasIcon } from '../ui/icons';
import type { FormatState } from './commands';

/** `labelled`: a button whose picture alone says little, which shows its name too where the window is wide enough. */
type Button = { command: string; label: MessageKey; icon: string; pressed?: (f: FormatState) => boolean; shortcut?: string; labelled?: boolean };

const mod = /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

const GROUPS: Button[][] = [
  [
    { command: 'undo', label: 'editor.undo', icon: '↶', shortcut: `${mod}Z` },
    { command: 'redo', label: 'editor.redo', icon: '↷', shortcut: mod === '⌘' ? '⇧⌘Z' : 'Ctrl+Y' },
  ],
  [
    { command: 'bold', label: 'editor.bold', icon: 'B', pressed: (f) => f.bold, shortcut: `${mod}B` },
    { command: 'italic', label: 'editor.italic', icon: 'I', pressed: (f) => f.italic, shortcut: `${mod}I` },
    { command: 'underline', label: 'editor.underline', icon: 'U', pressed: (f) => f.underline, shortcut: `${mod}U` },
    { command: 'strikethrough', label: 'editor.strikethrough', icon: 'S', pressed: (f) => f.strikethrough },
  ],
  [
    { command: 'bullets', label: 'editor.bullets', icon: '•', pressed: (f) => f.block === 'bullet' },
    { command: 'numbers', label: 'editor.numbers', icon: '1.', pressed: (f) => f.block === 'number' },
    { command: 'outdent', label: 'editor.outdent', icon: '⇤' },
    { command: 'indent', label: 'editor.indent', icon: '⇥' },
  ],
  [
    { command: 'align:left', label: 'editor.alignLeft', icon: '⯇', pressed: (f) => f.align === 'left' || f.align === '' },
    { command: 'align:center', label: 'editor.alignCenter', icon: '≡', pressed: (f) => f.align === 'center' },
    { command: 'align:right', label: 'editor.alignRight', icon: '⯈', pressed: (f) => f.align === 'right' },
    { command: 'align:justify', label: 'editor.justify', icon: '☰', pressed: (f) => f.align === 'justify' },
  ],
  [
    { command: 'link', label: 'editor.link', icon: '🔗', pressed: (f) => f.link, shortcut: `${mod}K` },
    { command: 'rule', label: 'editor.rule', icon: '―' },
    { command: 'page-break', label: 'editor.pageBreak', icon: '⤓', labelled: true },
    { command: 'signature', label: 'editor.signature', icon: '✍', labelled: true },
  ],
  [{ command: 'comment', label: 'comments.add', icon: '💬', shortcut: mod === '⌘' ? '⌥⌘M' : 'Ctrl+Alt+M', labelled: true }],
];

const BLOCKS = [
  ['paragraph', 'editor.paragraph'],
  ['h1', 'editor.h1'],
  ['h2', 'editor.h2'],
  ['h3', 'editor.h3'],
  ['quote', 'editor.quote'],
] as const;

export function Toolbar({ format, disabled, canComment, run }: { format: FormatState; disabled: boolean; canComment: boolean; run(command: string): void }) {
  const t = useT();
  const block = BLOCKS.some(([b]) => b === format.block) ? format.block : 'paragraph';
  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <select aria-label={t('editor.blockType')} value={block} disabled={disabled} onChange={(e) => run(`block:${e.target.value}`)}>
        {BLOCKS.map(([value, label]) => (
          <option key={value} value={value}>
            {t(label)}
          </option>
        ))}
      </select>
      {GROUPS.map((group, i) => (
        <div className="group" key={i}>
          {group.map((b) => (
            <button
              key={b.command}
              type="button"
              className={`tool tool-${b.command.replace(':', '-')}${b.labelled ? ' labelled' : ''}`}
              aria-label={t(b.label)}
              title={b.shortcut ? `${t(b.label)} (${b.shortcut})` : t(b.label)}
              aria-pressed={b.pressed ? b.pressed(format) : undefined}
              disabled={b.command === 'comment' ? !canComment : disabled}
              // Keep the editor's selection: a toolbar click must not move focus first.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => run(b.command)}
            >
              {hasIcon(b.command.replace(':', '-')) ? <Icon name={b.command.replace(':', '-')} /> : <span aria-hidden="true">{b.icon}</span>}
              {b.labelled && (
                <span className="tool-label" aria-hidden="true">
                  {t(b.label)}
                </span>
              )}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}
