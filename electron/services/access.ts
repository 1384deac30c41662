// Which files the renderer may name: only messages in the library (and its trash) or ones the
// person chose in a dialog, by dropping a file, on the command line or through the OS. Anything
// else is refused, so a compromised page cannot reach other files on the disk.
import { dirname, resolve } from 'node:path';
import { UserError } from './errors';
import type { SettingsStore } from './files/settings';

export class Access {
  private readonly granted = new Set<string>();

  constructor(private readonly settings: SettingsStore) {}

  /** Lets the renderer name a file the person chose outside the renderer; passes the path on. */
  grant(path: string | null): string | null {
    if (path) this.granted.add(resolve(path));
    return path;
  }

  /** The path, if the renderer may name it; otherwise a refusal that says how to open it. */
  async allowed(path: string): Promise<string> {
    const full = resolve(path);
    const { libraryFolder } = await this.settings.get();
    const folder = dirname(full);
    if (this.granted.has(full) || folder === resolve(libraryFolder) || folder === resolve(libraryFolder, '.trash')) return path;
    throw new UserError('forbidden', `${path} is not in your library and was not chosen by you; open it with File > Open.`);
  }
}
