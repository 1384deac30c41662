// The editor's own keyboard shortcuts (the native menu shows them but leaves the keys to the page).

const SHORTCUTS: Record<string, string> = {
  'mod+k': 'link',
  'mod+shift+x': 'strikethrough',
  'mod+alt+0': 'block:paragraph',
  'mod+alt+1': 'block:h1',
  'mod+alt+2': 'block:h2',
  'mod+alt+3': 'block:h3',
  'mod+enter': 'page-break',
  'mod+alt+s': 'save-version',
  'mod+alt+y': 'history',
  'mod+alt+m': 'comment',
  'mod+alt+shift+x': 'suggesting',
  'mod+shift+e': 'export',
};

/** The key pressed, as 'mod+alt+shift+key', where mod is Ctrl or Cmd. */
export function shortcutOf(e: Pick<KeyboardEvent, 'getModifierState' | 'metaKey' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'code' | 'key'>): string {
  // AltGr types characters (} ² ³ on a German keyboard); it is never a shortcut.
  if (e.getModifierState('AltGraph')) return '';
  const mod = e.metaKey || e.ctrlKey ? 'mod+' : '';
  // Option on a Mac types a character (ƒ for F, ß for S): such a letter is read by its key.
  const letter = /^[a-z]$/i.test(e.key) ? e.key.toLowerCase() : /^Key[A-Z]$/.test(e.code) ? e.code.slice(3).toLowerCase() : e.key.toLowerCase();
  const key = e.code.startsWith('Digit') ? e.code.slice(5) : letter;
  return `${mod}${e.altKey ? 'alt+' : ''}${e.shiftKey ? 'shift+' : ''}${key}`;
}

/** The command a shortcut runs. Cmd+H hides the app on macOS, so there Replace is Cmd+Option+F. */
export function commandFor(combo: string, mac: boolean): string | undefined {
  if (combo === 'mod+f') return 'find';
  if (combo === (mac ? 'mod+alt+f' : 'mod+h')) return 'replace';
  return SHORTCUTS[combo];
}
