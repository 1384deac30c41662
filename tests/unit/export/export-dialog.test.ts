// Export through the IPC handlers, as the export dialog calls them, on the sample library's
// messages: a copy saved where the person chose (final for a signed message, draft for a draft),
// the preview's sentence and picture, a cancel that leaves neither the copy nor a temporary file,
// a picture that is not a PNG refused with its reason and nothing written, and PDF refused in
// words where there is no printer while HTML still works. The printer here is a stand-in made
// with pdf-lib; real printing is in tests/e2e/export.spec.ts.
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SAMPLE_PASSPHRASE, sample } from '../../../electron/cli/sample';
import { readCopyFile } from '../../../electron/services/export/read-copy';
import { readMessageFile } from '../../../electron/services/files/message-file';
import type { Printer } from '../../../electron/services/export/make-copy';
import { createServices, type Services } from '../../../electron/services/services';
import type { Host } from '../../../electron/services/host';
import { SettingsStore, defaultSettings } from '../../../electron/services/files/settings';
import { checkCopy } from '../../../shared/export';
import type { Args, ChannelName, EventPayload, ExportOptions, Result } from '../../../shared/ipc';
import { newMessageDoc, setTitle } from '../../../shared/document';
import { listVersions } from '../../../shared/history';

const SIGNED = 'New Year message.signet';
const DRAFT = 'Letter to Harbour district residents.signet';
const OPTIONS: ExportOptions = { format: 'html', template: 'statement', pageSize: 'A4', organisation: 'City of Aldport', place: '', date: '', closing: '' };
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A printer that prints a page per paragraph of nothing, or waits until it is told to stop. */
class StandInPrinter implements Printer {
  printed = 0;
  hold = false;
  async pdf(_html: string, options: { signal?: AbortSignal }): Promise<Uint8Array> {
    if (this.hold) {
      await new Promise((_, fail) => options.signal?.addEventListener('abort', () => fail(new Error('Target page, context or browser has been closed'))));
    }
    this.printed += 1;
    const pdf = await PDFDocument.create();
    pdf.addPage();
    pdf.addPage();
    return pdf.save();
  }
  async preview(): Promise<Uint8Array> {
    return new Uint8Array(PNG_1PX);
  }
}

let dir: string;

// One sample library, made once (its keys take a moment); each Signet here gets a copy of its messages.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signet-export-service-'));
  await sample({ operand: () => join(dir, 'sample'), operands: () => [], string: () => undefined, flag: () => false }, { out: () => {}, err: () => {}, block: () => {} });
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Setup {
  services: Services;
  /** The answers of the next dialogs, and what the app showed. */
  os: { savePath: string | null; imagePath: string | null; saveAsked: string[] };
  progress: EventPayload<'export.progress'>[];
  /** The message file of this name in this Signet's library. */
  message(name: string): string;
  call<C extends ChannelName>(channel: C, ...args: Args<C>): Promise<Result<C>>;
  refused<C extends ChannelName>(channel: C, ...args: Args<C>): Promise<string>;
}

const running: Services[] = [];
afterEach(async () => {
  for (const services of running.splice(0)) await services.closeAll();
});

async function setup(printer?: Printer, { unlocked = true } = {}): Promise<Setup> {
  const data = await mkdtemp(join(dir, 'data-'));
  const library = join(data, 'library');
  await cp(join(dir, 'sample', 'library'), library, { recursive: true });
  // Amina exports: her sample profile is this Signet's, unlocked with its passphrase (her key seals the copies).
  await cp(join(dir, 'sample', 'profiles', 'amina-yusuf.signet-profile'), join(data, 'profile.json'));
  const settings = new SettingsStore(join(data, 'settings.json'), { ...defaultSettings(data), libraryFolder: library, name: 'Amina Yusuf' });
  const os: Setup['os'] = { savePath: null, imagePath: null, saveAsked: [] };
  const progress: Setup['progress'] = [];
  const host: Host = {
    emit: (event, payload) => void (event === 'export.progress' && progress.push(payload as EventPayload<'export.progress'>)),
    showInFolder: async () => {},
    chooseMessageToOpen: async () => null,
    chooseFolder: async () => null,
    chooseSaveLocation: async (name) => (os.saveAsked.push(name), os.savePath),
    chooseCardToOpen: async () => null,
    chooseImage: async () => os.imagePath,
    printer,
    spellcheckLanguages: () => [],
    useSpellcheckLanguage: () => {},
  };
  const services = createServices(settings, host, { dataFolder: data });
  running.push(services);
  if (unlocked) {
    const reply = await services.dispatch('profile.unlock', [SAMPLE_PASSPHRASE]);
    if (!reply.ok) throw new Error(`profile.unlock: ${reply.error.message}`);
  }
  return {
    services,
    os,
    progress,
    message: (name) => join(library, name),
    async call(channel, ...args) {
      const reply = await services.dispatch(channel, args);
      if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
      return reply.value as never;
    },
    async refused(channel, ...args) {
      const reply = await services.dispatch(channel, args);
      if (reply.ok) throw new Error(`${channel} was expected to fail`);
      return reply.error.message;
    },
  };
}

const folder = () => mkdtemp(join(dir, 'copies-'));

describe('export.save', () => {
  it('saves a final copy of a signed message where the person chose, which checks as authentic', async () => {
    const s = await setup();
    const out = await folder();
    s.os.savePath = join(out, 'copy.html');
    await s.call('message.open', s.message(SIGNED));
    const saved = await s.call('export.save', s.message(SIGNED), OPTIONS);
    expect(saved).toEqual({ path: join(out, 'copy.html'), kind: 'final' });
    expect(s.os.saveAsked).toEqual(['New Year message.html']);
    expect(s.progress.map((p) => p.step)).toEqual(['preparing', 'writing']);
    const copy = await readCopyFile(saved!.path);
    const check = checkCopy(copy.manifest, copy.seen);
    expect(check.problems).toEqual([]);
    expect(check.state.state).toBe('Signed');
    expect(copy.manifest.layout.organisation).toBe('City of Aldport');
    expect(check.exporter?.name).toBe('Amina Yusuf');
  });

  it('a final copy needs the exporter\'s key: while it is locked, the save is refused before any dialog, saying why', async () => {
    const s = await setup(undefined, { unlocked: false });
    s.os.savePath = join(await folder(), 'copy.html');
    expect(await s.refused('export.save', s.message(SIGNED), OPTIONS)).toBe('Unlock your key first: your passphrase opens it once for the session.');
    expect(s.os.saveAsked).toEqual([]);
  });

  it('makes a draft copy of a draft, named as one, and a PDF through the printer with its pages counted', async () => {
    const s = await setup(new StandInPrinter());
    const out = await folder();
    s.os.savePath = join(out, 'letter');
    const saved = await s.call('export.save', s.message(DRAFT), { ...OPTIONS, format: 'pdf', template: 'letter' });
    // A name without an ending gets the format's.
    expect(saved).toEqual({ path: join(out, 'letter.pdf'), kind: 'draft', pages: 2 });
    expect(s.os.saveAsked).toEqual(['Letter to Harbour district residents (draft).pdf']);
    expect(s.progress.map((p) => p.step)).toEqual(['preparing', 'printing', 'sealing', 'writing']);
    expect((await readCopyFile(saved!.path)).manifest.kind).toBe('draft');
  });

  it('includes words the editor sent a moment ago, before they are flushed to the file', async () => {
    const s = await setup();
    const out = await folder();
    const path = s.message(DRAFT);
    // As the editor sends a change: an update to the document main holds, not yet on disk.
    const editor = newMessageDoc();
    Y.applyUpdate(editor, (await s.call('message.open', path)).state);
    const before = Y.encodeStateVector(editor);
    setTitle(editor, 'Letter to the Harbour district, revised');
    await s.call('message.update', path, Y.encodeStateAsUpdate(editor, before));
    s.os.savePath = join(out, 'revised.html');
    await s.call('export.save', path, OPTIONS);
    expect((await readCopyFile(join(out, 'revised.html'))).manifest.content.title).toBe('Letter to the Harbour district, revised');
  });

  it('returns null and writes nothing when the person cancels the save dialog', async () => {
    const s = await setup();
    expect(await s.call('export.save', s.message(SIGNED), OPTIONS)).toBeNull();
    expect(s.os.saveAsked).toHaveLength(1);
  });

  it('cancelled while printing, leaves neither the copy nor a temporary file in the folder', async () => {
    const printer = new StandInPrinter();
    printer.hold = true;
    const s = await setup(printer);
    const out = await folder();
    await writeFile(join(out, 'already here.txt'), 'x');
    s.os.savePath = join(out, 'New Year message.pdf');
    const saving = s.call('export.save', s.message(SIGNED), { ...OPTIONS, format: 'pdf' });
    await expect.poll(() => s.progress.at(-1)?.step).toBe('printing');
    expect(await s.call('export.cancel', s.message(SIGNED))).toBeNull();
    expect(await saving).toBeNull();
    expect(await readdir(out)).toEqual(['already here.txt']);
    // The message can be exported again at once.
    printer.hold = false;
    expect(await s.call('export.save', s.message(SIGNED), { ...OPTIONS, format: 'pdf' })).toMatchObject({ kind: 'final', pages: 2 });
  });

  it('refuses a picture that is not a PNG, saying why, and writes nothing', async () => {
    const s = await setup(new StandInPrinter());
    const out = await folder();
    const photo = join(out, 'photo.png');
    await writeFile(photo, Buffer.from('\xff\xd8\xff\xe0 a JPEG, really', 'latin1'));
    s.os.imagePath = photo;
    expect(await s.refused('export.chooseImage', 'logo')).toBe('photo.png cannot be used: it is not a PNG image.');
    s.os.savePath = join(out, 'copy.pdf');
    const bytes = new Uint8Array(await readFile(photo));
    expect(await s.refused('export.save', s.message(SIGNED), { ...OPTIONS, template: 'letter', logo: bytes })).toBe('The logo cannot be used: it is not a PNG image.');
    expect(s.os.saveAsked).toEqual([]);
    expect(await readdir(out)).toEqual(['photo.png']);
    // A PNG is read by main and handed back with its name.
    const crest = join(out, 'crest.png');
    await writeFile(crest, PNG_1PX);
    s.os.imagePath = crest;
    expect(await s.call('export.chooseImage', 'logo')).toEqual({ name: 'crest.png', bytes: new Uint8Array(PNG_1PX) });
  });

  it('without a printer, refuses PDF in words and still saves HTML', async () => {
    const s = await setup();
    const out = await folder();
    s.os.savePath = join(out, 'copy.pdf');
    expect(await s.refused('export.save', s.message(SIGNED), { ...OPTIONS, format: 'pdf' })).toMatch(/^PDF export needs printing support/);
    expect(await readdir(out)).toEqual([]);
    s.os.savePath = join(out, 'copy.html');
    expect(await s.call('export.save', s.message(SIGNED), OPTIONS)).toMatchObject({ kind: 'final' });
    expect(await s.call('export.defaults', s.message(SIGNED))).toEqual({ organisation: 'City of Aldport', pdf: false, preview: false });
  });

  it('shows in the folder only copies it saved', async () => {
    const s = await setup();
    expect(await s.refused('export.showInFolder', s.message(SIGNED))).toMatch(/is not a copy exported in this session/);
  });
});

describe('export.preview', () => {
  it('says what the copy will be, final or draft, and draws it when there is a printer', async () => {
    const s = await setup(new StandInPrinter());
    const final = await s.call('export.preview', s.message(SIGNED), OPTIONS);
    expect(final).toMatchObject({ kind: 'final', state: 'Signed', signatory: 'Carmen Ruiz', approvers: ['Ben Okafor', 'Carmen Ruiz'], unavailable: null });
    expect(final.image).toEqual(new Uint8Array(PNG_1PX));
    const draft = await s.call('export.preview', s.message(DRAFT), OPTIONS);
    expect(draft).toMatchObject({ kind: 'draft', state: 'Draft', signatory: null });
  });

  it('compares the text with an earlier version, as a comparison that is neither final nor draft', async () => {
    const s = await setup(new StandInPrinter());
    const { doc } = await readMessageFile(s.message(SIGNED));
    const asked = listVersions(doc).find((v) => v.name === 'Sent for review')!;
    const preview = await s.call('export.preview', s.message(SIGNED), { ...OPTIONS, template: 'redline', compareWith: asked.id });
    expect(preview).toMatchObject({ kind: 'redline', from: { name: 'Sent for review', at: asked.at }, to: null });
  });

  it('says the picture is unavailable without a printer, and a comparison needs its base', async () => {
    const s = await setup();
    const preview = await s.call('export.preview', s.message(SIGNED), OPTIONS);
    expect(preview.image).toBeNull();
    expect(preview.unavailable).toMatch(/^The preview needs printing support/);
    expect(await s.refused('export.preview', s.message(SIGNED), { ...OPTIONS, template: 'redline' })).toBe('A comparison needs a version to compare with.');
  });
});
