// The editor's keys: Replace is Ctrl+H, but Cmd+Option+F on a Mac, where Cmd+H hides the app and
// Option turns letters into other characters.
import { describe, expect, it } from 'vitest';
import { commandFor, shortcutOf } from '../../../renderer/src/document/shortcuts';

const key = (code: string, typed: string, mods: { meta?: boolean; ctrl?: boolean; alt?: boolean; shift?: boolean; altGraph?: boolean } = {}) => ({
  code,
  key: typed,
  metaKey: !!mods.meta,
  ctrlKey: !!mods.ctrl,
  altKey: !!mods.alt,
  shiftKey: !!mods.shift,
  getModifierState: (state: string) => state === 'AltGraph' && !!mods.altGraph,
});

describe('editor shortcuts', () => {
  it('opens Replace with Ctrl+H on Windows and Linux', () => {
    expect(commandFor(shortcutOf(key('KeyH', 'h', { ctrl: true })), false)).toBe('replace');
    expect(commandFor(shortcutOf(key('KeyF', 'f', { ctrl: true })), false)).toBe('find');
  });
  it('opens Replace with Cmd+Option+F on a Mac, and leaves Cmd+H to Hide', () => {
    expect(commandFor(shortcutOf(key('KeyF', 'ƒ', { meta: true, alt: true })), true)).toBe('replace');
    expect(commandFor(shortcutOf(key('KeyH', 'h', { meta: true })), true)).toBeUndefined();
  });
  it('reads Option+letter shortcuts on a Mac by the key pressed', () => {
    expect(commandFor(shortcutOf(key('KeyS', 'ß', { meta: true, alt: true })), true)).toBe('save-version');
    expect(commandFor(shortcutOf(key('KeyM', 'µ', { meta: true, alt: true })), true)).toBe('comment');
  });
  it('follows the keyboard layout for letters, and never takes AltGr for a shortcut', () => {
    // On a French keyboard the key in the Q place types A.
    expect(shortcutOf(key('KeyQ', 'a', { ctrl: true, alt: true }))).toBe('mod+alt+a');
    expect(shortcutOf(key('Digit7', '}', { ctrl: true, alt: true, altGraph: true }))).toBe('');
  });
});
