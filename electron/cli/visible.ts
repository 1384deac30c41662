// What the tool prints from a file or a copy (titles, names, version names, comments, reasons) is
// written by someone else, and a terminal obeys control characters: an escape sequence can
// recolour, rewrite or hide what was printed before it, a carriage return can overwrite a line,
// bidirectional overrides can reorder it. Everything printed passes through here (run.ts), so
// such characters are shown as escapes (`\x1b`, `\r`, `\u202e`) wherever the text came from.
// Escapes above U+007F use the \u form, which JSON output can carry unchanged.

// Control characters (C0 but line feed and tab, DEL, C1), bidirectional marks and overrides, line and paragraph separators, and the byte order mark.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/g;
const UNSAFE_IN_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code < 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** One line: every control character, line breaks included, shown as an escape. */
export const visibleLine = (text: string): string => text.replace(/\t/g, ' ').replace(UNSAFE, escape);

/** Several lines (JSON, the message's text, help): line breaks and tabs kept, every other control character shown. */
export const visibleBlock = (text: string): string => text.replace(UNSAFE_IN_BLOCK, escape);

/** Whether a title has something a reader can see (not only spaces, controls and invisible format characters). */
export const hasVisible = (text: string): boolean => /[^\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u.test(text);
