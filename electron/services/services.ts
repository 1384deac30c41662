// The main process's side of the IPC contract, in plain Node. The Electron adapter (app/ipc.ts)
// and the Chromium test harness bind these same handlers; only the few things that need the OS
// (dialogs, the file manager) come from the host.
import { promises as fs } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import * as Y from 'yjs';
import {
  type Args,
  type ChannelName,
  type EventName,
  type EventPayload,
  type FormatState,
  type IpcError,
  type Reply,
  type Result,
  validateArgs,
} from '../../shared/ipc';
import { readMeta, setLanguage, setTitle } from '../../shared/document';
import { noteSentForReview } from '../../shared/review';
import { findVersion, renameVersion, type Person } from '../../shared/history';
import type { Printer } from './export/make-copy';
import { ExportService } from './export/export-dialog';
import { MessageHistory, VersionNotFound, compareVersions } from './history/history';
import { MergeRefused, checkSameMessage, copyDoc, hasNews, mergeCopy, readCopy } from './review/merge';

/** The origin of a merge's changes: written to the file and sent to the editor, never taken as typing. */
const MERGED = Symbol('merged');
import { Library, freeFileName } from './library/library';
import { MessageFileError, recoverLog } from './files/message-file';
import { OpenMessage, createMessageFile } from './files/message-store';
import type { SettingsStore } from './files/settings';
import { SignoffService, type SecretStore } from './signoff/workflow';

export interface Host {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  showInFolder(path: string): Promise<void>;
  chooseMessageToOpen(): Promise<string | null>;
  chooseFolder(): Promise<string | null>;
  /** Where to save a copy (a review copy, a member card): a path the person chose, or null. */
  chooseSaveLocation(defaultName: string): Promise<string | null>;
  /** Someone's member card (.signet-card) the person chose to import, or null. */
  chooseCardToOpen(): Promise<string | null>;
  /** A PNG image the person chose for a copy (a letterhead's logo, a handwritten signature), or null. */
  chooseImage?(): Promise<string | null>;
  /** Prints copies to PDF and draws the export dialog's previews; without one, copies are HTML only. */
  printer?: Printer;
  /** The OS's secret store for the signing key; where it is missing or not available, a passphrase protects the key. */
  secretStore?: SecretStore;
  /** Tells the OS (the File menu, the dock) that a message was opened. */
  addRecent?(path: string): void;
  /** Ticks the active format in the native menu. */
  showFormat?(state: FormatState): void;
  /** A message the OS asked to open before the interface was listening (file association). */
  takePendingOpen?(): string | null;
  /** The spelling languages this machine has, and switching to one. */
  spellcheckLanguages(): string[];
  useSpellcheckLanguage(language: string): void;
}

type Handler<C extends ChannelName> = (...args: Args<C>) => Promise<Result<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

export class UserError extends Error {
  constructor(
    readonly code: IpcError['code'],
    message: string,
  ) {
    super(message);
  }
}

export interface Services {
  handlers: Handlers;
  /** Validates and runs one call, turning every failure into a typed error. */
  dispatch(channel: string, args: unknown[]): Promise<Reply<unknown>>;
  /** Flushes and closes every open message (on quit). */
  closeAll(): Promise<void>;
  open: Map<string, OpenMessage>;
  /** The revision history of each open message that can be written. */
  histories: Map<string, MessageHistory>;
  /** Lets the renderer name a file the person chose outside the renderer (OS open, a drop). */
  grant(path: string): void;
}

export interface ServiceOptions {
  /** The app's data folder (beside settings.json): the profile and contacts live here. */
  dataFolder: string;
  /** How long editing must pause before an automatic version (two minutes). */
  quietMs?: number;
}

export function createServices(settings: SettingsStore, host: Host, options: ServiceOptions): Services {
  // One OpenMessage per path, shared by everyone who has it open (the editor, a rename), so that
  // two opens never race for the lock and a close never strands a reopen.
  const open = new Map<string, OpenMessage>();
  const users = new Map<string, number>();
  const opening = new Map<string, Promise<OpenMessage>>();
  const closing = new Map<string, Promise<void>>();
  const recent: string[] = [];
  // The renderer may name only messages in the library (and its trash) or ones the person chose:
  // in a dialog, by dropping a file, on the command line or through the OS. Anything else is refused.
  const granted = new Set<string>();
  const grant = (path: string | null) => {
    if (path) granted.add(resolve(path));
    return path;
  };
  async function allowed(path: string): Promise<string> {
    const full = resolve(path);
    const { libraryFolder } = await settings.get();
    const folder = dirname(full);
    if (granted.has(full) || folder === resolve(libraryFolder) || folder === resolve(libraryFolder, '.trash')) return path;
    throw new UserError('forbidden', `${path} is not in your library and was not chosen by you; open it with File > Open.`);
  }
  // One Library while the folder and the reading pace stay the same, so that its summaries (the
  // sign-off state among them, which verifies every record) are cached between listings.
  let shelf: { key: string; library: Library } | null = null;
  const library = async () => {
    const s = await settings.get();
    const key = JSON.stringify([resolve(s.libraryFolder), s.wordsPerMinute, s.cjkCharactersPerMinute]);
    if (shelf?.key !== key) shelf = { key, library: new Library(s.libraryFolder, () => s) };
    return shelf.library;
  };
  const histories = new Map<string, MessageHistory>();
  const signoff = new SignoffService(options.dataFolder, settings, host.secretStore);
  const exporter = new ExportService(host);
  /** The person using the app, as versions and attribution name them. */
  const me = async (): Promise<Person> => {
    const s = await settings.get();
    return { name: s.name.trim() || userInfo().username, title: s.jobTitle.trim() };
  };
  const track = (path: string, message: OpenMessage) => {
    if (!message.readOnly) histories.set(path, new MessageHistory(message, me, { quietMs: options.quietMs }));
  };
  const history = (path: string) => {
    const found = histories.get(path);
    if (found) return found;
    const message = opened(path);
    throw new UserError('read-only', message.readOnlyReason ?? `${path} cannot be changed`);
  };
  const opened = (path: string) => {
    const message = open.get(path);
    if (!message) throw new UserError('not-found', `${path} is not open`);
    return message;
  };

  async function acquire(path: string): Promise<OpenMessage> {
    // A close in progress finishes first; if it failed, the message is back in `open`.
    await closing.get(path)?.catch(() => {});
    let message = open.get(path);
    if (!message) {
      let pending = opening.get(path);
      if (!pending) {
        pending = OpenMessage.open(path, {
          onStatus: (status) => host.emit('message.saveStatus', { path, status }),
          onRemoteUpdate: (update) => host.emit('message.changed', { path, update }),
        }).finally(() => opening.delete(path));
        opening.set(path, pending);
      }
      message = await pending;
      open.set(path, message);
      track(path, message);
    }
    users.set(path, (users.get(path) ?? 0) + 1);
    return message;
  }

  async function release(path: string): Promise<void> {
    const left = (users.get(path) ?? 1) - 1;
    if (left > 0) return void users.set(path, left);
    users.delete(path);
    const message = open.get(path);
    if (!message) return;
    open.delete(path);
    const done = (async () => {
      // The session's last version goes into the document before its last write.
      await histories.get(path)?.close();
      histories.delete(path);
      await message.close();
    })()
      .catch((error) => {
        // It could not save: it stays open, keeping the words and retrying.
        open.set(path, message);
        track(path, message);
        users.set(path, (users.get(path) ?? 0) + 1);
        throw error;
      })
      .finally(() => closing.delete(path));
    closing.set(path, done);
    await done;
  }

  /** Runs `use` on the open message, opening it just for that if nobody has it open. */
  async function withMessage<T>(path: string, use: (message: OpenMessage) => Promise<T>): Promise<T> {
    const message = await acquire(await allowed(path));
    try {
      return await use(message);
    } finally {
      await release(path);
    }
  }

  /** Runs `change` on the message's document, opening it just for that if nobody has it open. */
  async function changeDoc(path: string, change: (doc: Y.Doc) => void) {
    const message = await acquire(path);
    try {
      if (message.readOnly) throw new UserError('read-only', message.readOnlyReason!);
      change(message.doc);
      await message.flush();
    } finally {
      await release(path);
    }
  }

  const handlers: Handlers = {
    'library.list': async () => (await library()).list(),
    'library.trash': async () => (await library()).listTrash(),
    'message.create': async ({ template, title }) => (await library()).create(template, title, (await settings.get()).spellcheckLanguage, await me()),
    'message.open': async (path) => {
      const message = await acquire(await allowed(path));
      const language = readMeta(message.doc).language || (await settings.get()).spellcheckLanguage;
      host.useSpellcheckLanguage(language);
      recent.splice(0, recent.length, path, ...recent.filter((p) => p !== path).slice(0, 9));
      host.addRecent?.(path);
      const notice = message.tornBytes
        ? `The end of this file was cut short (probably a crash while saving); ${message.tornBytes} bytes of the last change were dropped.`
        : null;
      return { path, state: Y.encodeStateAsUpdate(message.doc), readOnly: message.readOnlyReason, notice };
    },
    'message.update': async (path, update) => {
      const message = opened(path);
      if (message.readOnly) throw new UserError('read-only', message.readOnlyReason!);
      signoff.guardEditorUpdate(message.doc, update);
      message.applyFromEditor(update);
      histories.get(path)?.noteEdit(update);
      return null;
    },
    'message.saveStatus': async (path) => opened(path).saveStatus,
    'message.close': async (path) => {
      await release(path);
      return null;
    },
    'message.rename': async (path, title) => {
      await changeDoc(await allowed(path), (doc) => {
        signoff.guardTitle(doc);
        setTitle(doc, title);
      });
      return null;
    },
    'message.duplicate': async (path) => (await library()).duplicate(await allowed(path)),
    'message.trash': async (path) => {
      await allowed(path);
      if (open.has(path) || opening.has(path)) throw new UserError('forbidden', 'Close the message before moving it to the trash.');
      await (await library()).trash(path);
      return null;
    },
    'message.restore': async (name) => (await library()).restore(name),
    'message.recover': async (path) => {
      await allowed(path);
      const result = recoverLog(await fs.readFile(path));
      const name = `${basename(path, '.signet')} (recovered)`;
      // The copy says what it is, in the library and wherever it is sent.
      setTitle(result.doc, `${readMeta(result.doc).title || basename(path, '.signet')} (recovered)`);
      const target = await freeFileName(dirname(path), name);
      await createMessageFile(target, result.doc);
      return { path: grant(target)!, recovered: result.recovered, skipped: result.skipped.length };
    },
    'message.showInFolder': async (path) => {
      await allowed(path);
      await host.showInFolder(path);
      return null;
    },
    'dialog.openMessage': async () => grant(await host.chooseMessageToOpen()),
    'settings.get': async () => settings.get(),
    'settings.set': async (change) => {
      // The library folder changes only through the folder dialog, never to a path the page names.
      if (change.libraryFolder !== undefined && resolve(change.libraryFolder) !== resolve((await settings.get()).libraryFolder)) {
        throw new UserError('forbidden', 'Choose the library folder with the Choose… button.');
      }
      return settings.set(change);
    },
    'settings.chooseLibraryFolder': async () => {
      const folder = await host.chooseFolder();
      return folder ? settings.set({ libraryFolder: folder }) : settings.get();
    },
    'app.recent': async () => [...recent],
    'app.showFormat': async (state) => {
      host.showFormat?.(state);
      return null;
    },
    'spellcheck.languages': async () => host.spellcheckLanguages(),
    'app.pendingOpen': async () => grant(host.takePendingOpen?.() ?? null),
    'message.setLanguage': async (path, language) => {
      await changeDoc(path, (doc) => setLanguage(doc, language));
      host.useSpellcheckLanguage(language);
      return null;
    },
    'history.record': async (path, { name, note }) => (await history(path).record('named', { name, note }))!,
    'history.rename': async (path, id, { name, note }) => {
      const message = opened(path);
      if (!findVersion(message.doc, id)) throw new UserError('not-found', new VersionNotFound(id).message);
      history(path);
      renameVersion(message.doc, id, name, note);
      return null;
    },
    'history.compare': async (path, from, to) => {
      const found = histories.get(path);
      try {
        return found ? await found.compare(from, to) : compareVersions(opened(path).doc, from, to);
      } catch (error) {
        throw error instanceof VersionNotFound ? new UserError('not-found', error.message) : error;
      }
    },
    'history.restoring': async (path, id, when) => {
      if (!findVersion(opened(path).doc, id)) throw new UserError('not-found', new VersionNotFound(id).message);
      await history(path).record(when === 'before' ? 'before-restore' : 'restored', { source: id });
      return null;
    },
    'review.send': async (path, { to }) => {
      const message = await acquire(await allowed(path));
      try {
        const found = history(path);
        const target = await host.chooseSaveLocation(`${readMeta(message.doc).title || basename(path, '.signet')} (for review).signet`);
        if (!target) return null;
        if (resolve(target) === resolve(path)) throw new UserError('forbidden', 'Choose another name or place: the review copy cannot replace the message itself.');
        const by = await me();
        await found.record('workflow', { name: `Sent for review to ${to}` });
        noteSentForReview(message.doc, { to, by, at: new Date().toISOString(), file: basename(target) });
        await message.flush();
        // The person confirmed replacing an existing file in the save dialog.
        await createMessageFile(target, message.doc, true);
        return { path: grant(target)! };
      } finally {
        await release(path);
      }
    },
    'review.merge': async (path, other) => {
      const message = opened(path);
      const found = history(path);
      const chosen = other ? await allowed(other) : grant(await host.chooseMessageToOpen());
      if (!chosen) return null;
      if (resolve(chosen) === resolve(path)) throw new UserError('invalid-argument', 'That is this message itself; choose a copy of it (a review copy sent back).');
      const copy = copyDoc(await readCopy(chosen)); // a damaged copy is refused here, nothing changed
      try {
        checkSameMessage(message.doc, copy);
        if (hasNews(message.doc, copy)) await found.record('before-merge');
        const before = Y.encodeStateVector(message.doc);
        const summary = mergeCopy(message.doc, copy, MERGED);
        await message.flush();
        return { file: basename(chosen), summary, update: Y.encodeStateAsUpdate(message.doc, before) };
      } catch (error) {
        throw error instanceof MergeRefused ? new UserError('invalid-argument', `${basename(chosen)} was not merged: ${error.message}`) : error;
      } finally {
        copy.destroy();
      }
    },
    'profile.get': () => signoff.getProfile(),
    'profile.protection': async () => signoff.protection(),
    'profile.create': (details) => signoff.create(details),
    'profile.unlock': (passphrase) => signoff.unlock(passphrase),
    'profile.exportCard': () => signoff.exportCard((name) => host.chooseSaveLocation(name)),
    'contacts.list': () => signoff.contacts(),
    'contacts.import': async () => {
      const card = await host.chooseCardToOpen();
      return card ? signoff.importCard(card) : null;
    },
    'signoff.status': (path) => withMessage(path, (message) => signoff.status(message.doc)),
    'signoff.step': (path, step) =>
      withMessage(path, async (message) => {
        if (message.readOnly) throw new UserError('read-only', message.readOnlyReason!);
        await signoff.step(message.doc, step);
        await message.flush();
        return signoff.status(message.doc);
      }),
    'signoff.audit': (path) => withMessage(path, async (message) => signoff.audit(message.doc)),
    'export.defaults': (path) => withMessage(path, async (message) => exporter.defaults(message.doc)),
    'export.preview': (path, options) => withMessage(path, (message) => exporter.preview(path, message.doc, options)),
    'export.save': (path, options) => withMessage(path, (message) => exporter.save(path, message.doc, options)),
    'export.cancel': async (path) => exporter.cancel(path),
    'export.chooseImage': () => exporter.chooseImage(),
    'export.showInFolder': (file) => exporter.showInFolder(file),
  };

  async function dispatch(channel: string, args: unknown[]): Promise<Reply<unknown>> {
    const valid = validateArgs(channel, args);
    if (!valid.ok) return valid;
    try {
      const handler = handlers[channel as ChannelName] as (...a: unknown[]) => Promise<unknown>;
      return { ok: true, value: await handler(...(valid.value as unknown[])) };
    } catch (error) {
      return { ok: false, error: toIpcError(error) };
    }
  }

  /** Closes every open message; rejects, naming them, if any could not be saved. */
  async function closeAll() {
    const paths = [...open.keys()];
    const results = await Promise.allSettled(paths.map((p) => (users.set(p, 1), release(p))));
    const failed = paths.filter((_, i) => results[i].status === 'rejected');
    if (failed.length) throw new UserError('io', `Could not save ${failed.join(', ')}`);
  }

  return { handlers, dispatch, closeAll, open, histories, grant: (path) => void grant(path) };
}

export function toIpcError(error: unknown): IpcError {
  if (error instanceof UserError) return { code: error.code, message: error.message };
  if (error instanceof MessageFileError) {
    return { code: 'damaged', message: `${error.file} is damaged: ${error.reason} at byte ${error.offset}. Nothing was changed.` };
  }
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return { code: 'not-found', message: `Not found: ${e.path ?? 'file'}` };
  if (e?.code === 'EEXIST') return { code: 'exists', message: `Already exists: ${e.path ?? 'file'}` };
  if (e?.code === 'EACCES' || e?.code === 'EPERM' || e?.code === 'EROFS') {
    return { code: 'io', message: `Not allowed to write ${e.path ?? 'there'} (${e.code})` };
  }
  return { code: 'io', message: e?.message ?? String(error) };
}

