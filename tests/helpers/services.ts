// The main process's services in a temporary folder, with a host that answers as no OS would:
// no dialogs, no spelling languages. For unit tests of the IPC handlers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../electron/services/handlers';
import { SettingsStore, defaultSettings } from '../../electron/services/settings';

export interface TestServices {
  dir: string;
  services: Services;
  dispose(): Promise<void>;
}

/** Services whose library is `dir`/lib. */
export async function testServices(): Promise<TestServices> {
  const dir = await mkdtemp(join(tmpdir(), 'signet-services-'));
  const settings = new SettingsStore(join(dir, 'settings.json'), { ...defaultSettings(dir), libraryFolder: join(dir, 'lib') });
  const none = async () => null;
  const services = createServices(settings, {
    emit: () => {},
    showInFolder: async () => {},
    chooseMessageToOpen: none,
    chooseFolder: none,
    chooseSaveLocation: none,
    spellcheckLanguages: () => [],
    useSpellcheckLanguage: () => {},
  });
  const dispose = async () => {
    await services.closeAll();
    await rm(dir, { recursive: true, force: true });
  };
  return { dir, services, dispose };
}
