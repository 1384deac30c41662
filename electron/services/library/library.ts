// The library folder: every .signet file in it is a message. Trashed messages move to a .trash
// folder inside it, from which they can be restored.
import { promises as fs, statSync, type BigIntStats } from 'node:fs';
import { basename, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { countText, type Pace, initMeta, messageText, newMessageDoc, readMeta, findTemplate, setCreator, templateWords } from '../../../shared/document';
import type { MessageSummary, TrashEntry } from '../../../shared/ipc';
import { commentCounts, listSuggestions } from '../../../shared/review';
import { recordCreation, registerPerson, type Person } from '../../../shared/history';
import { messageState } from '../../../shared/signoff';
import { writeTemplate } from '../document/compose';
import { importWord, wordTitle, type WordImported } from '../document/word-write';
import { MessageFileError, readMessageFile } from '../files/message-file';
import { createMessageFile } from '../files/message-store';
import { fingerprint, SummaryCache } from './summary-cache';

export const EXTENSION = '.signet';
const TRASH = '.trash';

/** A file name made from a title: readable, portable, and not already taken. */
export async function freeFileName(folder: string, title: string): Promise<string> {
  const stem =
    title
      .normalize('NFKC')
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '')
      .slice(0, 80) || 'Message';
  for (let n = 1; ; n += 1) {
    const candidate = join(folder, `${n === 1 ? stem : `${stem} ${n}`}${EXTENSION}`);
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}

/**
 * Moves a file to a free name in `folder` without ever replacing a file there: link() fails if
 * the name was taken meanwhile, and the next name is tried. Where the file system has no hard
 * links (FAT on a USB stick), a checked rename is the best it offers.
 */
async function moveToFreeName(from: string, folder: string, title: string): Promise<string> {
  for (;;) {
    const target = await freeFileName(folder, title);
    try {
      await fs.link(from, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
      await fs.rename(from, target);
      return target;
    }
    await fs.unlink(from);
    return target;
  }
}

/**
 * Builds a new message document: its identity in the document, then the template's words, which
 * are attributed to `author` when one is given.
 */
export function newMessage(template: string, title?: string, language = 'en', author?: Person, creator?: string): Y.Doc {
  const chosen = findTemplate(template) ?? findTemplate('blank')!;
  const words = templateWords(chosen, language);
  const doc = newMessageDoc();
  initMeta(doc, {
    id: randomUUID(),
    title: title ?? words.title,
    createdAt: new Date().toISOString(),
    template: chosen.id,
    language,
  });
  if (creator) setCreator(doc, creator);
  if (author) registerPerson(doc, [doc.clientID], author);
  writeTemplate(doc, words.blocks);
  return doc;
}

export function summarize(path: string, doc: Y.Doc, updatedAt: Date, pace?: Pace): MessageSummary {
  const meta = readMeta(doc);
  const text = messageText(doc);
  return {
    path,
    id: meta.id,
    title: meta.title || basename(path, EXTENSION),
    // From the records that verify, as the message's own panel shows it.
    state: messageState(doc).state,
    ...countText(text, pace),
    updatedAt: updatedAt.toISOString(),
    text: text.slice(0, 20_000),
    comments: commentCounts(doc).open,
    suggestions: listSuggestions(doc).length,
    damage: null,
  };
}

export class Library {
  constructor(
    readonly folder: string,
    private readonly pace: () => Pace,
    // Summaries by file fingerprint, so that listing a large library stays quick (summary-cache.ts).
    private readonly cache = new SummaryCache(null),
  ) {}

  get trashFolder(): string {
    return join(this.folder, TRASH);
  }

  async ensure(): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true });
  }

  async list(): Promise<MessageSummary[]> {
    await this.ensure();
    const names = (await fs.readdir(this.folder)).filter((n) => n.endsWith(EXTENSION) && !n.startsWith('.'));
    const paths = names.map((name) => join(this.folder, name));
    const pace = this.pace();
    const context = `${pace.wordsPerMinute}/${pace.cjkCharactersPerMinute}`;
    await this.cache.ready();
    const summaries = await Promise.all(
      paths.map((path) => {
        // Stat before reading, so that a change made while the file is read makes the next
        // fingerprint differ. Synchronously: a thousand stat calls take three to ten times as long
        // through the thread pool, and a warm listing is little else.
        const stat = statSync(path, { bigint: true });
        const print = fingerprint(stat, context);
        return this.cache.get(path, print) ?? this.read(path, stat, print, pace);
      }),
    );
    await this.cache.keepOnly(new Set(paths));
    return summaries;
  }

  private async read(path: string, stat: BigIntStats, print: string, pace: Pace): Promise<MessageSummary> {
    const updatedAt = new Date(Number(stat.mtimeMs));
    let summary: MessageSummary;
    try {
      const { doc } = await readMessageFile(path);
      summary = summarize(path, doc, updatedAt, pace);
      doc.destroy();
    } catch (error) {
      const damage = error instanceof MessageFileError ? `${error.reason} at byte ${error.offset}` : (error as Error).message;
      summary = { path, id: '', title: basename(path, EXTENSION), state: 'Draft', words: 0, characters: 0, speakingSeconds: 0, updatedAt: updatedAt.toISOString(), text: '', comments: 0, suggestions: 0, damage };
    }
    this.cache.set(path, print, stat, summary);
    return summary;
  }

  async create(template: string, title?: string, language?: string, author?: Person, creator?: string): Promise<string> {
    await this.ensure();
    const doc = newMessage(template, title, language, author, creator);
    // A first version ("Created from the Letter template"), so what changed since can always be asked.
    const chosen = findTemplate(readMeta(doc).template)!;
    recordCreation(doc, author ?? { name: '', title: '' }, { template: chosen.id, name: chosen.name });
    const path = await freeFileName(this.folder, readMeta(doc).title);
    await createMessageFile(path, doc);
    return path;
  }

  /**
   * A new message made of a Word file's bytes (word-read.ts, word-write.ts): titled by its first
   * heading, else by the file's name; its first version "Created from draft.docx". A file that is
   * not one it can read is refused (a WordFileError) before anything is written.
   */
  async createFromWord(bytes: Uint8Array, fileName: string, language: string, author?: Person, creator?: string): Promise<{ path: string; imported: WordImported }> {
    await this.ensure();
    const doc = newMessageDoc();
    if (author) registerPerson(doc, [doc.clientID], author);
    const imported = await importWord(doc, bytes);
    initMeta(doc, { id: randomUUID(), title: wordTitle(doc, fileName), createdAt: new Date().toISOString(), template: 'blank', language });
    if (creator) setCreator(doc, creator);
    recordCreation(doc, author ?? { name: '', title: '' }, { file: fileName });
    const path = await freeFileName(this.folder, readMeta(doc).title);
    await createMessageFile(path, doc);
    return { path, imported };
  }

  /** A copy is a new message: a new id, so it is never mistaken for the original when merging. */
  async duplicate(path: string, creator?: string): Promise<string> {
    const { doc } = await readMessageFile(path);
    const meta = readMeta(doc);
    const copy = newMessageDoc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    initMeta(copy, { ...meta, id: randomUUID(), title: `${meta.title} (copy)`, createdAt: new Date().toISOString() });
    // A new message: whoever makes the copy makes it.
    setCreator(copy, creator ?? null);
    const target = await freeFileName(this.folder, `${meta.title} (copy)`);
    await createMessageFile(target, copy);
    return target;
  }

  async trash(path: string): Promise<void> {
    await fs.mkdir(this.trashFolder, { recursive: true });
    await moveToFreeName(path, this.trashFolder, basename(path, EXTENSION));
  }

  async listTrash(): Promise<TrashEntry[]> {
    let names: string[] = [];
    try {
      names = (await fs.readdir(this.trashFolder)).filter((n) => n.endsWith(EXTENSION));
    } catch {
      return [];
    }
    return Promise.all(
      names.map(async (name) => {
        const path = join(this.trashFolder, name);
        const stat = await fs.stat(path);
        const title = await readMessageFile(path).then(({ doc }) => readMeta(doc).title, () => basename(name, EXTENSION));
        return { name, title, trashedAt: stat.ctime.toISOString() };
      }),
    );
  }

  async restore(name: string): Promise<string> {
    return moveToFreeName(join(this.trashFolder, basename(name)), this.folder, basename(name, EXTENSION));
  }
}

