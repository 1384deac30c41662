// The app's way in for a Word file: the 'message.createFromWord' channel, through the services as
// the renderer calls them. A chosen (or dropped) .docx becomes a new message in the library, with
// its suggestions and threads, and says what came in; a file that is not one is refused with its
// reason and nothing is created; a path the person did not choose is refused.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageParagraphs, readMeta, type WordImportSummary } from '../../../shared/document';
import { listVersions } from '../../../shared/history';
import { listSuggestions, listThreads } from '../../../shared/review';
import { readMessageFile } from '../../../electron/services/files/message-file';
import { testServices, type TestServices } from '../../helpers/services';
import { encryptedDocx, formattedDraft, reviewedDraft } from '../../helpers/word';

let setup: TestServices;
let outside: string;

beforeAll(async () => {
  setup = await testServices();
  outside = join(setup.dir, 'Downloads');
  await mkdir(outside, { recursive: true });
  // The library folder exists once a message has been listed.
  await setup.services.dispatch('library.list', []);
});
afterAll(() => setup.dispose());

const lib = () => join(setup.dir, 'lib');

describe('message.createFromWord', () => {
  it('makes a message of the Word file chosen in the dialog, titled by its heading, and says what came in', async () => {
    const source = join(outside, 'budget.docx');
    await writeFile(source, await reviewedDraft());
    setup.answers.wordFile = source;
    const reply = await setup.services.dispatch('message.createFromWord', [null]);
    if (!reply.ok) throw new Error(reply.error.message);
    const { path, summary } = reply.value as { path: string; summary: WordImportSummary };
    expect(path).toBe(join(lib(), 'Budget statement.signet'));
    expect(summary).toMatchObject({ file: 'budget.docx', suggestions: 3, threads: 2, replies: 1, people: ['Ben Okafor', 'Carmen Ruiz'], done: 0 });
    expect(Object.values(summary.leftOut).every((n) => n === 0)).toBe(true);
    const { doc } = await readMessageFile(path);
    expect(readMeta(doc).title).toBe('Budget statement');
    expect(messageParagraphs(doc)[1]).toBe('We will spend three million pounds on roads and nothing else.');
    expect(listSuggestions(doc).map((s) => s.author.name)).toEqual(['Ben Okafor', 'Ben Okafor', 'Ben Okafor']);
    expect(listThreads(doc)).toHaveLength(2);
    expect(listVersions(doc).map((v) => v.name)).toEqual(['Created from budget.docx']);
    // The new message opens like any other.
    const opened = await setup.services.dispatch('message.open', [path]);
    expect(opened.ok).toBe(true);
    await setup.services.dispatch('message.close', [path]);
  });

  it('takes a Word file dropped on the library (a path the person gave), and reports what did not come through', async () => {
    const source = join(lib(), 'New Year.docx');
    await writeFile(source, await formattedDraft());
    const reply = await setup.services.dispatch('message.createFromWord', [source]);
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.value).toMatchObject({ path: join(lib(), 'New Year Address.signet'), summary: { file: 'New Year.docx', suggestions: 0, threads: 0, leftOut: { images: 1, tables: 1, headers: 1, footers: 1, textBoxes: 0 } } });
  });

  it('refuses a file that is not a Word file it can read, with the reason, and creates nothing', async () => {
    const source = join(outside, 'locked.docx');
    await writeFile(source, encryptedDocx());
    setup.answers.wordFile = source;
    const before = await readdir(lib());
    const reply = await setup.services.dispatch('message.createFromWord', [null]);
    expect(reply).toEqual({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/^locked\.docx cannot be opened: it is encrypted \(protected by a password\);.*Nothing was created\.$/) } });
    expect(await readdir(lib())).toEqual(before);
  });

  it('refuses a path the person did not choose, and one that is not a .docx, before reading it', async () => {
    const source = join(outside, 'budget.docx');
    const reply = await setup.services.dispatch('message.createFromWord', [source.replace('budget', 'elsewhere')]);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await setup.services.dispatch('message.createFromWord', ['/etc/passwd']);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/absolute path to a \.docx file/) } });
  });

  it('returns null when the dialog is cancelled', async () => {
    expect(await setup.services.dispatch('message.createFromWord', [null])).toEqual({ ok: true, value: null });
  });
});
