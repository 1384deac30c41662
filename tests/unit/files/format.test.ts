// Format 2 against format 1: a file written by the code before record kinds and parity still
// reads and opens, and opening it for editing rewrites it in format 2, keeping the old bytes as a
// backup; a record's kind decides what may be a torn tail.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  encodeHeader,
  encodeLog,
  encodeRecord,
  FORMAT_VERSION,
  HEADER_SIZE,
  loadLog,
  MessageFileError,
  parseLog,
} from '../../../electron/services/files/message-file';
import { OpenMessage } from '../../../electron/services/files/message-store';
import { recoverLog } from '../../../electron/services/files/recovery';
import { newMessage } from '../../../electron/services/library/library';
import { messageText, textRoot } from '../../../shared/document';
import { editingSession, tempFolder } from '../../helpers/editing';

const FIXTURE = join(__dirname, '../../fixtures/files/format-1-letter.signet');
const FIXTURE_TEXT = readFileSync(join(__dirname, '../../fixtures/files/format-1-letter.txt'), 'utf8');
const folder = tempFolder('format');
afterAll(() => folder.remove());

const damage = (run: () => unknown): MessageFileError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MessageFileError);
    return error as MessageFileError;
  }
  throw new Error('no damage reported');
};

describe('a format-1 file (written by the code before format 2)', () => {
  const bytes = readFileSync(FIXTURE);

  it('reads with every word, as format 1', () => {
    expect(FORMAT_VERSION).toBe(2);
    const loaded = loadLog(bytes, 'letter.signet');
    expect(loaded.version).toBe(1);
    expect(loaded.records).toBe(4);
    expect(messageText(loaded.doc)).toBe(FIXTURE_TEXT);
    expect(messageText(recoverLog(bytes).doc)).toBe(FIXTURE_TEXT);
  });

  it('is still damage, not an empty message, when cut inside its first record', () => {
    const first = parseLog(bytes, 'letter.signet').records[1].offset;
    for (const length of [HEADER_SIZE, HEADER_SIZE + 5, first - 1]) {
      expect(damage(() => loadLog(bytes.subarray(0, length), 'letter.signet'))).toMatchObject({ kind: 'cut-short', offset: HEADER_SIZE });
    }
  });

  it('opens for editing, is rewritten in format 2 with the same text, and its old bytes go to the backup', async () => {
    const path = join(folder.path, 'letter.signet');
    copyFileSync(FIXTURE, path);
    const kept: Buffer[] = [];
    const message = await OpenMessage.open(path, { backup: async (old) => kept.push(old) });
    expect(kept).toHaveLength(1);
    expect(kept[0].equals(bytes)).toBe(true);
    const now = readFileSync(path);
    expect(now.readUInt32LE(8)).toBe(2);
    expect(parseLog(now, path).records.map((r) => r.kind)).toEqual(['base']);
    expect(messageText(loadLog(now, path).doc)).toBe(FIXTURE_TEXT);
    // Changes are appended in format 2 and read back.
    const session = editingSession(message.doc);
    session.type(' Signed, the clerk.');
    for (const update of session.updates) message.applyFromEditor(update);
    session.dispose();
    await message.flush();
    const log = parseLog(readFileSync(path), path);
    expect(log.records.map((r) => r.kind)).toEqual(['base', 'change']);
    expect(messageText(loadLog(readFileSync(path), path).doc)).toContain('Signed, the clerk.');
    await message.close();
  });
});

describe('record kinds', () => {
  const doc = newMessage('letter');
  const state = Y.encodeStateAsUpdate(doc);

  it('refuses a file whose first record is not a base, or a base after the first', () => {
    expect(damage(() => loadLog(Buffer.concat([encodeHeader(), encodeRecord(state, 'change')]), 'a.signet')).reason).toBe('the first record is not the message itself');
    const two = Buffer.concat([encodeLog([state]), encodeRecord(state, 'base')]);
    expect(damage(() => loadLog(two, 'a.signet')).reason).toBe('a second base record follows the first');
  });

  it('cuts off a torn appended change but reports a base cut short, or a header with no base, as damage', () => {
    const base = encodeLog([state]);
    const copy = editingSession(doc);
    copy.type(' More.');
    const change = encodeRecord(copy.updates[0]);
    copy.dispose();
    const torn = loadLog(Buffer.concat([base, change.subarray(0, change.length - 1)]), 'a.signet');
    expect(torn.tornBytes).toBe(change.length - 1);
    expect(messageText(torn.doc)).toBe(messageText(doc));
    const cut = damage(() => loadLog(base.subarray(0, base.length - 1), 'a.signet'));
    expect(cut.kind).toBe('cut-short');
    expect(cut.message).toBe('a.signet: the message ends inside its first record, which is always written whole (the file was cut short) at byte 16');
    expect(damage(() => loadLog(encodeHeader(), 'a.signet')).kind).toBe('cut-short');
    // Zeros where the base should be are damage too (after the base, they are a torn append).
    expect(damage(() => loadLog(Buffer.concat([encodeHeader(), Buffer.alloc(64)]), 'a.signet')).kind).toBe('bad-record');
    expect(loadLog(Buffer.concat([base, Buffer.alloc(64)]), 'a.signet').tornBytes).toBe(64);
  });

  it('refuses a message nested deeper than anything reads, naming the file, the depth and the record', () => {
    const deep = new Y.Doc({ gc: false });
    Y.applyUpdate(deep, state);
    const before = Y.encodeStateVector(deep);
    let parent: Y.XmlFragment | Y.XmlElement = textRoot(deep);
    for (let i = 0; i < 300; i += 1) {
      const quote: Y.XmlElement = new Y.XmlElement('quote');
      parent.insert(0, [quote]);
      parent = quote;
    }
    const file = encodeLog([state, Y.encodeStateAsUpdate(deep, before)]);
    writeFileSync(join(folder.path, 'deep.signet'), file);
    const error = damage(() => loadLog(file, 'deep.signet'));
    expect(error.kind).toBe('too-deep');
    const second = parseLog(file, 'deep.signet').records[1].offset;
    expect(error.message).toBe(`deep.signet: the message is nested 301 levels deep, more than the 100 Signet reads at byte ${second}`);
  });
});
