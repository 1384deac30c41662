// The renderer is served from the app bundle under a custom scheme, never from the network or
// from file:// (which would give the page the whole disk's origin).
import { net, protocol } from 'electron';
import { join, normalize, relative, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

export const APP_SCHEME = 'signet-app';
export const APP_ORIGIN = `${APP_SCHEME}://bundle`;

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Standard and secure give the page an origin of its own; fetch and CORS support let Chromium
// load Vite's module scripts (marked crossorigin) from it. The CSP still forbids any fetch().
export function registerScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

export function serveRenderer(rendererFolder: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const path = normalize(join(rendererFolder, decodeURIComponent(url.pathname)));
    const rel = relative(rendererFolder, path);
    if (url.host !== 'bundle' || rel.startsWith('..') || isAbsolute(rel)) {
      return new Response('Not found', { status: 404 });
    }
    const response = await net.fetch(pathToFileURL(path).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
