// Edits a copy of a message the way the renderer does (a Lexical editor bound to its own Y.Doc),
// and remembers each Yjs update with the text a user saw right after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isParagraphNode,
  $isTextNode,
  createMessageEditor,
  type MessageEditor,
} from '../../electron/services/document/headless-editor';
import { messageText, newMessageDoc } from '../../shared/document';

/** mulberry32: small, fast and the same on every machine, so a failing seed can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from SIGNET_TEST_SEED when replaying a failure, else a fresh one. */
export function testSeed(): number {
  const fromEnv = Number(process.env.SIGNET_TEST_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31) + 1;
}

export function tempFolder(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `signet-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

const WORDS = ['the', 'people', 'of', 'our', 'city', 'thank', 'you', 'for', 'your', 'patience', 'Grüße', 'année', '新年', '🎉'];

export interface EditingSession {
  doc: Y.Doc;
  /** Every update the editor produced, in order. */
  updates: Uint8Array[];
  /** texts[k] is the message text after the first k updates. */
  texts: string[];
  /** One random edit: typing, Enter, deleting a range, or joining two paragraphs. */
  randomEdit(random: () => number): void;
  type(text: string): void;
  edit(change: () => void): void;
  dispose(): void;
}

/** An editor on a copy of `base`; its updates are what the renderer would send to the main process. */
export function editingSession(base: Y.Doc): EditingSession {
  const doc = newMessageDoc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const updates: Uint8Array[] = [];
  const texts = [messageText(doc)];
  doc.on('update', (update: Uint8Array) => {
    updates.push(update);
    texts.push(messageText(doc));
  });
  const editor: MessageEditor = createMessageEditor(doc);
  const edit = (change: () => void) => editor.editor.update(change, { discrete: true });

  const paragraphs = () => $getRoot().getChildren().filter($isParagraphNode);

  function randomEdit(random: () => number): void {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    edit(() => {
      const all = paragraphs();
      if (all.length === 0) {
        $getRoot().append($createParagraphNode().append($createTextNode('Hello')));
        return;
      }
      const p = pick(all);
      const text = p.getFirstChild();
      const content = $isTextNode(text) ? text.getTextContent() : '';
      const at = Math.floor(random() * (content.length + 1));
      const kind = random();
      if (kind < 0.6 || content.length === 0) {
        const words = `${pick(WORDS)} ${random() < 0.3 ? pick(WORDS) + ' ' : ''}`;
        if ($isTextNode(text)) text.spliceText(safe(content, at), 0, words, false);
        else p.append($createTextNode(words));
      } else if (kind < 0.75 && $isTextNode(text)) {
        // Enter: the rest of the paragraph moves to a new one.
        const cut = safe(content, at);
        const rest = content.slice(cut);
        text.spliceText(cut, content.length - cut, '', false);
        const next = $createParagraphNode();
        if (rest) next.append($createTextNode(rest));
        p.insertAfter(next);
      } else if (kind < 0.92 && $isTextNode(text)) {
        const from = safe(content, at);
        const to = safe(content, Math.min(content.length, from + 1 + Math.floor(random() * 12)));
        text.spliceText(from, to - from, '', false);
      } else {
        // Backspace at the start of the next paragraph joins it to this one.
        const next = p.getNextSibling();
        if ($isParagraphNode(next)) {
          const tail = next.getTextContent();
          next.remove();
          if ($isTextNode(text)) text.spliceText(content.length, 0, tail, false);
          else if (tail) p.append($createTextNode(tail));
        } else if ($isTextNode(text)) {
          text.spliceText(content.length, 0, '.', false);
        }
      }
    });
  }

  return {
    doc,
    updates,
    texts,
    randomEdit,
    type: (words: string) =>
      edit(() => {
        const last = paragraphs().at(-1) ?? $getRoot().append($createParagraphNode()).getLastChild()!;
        if (!$isParagraphNode(last)) return;
        const text = last.getFirstChild();
        if ($isTextNode(text)) text.spliceText(text.getTextContentSize(), 0, words, false);
        else last.append($createTextNode(words));
      }),
    edit,
    dispose: () => editor.dispose(),
  };
}

/** An offset that does not split a surrogate pair. */
function safe(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return at > 0 && at < text.length && code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}
