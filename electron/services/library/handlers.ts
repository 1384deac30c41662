// The library's channels: listing the messages and the trash, new messages (from a template or a Word file), duplicates, the trash
// and restoring from it, recovering a damaged file (from itself or a backup), and opening a message the person chooses.
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { MAX_WORD_BYTES, WordFileError } from '../document/word-package';
import { readRegularFile } from '../files/regular-file';
import type { HandlersOf, ServiceContext } from '../context';
import { UserError } from '../errors';
import { Library } from './library';
import { recoverCopy } from './recover';
import { SummaryCache } from './summary-cache';

type Channel =
  | 'library.list'
  | 'library.trash'
  | 'message.create'
  | 'message.createFromWord'
  | 'message.duplicate'
  | 'message.trash'
  | 'message.restore'
  | 'message.backups'
  | 'message.recover'
  | 'message.showInFolder'
  | 'dialog.openMessage';

/** `dataFolder` keeps the library's summaries between runs (summary-cache.ts). */
export function libraryHandlers({ access, messages, settings, host, me, backups, signoff }: ServiceContext, dataFolder: string): HandlersOf<Channel> {
  // The key a new message names as its creator: the first roster must be signed with it.
  const myKey = async () => (await signoff.profiles.getProfile().catch(() => null))?.publicKey;
  // The summaries (the sign-off state among them, which verifies every record), kept between
  // listings and between runs; one Library while the folder and the reading pace stay the same.
  const summaries = new SummaryCache(join(dataFolder, 'library-summaries.json'));
  let shelf: { key: string; library: Library } | null = null;
  const library = async () => {
    const s = await settings.get();
    const key = JSON.stringify([resolve(s.libraryFolder), s.wordsPerMinute, s.cjkCharactersPerMinute]);
    if (shelf?.key !== key) shelf = { key, library: new Library(s.libraryFolder, () => s, summaries) };
    return shelf.library;
  };
  return {
    'library.list': async () => (await library()).list(),
    'library.trash': async () => (await library()).listTrash(),
    'message.create': async ({ template, title }) => {
      // A Chinese interface starts a Chinese message: the template's words, and the copies' labels, in Chinese.
      const { language, spellcheckLanguage } = await settings.get();
      const messageLanguage = /^zh\b/i.test(language) && !/^zh\b/i.test(spellcheckLanguage) ? language : spellcheckLanguage;
      return (await library()).create(template, title, messageLanguage, await me(), await myKey());
    },
    'message.createFromWord': async (chosen) => {
      const source = chosen ?? access.grant((await host.chooseWordFile?.()) ?? null);
      if (!source) return null;
      await access.allowed(source);
      const name = basename(source);
      // Refused by its size before a byte is read; its bytes are checked again as a package.
      if ((await stat(source)).size > MAX_WORD_BYTES) throw new UserError('invalid-argument', `${name} cannot be opened: it is over ${MAX_WORD_BYTES / 1024 / 1024} MB. Nothing was created.`);
      const bytes = await readRegularFile(source);
      const { spellcheckLanguage } = await settings.get();
      try {
        const { path, imported } = await (await library()).createFromWord(bytes, name, spellcheckLanguage, await me(), await myKey());
        const { suggestions, threads, replies, people, done, leftOut } = imported;
        // The interface says it in its own language (renderer/src/library/word-notice.ts).
        return { path: access.grant(path)!, summary: { file: name, suggestions, threads, replies, people, done, leftOut } };
      } catch (error) {
        if (error instanceof WordFileError) throw new UserError('invalid-argument', `${name} cannot be opened: ${error.message}. Nothing was created.`);
        throw error;
      }
    },
    'message.duplicate': async (path) => (await library()).duplicate(await access.allowed(path), await myKey()),
    'message.trash': async (path) => {
      await access.allowed(path);
      if (messages.isOpen(path)) throw new UserError('forbidden', 'Close the message before moving it to the trash.');
      await (await library()).trash(path);
      return null;
    },
    'message.restore': async (name) => (await library()).restore(name),
    'message.backups': async (path) => backups.list(await access.allowed(path)),
    'message.recover': async (path, from) => {
      await access.allowed(path);
      const target = await recoverCopy(path, from ?? null, backups);
      return { ...target, path: access.grant(target.path)! };
    },
    'message.showInFolder': async (path) => {
      await access.allowed(path);
      await host.showInFolder(path);
      return null;
    },
    'dialog.openMessage': async () => access.grant(await host.chooseMessageToOpen()),
  };
}
