// The live session's channels: join the open message to a server, leave it, how it stands, and
// where this person's caret is.
import type { HandlersOf, ServiceContext } from '../context';

type Channel = 'live.join' | 'live.leave' | 'live.session' | 'live.caret';

export function liveHandlers({ access, live }: ServiceContext): HandlersOf<Channel> {
  return {
    'live.join': async (path, address) => live.join(await access.allowed(path), address),
    'live.leave': async (path) => {
      await live.leave(path);
      return null;
    },
    'live.session': async (path) => live.view(path),
    'live.caret': async (path, caret) => {
      live.caret(await access.allowed(path), caret);
      return null;
    },
  };
}
