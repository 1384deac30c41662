// The AppImage registers the .signet file type for the person who runs it: the MIME type, a
// desktop entry that runs this AppImage (wherever it was moved), the icon, and the desktop's caches.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DESKTOP_FILE, MIME_TYPE, integrateAppImage } from '../../../electron/app/appimage-integration';
import { loadConfig } from '../../helpers/packaged';

const ICON = resolve(import.meta.dirname, '../../../resources/icon.png');
let folder: string | null = null;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = null;
});

describe('the AppImage on a Linux desktop', () => {
  it('registers .signet files to open with this AppImage, once, and again after it moves', async () => {
    folder = await mkdtemp(join(tmpdir(), 'signet-appimage-'));
    const env = { XDG_DATA_HOME: join(folder, 'share') };
    const ran: string[] = [];
    const run = async (command: string, args: string[]) => void ran.push([command, ...args].join(' '));
    const appImage = '/home/amina/Apps/Signet 0.1.0.AppImage';
    expect(await integrateAppImage({ appImage, icon: ICON, env, run })).toBe(true);

    const entry = await readFile(join(env.XDG_DATA_HOME, 'applications', DESKTOP_FILE), 'utf8');
    expect(entry).toContain('Exec="/home/amina/Apps/Signet 0.1.0.AppImage" %U');
    expect(entry).toContain(`MimeType=${MIME_TYPE};`);
    const mime = await readFile(join(env.XDG_DATA_HOME, 'mime/packages/signet.xml'), 'utf8');
    expect(mime).toContain(`<mime-type type="${MIME_TYPE}">`);
    expect(mime).toContain('<glob pattern="*.signet"/>');
    expect((await readFile(join(env.XDG_DATA_HOME, 'icons/hicolor/512x512/apps/signet.png'))).equals(await readFile(ICON))).toBe(true);
    expect(ran).toEqual([
      `update-mime-database ${join(env.XDG_DATA_HOME, 'mime')}`,
      `update-desktop-database ${join(env.XDG_DATA_HOME, 'applications')}`,
      `xdg-mime default ${DESKTOP_FILE} ${MIME_TYPE}`,
    ]);

    expect(await integrateAppImage({ appImage, icon: ICON, env, run })).toBe(false);
    expect(await integrateAppImage({ appImage: '/opt/Signet.AppImage', icon: ICON, env, run })).toBe(true);
    expect(await readFile(join(env.XDG_DATA_HOME, 'applications', DESKTOP_FILE), 'utf8')).toContain('Exec="/opt/Signet.AppImage" %U');
  });
  it('matches the file type the installers declare, and ships the icon it copies', () => {
    const config = loadConfig();
    expect(config.fileAssociations[0].mimeType).toBe(MIME_TYPE);
    expect(config.extraResources).toContainEqual({ from: 'resources/icon.png', to: 'icon.png' });
  });
});
