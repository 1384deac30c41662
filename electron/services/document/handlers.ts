// The editor's channels: opening a message, taking the editor's changes (refused while the text is
// locked), its save status, closing it, and its title and language.
import * as Y from 'yjs';
import { readMeta, setLanguage, setTitle } from '../../../shared/document';
import { describeKeptChanges, keptChanges } from '../../../shared/review';
import type { HandlersOf, ServiceContext } from '../context';
import { UserError } from '../errors';

type Channel = 'message.open' | 'message.update' | 'message.saveStatus' | 'message.close' | 'message.rename' | 'message.setLanguage';

export function documentHandlers({ access, messages, settings, host, recent, signoff }: ServiceContext): HandlersOf<Channel> {
  return {
    'message.open': async (path) => {
      const message = await messages.acquire(await access.allowed(path));
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
      const message = messages.opened(path);
      if (message.readOnly) throw new UserError('read-only', message.readOnlyReason!);
      signoff.textLock.guardEditorUpdate(message.doc, update);
      signoff.textLock.guardReviewerUpdate(message.doc, update, (await signoff.profiles.profile().catch(() => null))?.publicKey ?? null);
      // The editor adds comments and their changes too, but may never take away what the message keeps.
      const kept = keptChanges(message.doc, update);
      if (kept) throw new UserError('forbidden', `This change ${describeKeptChanges(kept)}; it was not applied.`);
      message.applyFromEditor(update);
      messages.histories.get(path)?.noteEdit(update);
      return null;
    },
    'message.saveStatus': async (path) => messages.opened(path).saveStatus,
    'message.close': async (path) => {
      await messages.release(path);
      return null;
    },
    'message.rename': async (path, title) => {
      await messages.changeDoc(await access.allowed(path), (doc) => {
        signoff.textLock.guardTitle(doc);
        setTitle(doc, title);
      });
      return null;
    },
    'message.setLanguage': async (path, language) => {
      await messages.changeDoc(await access.allowed(path), (doc) => setLanguage(doc, language));
      host.useSpellcheckLanguage(language);
      return null;
    },
  };
}
