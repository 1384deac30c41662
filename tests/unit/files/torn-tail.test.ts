// After a power cut a file system can show a half-appended tail as zeros; that is a torn append,
// cut off on open like any other, not damage that would lock the user out of the message.
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { newMessage } from '../../../electron/services/library/library';
import { MessageFileError, encodeMessageFile, encodeRecord, loadLog } from '../../../electron/services/files/message-file';
import { messageText } from '../../../shared/document';

it('reads a zero-filled tail as torn and a non-zero one as damage', () => {
  const doc = newMessage('letter');
  const file = encodeMessageFile(doc);
  const zeros = Buffer.concat([file, Buffer.alloc(40)]);
  const loaded = loadLog(zeros, 'letter.signet');
  expect(loaded.tornBytes).toBe(40);
  expect(messageText(loaded.doc)).toBe(messageText(doc));

  const garbage = Buffer.concat([file, Buffer.alloc(40, 7)]);
  expect(() => loadLog(garbage, 'letter.signet')).toThrow(MessageFileError);

  // A whole record followed by zeros keeps the record.
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let update: Uint8Array | null = null;
  copy.on('update', (u: Uint8Array) => (update = u));
  copy.getMap('meta').set('title', 'Letter to staff');
  const withRecord = Buffer.concat([file, encodeRecord(update!), Buffer.alloc(12)]);
  expect(loadLog(withRecord, 'letter.signet').records).toBe(2);
});
