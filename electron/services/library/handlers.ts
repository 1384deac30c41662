// The library's channels: listing the messages and the trash, new messages, duplicates, the trash
// and restoring from it, recovering a damaged file (from itself or a backup), and opening a message the person chooses.
import { join, resolve } from 'node:path';
import type { HandlersOf, ServiceContext } from '../context';
import { UserError } from '../errors';
import { Library } from './library';
import { recoverCopy } from './recover';
import { SummaryCache } from './summary-cache';

type Channel =
  | 'library.list'
  | 'library.trash'
  | 'message.create'
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
