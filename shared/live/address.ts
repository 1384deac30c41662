// A live server's address as a person types it ("speechwriting-pc:4455", "ws://10.0.0.7:4455",
// "localhost"), checked in both the editor's dialog and the main process before anything dials it.
// Only a bare host and port: a path, a user name or a query would be sent to whoever the host is.

/** The default port of `signet serve`. */
export const DEFAULT_PORT = 4455;

export type LiveAddress = { url: string; host: string } | { problem: string };

const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/i;

/** The ws:// (or wss://) address to dial for `typed`, or what is wrong with it. */
export function parseLiveAddress(typed: string): LiveAddress {
  const text = typed.trim();
  if (!text) return { problem: 'Type the address the server printed, such as speechwriting-pc:4455.' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'ws' && scheme !== 'wss') return { problem: `"${scheme}://" is not a live server's address: it starts with ws:// or wss://, or just the host name.` };
  let url: URL;
  try {
    // Plain ws is what `signet serve` speaks (README: on an untrusted network, put TLS in front).
    // eslint-disable-next-line @microsoft/sdl/no-insecure-url
    url = new URL(scheme ? text : `ws://${text}`);
  } catch {
    return { problem: `"${text}" is not an address: give a host name and port, such as speechwriting-pc:4455.` };
  }
  if (url.username || url.password) return { problem: 'A live server address takes no user name or password: Signet proves who you are with your key.' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || /[/?#]$/.test(text.replace(/^[a-z]+:\/\//i, ''))) {
    return { problem: `"${text}" has more than a host and port; give only those, such as speechwriting-pc:4455.` };
  }
  if (!HOST.test(url.hostname)) return { problem: `"${url.hostname}" is not a host name.` };
  const port = url.port || (scheme === 'wss' ? '' : String(DEFAULT_PORT));
  const host = port ? `${url.hostname}:${port}` : url.hostname;
  return { url: `${url.protocol}//${host}`, host };
}
