// The main process's services in a temporary folder, with a host that answers as no OS would:
// no spelling languages, and dialogs that answer what a test set for them (else as if cancelled).
// For unit tests of the IPC handlers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../electron/services/handlers';
import { SettingsStore, defaultSettings } from '../../electron/services/settings';

/** What the next dialogs answer, each answer used once; a dialog with no answer set is cancelled (null). */
export interface DialogAnswers {
  saveLocation?: string | null;
  messageToOpen?: string | null;
}

export interface TestServices {
  dir: string;
  services: Services;
  /** Set an answer here before the call that opens the dialog. */
  answers: DialogAnswers;
  dispose(): Promise<void>;
}

/** Services whose library is `dir`/lib. */
export async function testServices(answers: DialogAnswers = {}): Promise<TestServices> {
  const dir = await mkdtemp(join(tmpdir(), 'signet-services-'));
  const settings = new SettingsStore(join(dir, 'settings.json'), { ...defaultSettings(dir), libraryFolder: join(dir, 'lib') });
  const none = async () => null;
  const answer = (dialog: keyof DialogAnswers) => async () => {
    const chosen = answers[dialog] ?? null;
    delete answers[dialog];
    return chosen;
  };
  const services = createServices(settings, {
    emit: () => {},
    showInFolder: async () => {},
    chooseMessageToOpen: answer('messageToOpen'),
    chooseFolder: none,
    chooseSaveLocation: answer('saveLocation'),
    spellcheckLanguages: () => [],
    useSpellcheckLanguage: () => {},
  });
  const dispose = async () => {
    await services.closeAll();
    await rm(dir, { recursive: true, force: true });
  };
  return { dir, services, answers, dispose };
}
