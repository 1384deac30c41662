// Rolling backups: the app keeps the file as it was before each compaction, in its data folder
// (never in the library), keeps the last few and one a day for a week, and "Recover a copy" gives
// back every word from them when the file itself has lost its words.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Backups } from '../../../electron/services/files/backups';
import { readMessageFile } from '../../../electron/services/files/message-file';
import type { Services } from '../../../electron/services/services';
import { messageText, textRoot } from '../../../shared/document';
import { tempFolder } from '../../helpers/editing';
import { testServices, type TestServices } from '../../helpers/services';

describe('which backups are kept', () => {
  const folder = tempFolder('backups');
  afterEach(() => folder.remove());

  it('keeps the last three and the newest of each of the last seven days, and lists them newest first', async () => {
    const backups = new Backups(folder.path);
    const message = '/library/Letter.signet';
    // Two compactions a day for ten days, at 09:00 and 17:00.
    let last = new Date(0);
    for (let day = 1; day <= 10; day += 1) {
      for (const hour of [9, 17]) {
        last = new Date(Date.UTC(2026, 10, day, hour));
        await backups.keep(message, Buffer.from(`day ${day} ${hour}h`), last);
      }
    }
    const kept = (await backups.list(message)).map((b) => b.savedAt.slice(0, 13));
    // The last three (10th 17h, 10th 9h, 9th 17h), then the newest of the 4th to the 8th.
    expect(kept).toEqual(['2026-11-10T17', '2026-11-10T09', '2026-11-09T17', '2026-11-08T17', '2026-11-07T17', '2026-11-06T17', '2026-11-05T17', '2026-11-04T17']);
    const [newest] = await backups.list(message);
    expect((await backups.read(message, newest.id)).toString()).toBe('day 10 17h');
    await expect(backups.read(message, '../settings.json')).rejects.toThrow('is not a backup');
    // Another message has its own folder.
    expect(await backups.list('/library/Other.signet')).toEqual([]);
  });
});

describe('backups of a message the app edits', () => {
  let setup: TestServices;
  let services: Services;
  let path: string;

  beforeEach(async () => {
    setup = await testServices();
    services = setup.services;
    path = await services.handlers['message.create']({ template: 'blank', title: 'Harbour Street' });
  });
  afterEach(() => setup.dispose());

  async function typeAndClose(words: string) {
    const opened = await services.handlers['message.open'](path);
    const editor = new Y.Doc({ gc: false });
    Y.applyUpdate(editor, opened.state);
    const sent: Promise<unknown>[] = [];
    editor.on('update', (u: Uint8Array) => sent.push(services.dispatch('message.update', [path, u])));
    const paragraph = textRoot(editor).get(0) as Y.XmlElement;
    const text = new Y.XmlText();
    paragraph.insert(paragraph.length, [text]);
    text.insert(0, words);
    await Promise.all(sent);
    await services.handlers['message.close'](path);
  }

  it('keeps the file as it was before each compaction in the data folder, never in the library', async () => {
    await typeAndClose('The road opens again on Monday.');
    const backups = await services.handlers['message.backups'](path);
    expect(backups).toHaveLength(1);
    const folder = new Backups(join(setup.dir, 'backups')).folderOf(path);
    expect(readdirSync(folder).sort()).toEqual(['about.json', backups[0].id].sort());
    expect(JSON.parse(readFileSync(join(folder, 'about.json'), 'utf8'))).toEqual({ path });
    // The backup holds what the file held before the compaction: the typed words, appended.
    expect(messageText((await readMessageFile(join(folder, backups[0].id))).doc)).toContain('The road opens again on Monday.');
    expect((await services.handlers['library.list']()).map((m) => m.title)).toEqual(['Harbour Street']);
    expect(existsSync(join(setup.dir, 'lib', 'backups'))).toBe(false);
  });

  it('recovers every word of a file cut short inside its only record, from its backup, and says so', async () => {
    await typeAndClose('The road opens again on Monday.');
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, 40));
    const listed = (await services.handlers['library.list']()).find((m) => m.path === path)!;
    expect(listed.damage).toMatch(/ends inside its first record, which is always written whole/);

    const copy = await services.handlers['message.recover'](path, null);
    expect(copy).toMatchObject({ recovered: 0, fromBackups: 1, words: 6 });
    expect(messageText((await readMessageFile(copy.path)).doc)).toBe('The road opens again on Monday.');
    expect((await services.handlers['library.list']()).map((m) => m.title)).toContain('Harbour Street (recovered)');
    // The damaged file is left exactly as it was.
    expect(readFileSync(path).equals(bytes.subarray(0, 40))).toBe(true);

    // Or from a backup chosen by the person.
    const [backup] = await services.handlers['message.backups'](path);
    const chosen = await services.handlers['message.recover'](path, backup.id);
    expect(messageText((await readMessageFile(chosen.path)).doc)).toBe('The road opens again on Monday.');
    expect((await readMessageFile(chosen.path)).doc.getMap('meta').get('title')).toBe(`Harbour Street (backup of ${backup.id.slice(0, 10)})`);
  });

  it('repairs one damaged byte of the file itself and says nothing was lost', async () => {
    await typeAndClose('Buses return to their usual stops.');
    const damaged = readFileSync(path);
    damaged[40] ^= 0x10;
    writeFileSync(path, damaged);
    const copy = await services.handlers['message.recover'](path, null);
    expect(copy).toMatchObject({ recovered: 1, repaired: 1, lostBytes: 0, leftOut: 0, words: 6 });
    expect(messageText((await readMessageFile(copy.path)).doc)).toBe('Buses return to their usual stops.');
  });
});
