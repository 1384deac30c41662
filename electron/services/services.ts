// The main process's side of the IPC contract, in plain Node. The Electron adapter (app/ipc.ts)
// and the Chromium test harness bind these same handlers; only the few things that need the OS
// (dialogs, the file manager) come from the host. Each feature contributes its own handlers;
// this file composes them and owns only what they share: the open messages, the access check
// and the person using the app.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { ChannelName, Reply } from '../../shared/ipc';
import { validateArgs } from '../../shared/ipc';
import type { Person } from '../../shared/history';
import { Access } from './access';
import type { Handlers, ServiceContext } from './context';
import { documentHandlers } from './document/handlers';
import { toIpcError } from './errors';
import { exportHandlers } from './export/handlers';
import { Backups } from './files/backups';
import type { OpenMessage } from './files/message-store';
import { settingsHandlers } from './files/handlers';
import type { SettingsStore } from './files/settings';
import type { MessageHistory } from './history/history';
import { historyHandlers } from './history/handlers';
import type { Host } from './host';
import { libraryHandlers } from './library/handlers';
import { liveHandlers } from './live/handlers';
import { LiveSessions } from './live/sessions';
import { OpenMessages } from './open-messages';
import { reviewHandlers } from './review/handlers';
import { Contacts } from './signoff/contacts';
import { signoffHandlers } from './signoff/handlers';
import { Profiles } from './signoff/profile';
import { TextLock } from './signoff/text-lock';
import { SignoffWorkflow } from './signoff/workflow';
import { useNodeSignatureCheck } from './signoff/signature-check';

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
  /** The app's data folder (beside settings.json): the profile, contacts, backups and the library's summaries live here. */
  dataFolder: string;
  /** How long editing must pause before an automatic version (two minutes). */
  quietMs?: number;
}

export function createServices(settings: SettingsStore, host: Host, options: ServiceOptions): Services {
  useNodeSignatureCheck();
  const me = async (): Promise<Person> => {
    const s = await settings.get();
    return { name: s.name.trim() || userInfo().username, title: s.jobTitle.trim() };
  };
  const backups = new Backups(join(options.dataFolder, 'backups'));
  const messages = new OpenMessages(host, me, options.quietMs, backups);
  const access = new Access(settings);
  const profiles = new Profiles(options.dataFolder, settings, host.secretStore);
  const contacts = new Contacts(options.dataFolder);
  const live = new LiveSessions(messages, profiles, (path, session) => host.emit('live.session', { path, session }));
  const context: ServiceContext = {
    settings,
    host,
    messages,
    backups,
    access,
    withMessage: async (path, use) => messages.withMessage(await access.allowed(path), use),
    me,
    recent: [],
    signoff: { profiles, contacts, workflow: new SignoffWorkflow(profiles, contacts), textLock: new TextLock() },
    live,
  };
  const handlers: Handlers = {
    ...libraryHandlers(context, options.dataFolder),
    ...documentHandlers(context),
    ...settingsHandlers(context),
    ...historyHandlers(context),
    ...reviewHandlers(context),
    ...signoffHandlers(context),
    ...exportHandlers(context),
    ...liveHandlers(context),
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

  return {
    handlers,
    dispatch,
    // Live sessions end first, so no change arrives in a message being closed.
    closeAll: async () => {
      await live.leaveAll();
      await messages.closeAll();
    },
    open: messages.open,
    histories: messages.histories,
    grant: (path) => void access.grant(path),
  };
}
