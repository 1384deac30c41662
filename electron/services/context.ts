// What every feature's handlers are given: the settings, the host, the open messages and the
// access check, and the person using the app. createServices (services.ts) makes one and
// composes the handlers; nothing else is shared between features.
import type { Args, ChannelName, Result } from '../../shared/ipc';
import type { Person } from '../../shared/history';
import type { Access } from './access';
import type { Backups } from './files/backups';
import type { SettingsStore } from './files/settings';
import type { OpenMessage } from './files/message-store';
import type { Host } from './host';
import type { LiveSessions } from './live/sessions';
import type { OpenMessages } from './open-messages';
import type { Contacts } from './signoff/contacts';
import type { Profiles } from './signoff/profile';
import type { TextLock } from './signoff/text-lock';
import type { SignoffWorkflow } from './signoff/workflow';

type Handler<C extends ChannelName> = (...args: Args<C>) => Promise<Result<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };
/** The handlers of some of the channels: what one feature contributes. */
export type HandlersOf<C extends ChannelName> = Pick<Handlers, C>;

export interface ServiceContext {
  settings: SettingsStore;
  host: Host;
  messages: OpenMessages;
  /** The rolling backups of each message, in the app's data folder. */
  backups: Backups;
  access: Access;
  /** Runs `use` on the message the renderer named, once access allows it, opening it just for that if it is not open. */
  withMessage<T>(path: string, use: (message: OpenMessage) => Promise<T>): Promise<T>;
  /** The person using the app, as versions and attribution name them. */
  me(): Promise<Person>;
  /** The messages opened most recently, newest first. */
  recent: string[];
  signoff: { profiles: Profiles; contacts: Contacts; workflow: SignoffWorkflow; textLock: TextLock };
  /** The live sessions of the open messages. */
  live: LiveSessions;
}
