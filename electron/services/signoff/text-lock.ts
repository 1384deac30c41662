// The text lock: while a message is in review or signed, the editor may not change its text or
// title (comments stay open). An editor update is inspected before it is applied, so a locked
// message is never changed and then put back.
import * as Y from 'yjs';
import { META, TEXT_ROOT } from '../../../shared/document';
import { messageState, observeRecords } from '../../../shared/signoff';
import { UserError } from '../errors';
import { FROM_EDITOR } from '../files/message-store';

export const TEXT_LOCKED = 'The text is locked while the message is in review (comments are still open).';
const SIGNED_LOCKED = 'The text is locked: the message is signed. Start a new revision to change it (comments are still open).';

export class TextLock {
  private readonly locks = new WeakMap<Y.Doc, boolean>();
  private readonly watched = new WeakSet<Y.Doc>();

  /**
   * Whether the message's text is locked (in review, or signed). Cached per document: recomputed
   * only after its records change or a change that did not come from the editor (a merge, a step,
   * a rename), not on every keystroke.
   */
  textLocked(doc: Y.Doc): boolean {
    if (!this.watched.has(doc)) {
      this.watched.add(doc);
      const forget = () => void this.locks.delete(doc);
      observeRecords(doc, forget);
      doc.on('update', (_update: Uint8Array, origin: unknown) => {
        if (origin !== FROM_EDITOR) forget();
      });
      doc.on('destroy', () => this.locks.delete(doc));
    }
    let locked = this.locks.get(doc);
    if (locked === undefined) this.locks.set(doc, (locked = messageState(doc).textLocked));
    return locked;
  }

  /** Refuses an editor change that would change the text or title of a locked message; comments pass. */
  guardEditorUpdate(doc: Y.Doc, update: Uint8Array): void {
    if (this.textLocked(doc) && touchesText(doc, update)) throw new UserError('read-only', this.lockReason(doc));
  }

  /** Refuses a new title while the text is locked: the digest that approvals and signatures name covers it. */
  guardTitle(doc: Y.Doc): void {
    if (this.textLocked(doc)) throw new UserError('read-only', this.lockReason(doc).replace('The text is', 'The title is'));
  }

  private lockReason(doc: Y.Doc): string {
    return messageState(doc).closed ? SIGNED_LOCKED : TEXT_LOCKED;
  }
}

// ── What an update touches ──────────────────────────────────────────────────────────────────

/** Where an item lives: the name of its root type, and the key it sits under there (a map's entry). */
interface Place {
  root: string;
  key: string | null;
}

const isText = (place: Place | null): boolean => !place || place.root === TEXT_ROOT || (place.root === META && place.key === 'title');

/** The place of an item that is in the document: up its parents to the root. */
function placeInDoc(item: Y.Item): Place | null {
  let top = item;
  while (top.parent instanceof Y.AbstractType && top.parent._item) top = top.parent._item;
  return top.parent instanceof Y.AbstractType ? { root: Y.findRootTypeKey(top.parent), key: top.parentSub } : null;
}

/**
 * Whether applying `update` to `doc` would change what the content digest covers: the text (the
 * root the editor binds, at any depth) or the title. Decided without applying it: the update is
 * decoded, each item it adds that the document lacks is placed (an item names its parent only when
 * it has no neighbour; otherwise it shares its origin's parent, found in the update or in the
 * document), and each item it deletes that is not deleted yet is placed in the document. An item
 * that cannot be placed counts as text, so a doubtful update is refused, never let through.
 */
export function touchesText(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  const known = (id: Y.ID) => id.clock < Y.getState(store, id.client);
  const fresh = new Map<number, Y.Item[]>();
  for (const s of structs) {
    // GC and Skip structs carry no content and name no place: they change nothing anyone reads.
    if (!(s instanceof Y.Item) || s.id.clock + s.length <= Y.getState(store, s.id.client)) continue;
    const list = fresh.get(s.id.client) ?? [];
    list.push(s);
    fresh.set(s.id.client, list);
  }
  const inUpdate = (id: Y.ID) => fresh.get(id.client)?.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length);
  const places = new Map<Y.Item, Place | null>();
  const placeOf = (id: Y.ID): Place | null => {
    if (known(id)) {
      const s = Y.getItem(store, id);
      return s instanceof Y.Item ? placeInDoc(s) : null;
    }
    const s = inUpdate(id);
    return s ? placeOfNew(s) : null;
  };
  const placeOfNew = (item: Y.Item): Place | null => {
    if (places.has(item)) return places.get(item)!;
    places.set(item, null); // a cycle (a malformed update) ends here, unplaced
    const parent = item.parent as unknown;
    const place =
      typeof parent === 'string' ? { root: parent, key: item.parentSub }
      : parent instanceof Y.ID ? placeOf(parent)
      : item.origin ? placeOf(item.origin)
      : item.rightOrigin ? placeOf(item.rightOrigin)
      : null;
    places.set(item, place);
    return place;
  };
  for (const list of fresh.values()) for (const item of list) if (isText(placeOfNew(item))) return true;
  for (const [client, ranges] of ds.clients) {
    const state = Y.getState(store, client);
    for (const { clock, len } of ranges) {
      // Deletions of items the update itself adds were placed above.
      for (let at = clock; at < Math.min(clock + len, state); ) {
        const s = Y.getItem(store, Y.createID(client, at));
        if (s instanceof Y.Item && !s.deleted && isText(placeInDoc(s))) return true;
        at = s.id.clock + s.length;
      }
    }
  }
  return false;
}
