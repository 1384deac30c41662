// An AppImage is one file that registers nothing when it is installed (there is no install), so
// Linux would not open .signet files with it. On each start from an AppImage, Signet writes its
// file type, a desktop entry that runs this AppImage, and its icon into the person's own data
// folder (XDG_DATA_HOME), and tells the desktop. The deb registers all of this itself. Plain Node.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const MIME_TYPE = 'application/x-signet-message';
export const DESKTOP_FILE = 'signet-appimage.desktop';

const mimeXml = `<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="${MIME_TYPE}">
    <comment>Signet message</comment>
    <glob pattern="*.signet"/>
  </mime-type>
</mime-info>
`;

// Exec quotes the path (it may hold spaces); %U passes the file, or a file:// URI (arguments.ts).
const desktopEntry = (appImage: string) => `[Desktop Entry]
Type=Application
Name=Signet
Comment=Draft, review, approve and sign official messages
Exec="${appImage.replace(/(["`$\\])/g, '\\$1')}" %U
Icon=signet
Terminal=false
Categories=Office;
MimeType=${MIME_TYPE};
`;

export interface Integration {
  appImage: string;
  /** The app's icon (a PNG) to copy. */
  icon: string;
  env?: NodeJS.ProcessEnv;
  /** Runs a desktop tool; errors (a tool that is not installed) are ignored. */
  run?: (command: string, args: string[]) => Promise<void>;
}

const runQuietly = (command: string, args: string[]) => new Promise<void>((done) => execFile(command, args, () => done()));

/** Writes what is out of date and tells the desktop; returns whether anything changed. */
export async function integrateAppImage({ appImage, icon, env = process.env, run = runQuietly }: Integration): Promise<boolean> {
  const data = env.XDG_DATA_HOME || join(homedir(), '.local/share');
  const files: [string, string][] = [
    [join(data, 'mime/packages/signet.xml'), mimeXml],
    [join(data, 'applications', DESKTOP_FILE), desktopEntry(appImage)],
  ];
  const stale = [];
  for (const [path, text] of files) if ((await readFile(path, 'utf8').catch(() => null)) !== text) stale.push([path, text]);
  if (stale.length === 0) return false;
  for (const [path, text] of stale) {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, text);
  }
  const icons = join(data, 'icons/hicolor/512x512/apps');
  await mkdir(icons, { recursive: true });
  await copyFile(icon, join(icons, 'signet.png'));
  await run('update-mime-database', [join(data, 'mime')]);
  await run('update-desktop-database', [join(data, 'applications')]);
  await run('xdg-mime', ['default', DESKTOP_FILE, MIME_TYPE]);
  return true;
}
