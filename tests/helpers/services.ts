// The main process's services in a temporary folder, with a host that answers as no OS would:
// no spelling languages, and dialogs that answer what a test set for them (else as if cancelled).
// For unit tests of the IPC handlers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../electron/services/services';
import { SettingsStore, defaultSettings } from '../../electron/services/files/settings';
import type { Host } from '../../electron/services/host';
import type { SecretStore } from '../../electron/services/signoff/profile';
import type { Args, ChannelName, Result } from '../../shared/ipc';

/** What the next dialogs answer, each answer used once; a dialog with no answer set is cancelled (null). */
export interface DialogAnswers {
  saveLocation?: string | null;
  messageToOpen?: string | null;
  cardToOpen?: string | null;
  certificateToOpen?: string | null;
  wordFile?: string | null;
}

export interface TestServices {
  dir: string;
  services: Services;
  /** Set an answer here before the call that opens the dialog. */
  answers: DialogAnswers;
  dispose(): Promise<void>;
}

export interface TestHost {
  /** The OS's secret store; none unless given (a passphrase then protects the key). */
  secretStore?: SecretStore;
  /** The data folder of an earlier instance, to start the app again on it (a new folder by default). */
  dir?: string;
  /** Hears the events the services push to the renderer. */
  emit?: Host['emit'];
}

/** Services whose library is `dir`/lib and whose data folder is `dir`. */
export async function testServices(answers: DialogAnswers = {}, { secretStore, dir: again, emit }: TestHost = {}): Promise<TestServices> {
  const dir = again ?? (await mkdtemp(join(tmpdir(), 'signet-services-')));
  const settings = new SettingsStore(join(dir, 'settings.json'), { ...defaultSettings(dir), libraryFolder: join(dir, 'lib') });
  const none = async () => null;
  const answer = (dialog: keyof DialogAnswers) => async () => {
    const chosen = answers[dialog] ?? null;
    delete answers[dialog];
    return chosen;
  };
  const services = createServices(settings, {
    emit: emit ?? (() => {}),
    showInFolder: async () => {},
    chooseMessageToOpen: answer('messageToOpen'),
    chooseFolder: none,
    chooseSaveLocation: answer('saveLocation'),
    chooseCardToOpen: answer('cardToOpen'),
    chooseCertificateToOpen: answer('certificateToOpen'),
    chooseWordFile: answer('wordFile'),
    secretStore,
    spellcheckLanguages: () => [],
    useSpellcheckLanguage: () => {},
  }, { dataFolder: dir });
  const dispose = async () => {
    await services.closeAll();
    await rm(dir, { recursive: true, force: true });
  };
  return { dir, services, answers, dispose };
}

/** A call through `services` as the renderer makes it, that must succeed (`call`), or must fail (`refused`: its error). */
export function callers(services: Services) {
  async function call<C extends ChannelName>(channel: C, ...args: Args<C>): Promise<Result<C>> {
    const reply = await services.dispatch(channel, args);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code}: ${reply.error.message}`);
    return reply.value as Result<C>;
  }
  async function refused<C extends ChannelName>(channel: C, ...args: Args<C>) {
    const reply = await services.dispatch(channel, args);
    if (reply.ok) throw new Error(`${channel} was expected to fail`);
    return reply.error;
  }
  return { call, refused };
}
