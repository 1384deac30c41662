// Regression: changes made while a batch was being written were dropped from the queue (the
// batch and the queue were one array), leaving a log that skipped changes. Found by the e2e run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newMessage } from '../../../electron/services/library/library';
import { readMessageFile } from '../../../electron/services/files/message-file';
import { OpenMessage, createMessageFile } from '../../../electron/services/files/message-store';
import { messageText } from '../../../shared/document';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('keeps every change typed while an earlier batch is being flushed', async () => {
  dir = await mkdtemp(join(tmpdir(), 'signet-order-'));
  const path = join(dir, 'm.signet');
  await createMessageFile(path, newMessage('blank'));
  const message = await OpenMessage.open(path, { flushDelayMs: 1 });
  const editor = new Y.Doc({ gc: false });
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(message.doc));
  editor.on('update', (u: Uint8Array) => message.applyFromEditor(u));
  const root = editor.get('root-v2', Y.XmlElement);
  const text = (root.get(0) as Y.XmlElement).get(0) instanceof Y.XmlText ? ((root.get(0) as Y.XmlElement).get(0) as Y.XmlText) : null;
  const target = text ?? (() => {
    const t = new Y.XmlText();
    (root.get(0) as Y.XmlElement).insert(0, [t]);
    return t;
  })();
  const word = 'abcdefghijklmnopqrstuvwxyz'.repeat(8);
  for (let i = 0; i < word.length; i += 1) {
    target.insert(i, word[i]);
    if (i % 7 === 0) await new Promise((r) => setImmediate(r));
  }
  await message.flush();
  const { doc } = await readMessageFile(path); // would throw: "depends on changes missing"
  expect(messageText(doc)).toBe(word);
  await message.close();
});
