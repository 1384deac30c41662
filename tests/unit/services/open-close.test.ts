// Opening and closing one message from several places at once: no open is stranded read-only,
// and no change typed after a quick close-and-reopen is lost.
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Services } from '../../../electron/services/services';
import { readMessageFile } from '../../../electron/services/files/message-file';
import { messageText, textRoot } from '../../../shared/document';
import { testServices, type TestServices } from '../../helpers/services';

let setup: TestServices;
let services: Services;
let path: string;

beforeEach(async () => {
  setup = await testServices();
  services = setup.services;
  path = await services.handlers['message.create']({ template: 'blank' });
});
afterEach(() => setup.dispose());

/** An editor's copy of the message that types `words` and sends each change, as the renderer does. */
async function typeInto(state: Uint8Array, words: string) {
  const editor = new Y.Doc({ gc: false });
  Y.applyUpdate(editor, state);
  const sent: Promise<unknown>[] = [];
  editor.on('update', (u: Uint8Array) => sent.push(services.dispatch('message.update', [path, u])));
  const paragraph = textRoot(editor).get(0) as Y.XmlElement;
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  text.insert(0, words);
  return Promise.all(sent);
}

it('two opens at once share one writable message', async () => {
  const [a, b] = await Promise.all([services.handlers['message.open'](path), services.handlers['message.open'](path)]);
  expect(a.readOnly).toBeNull();
  expect(b.readOnly).toBeNull();
  await services.handlers['message.close'](path);
  // Still open for the second user.
  expect(services.open.has(path)).toBe(true);
  await services.handlers['message.close'](path);
  expect(services.open.has(path)).toBe(false);
});

it('a change typed right after closing and reopening reaches the file', async () => {
  const first = await services.handlers['message.open'](path);
  const closing = services.handlers['message.close'](path);
  const again = await services.handlers['message.open'](path);
  await closing;
  expect(again.readOnly).toBeNull();
  expect(first.readOnly).toBeNull();
  const replies = await typeInto(again.state, 'Not a word lost');
  expect(replies.every((r) => (r as { ok: boolean }).ok)).toBe(true);
  await services.handlers['message.close'](path);
  expect(messageText((await readMessageFile(path)).doc)).toBe('Not a word lost');
});

it('renaming a closed message while it is being opened does not strand it read-only', async () => {
  const [opened] = await Promise.all([services.handlers['message.open'](path), services.handlers['message.rename'](path, 'Budget speech')]);
  expect(opened.readOnly).toBeNull();
  await services.handlers['message.close'](path);
  await expect(services.handlers['message.trash'](path)).resolves.toBeNull();
});
