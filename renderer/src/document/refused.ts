// A change the main process refused is on the page but not in the file, and so is every change
// after it that builds on it: the status bar must not say "Saved" for the rest of this opening.
// Kept per document, so opening the message again (a new document, from the file) starts afresh.
import type * as Y from 'yjs';

const refused = new WeakMap<Y.Doc, string>();
const listeners = new WeakMap<Y.Doc, Set<(reason: string) => void>>();

/** Notes that the main process refused a change to `doc`, with its reason. */
export function noteRefused(doc: Y.Doc, reason: string): void {
  if (refused.has(doc)) return; // the first refusal is the cause; later ones follow from it
  refused.set(doc, reason);
  for (const listener of listeners.get(doc) ?? []) listener(reason);
}

/** Why a change to `doc` was refused, or null when none was. */
export const refusedReason = (doc: Y.Doc): string | null => refused.get(doc) ?? null;

/** Calls `listener` when a change to `doc` is first refused; returns the unsubscribe. */
export function onRefused(doc: Y.Doc, listener: (reason: string) => void): () => void {
  const set = listeners.get(doc) ?? new Set();
  listeners.set(doc, set);
  set.add(listener);
  return () => set.delete(listener);
}
