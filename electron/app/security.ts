// Electron's security checklist, applied to every web contents the app creates.
import { app, session, shell, type WebContents } from 'electron';
import { APP_ORIGIN } from './protocol';

/** Opens a link in the system browser only if it parses as http, https or mailto. */
export function openExternalSafely(href: string): void {
  try {
    const url = new URL(href);
    if (['http:', 'https:', 'mailto:'].includes(url.protocol)) void shell.openExternal(url.toString());
  } catch {
    // Not a URL: nothing to open.
  }
}

export function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

export function hardenApp(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url);
      return { action: 'deny' };
    });
  });
}
