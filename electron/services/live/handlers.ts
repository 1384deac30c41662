// The live session's channels: join the open message to a server, leave it, and how it stands.
import type { HandlersOf, ServiceContext } from '../context';

type Channel = 'live.join' | 'live.leave' | 'live.session';

export function liveHandlers({ access, live }: ServiceContext): HandlersOf<Channel> {
  return {
    'live.join': async (path, address) => live.join(await access.allowed(path), address),
    'live.leave': async (path) => {
      await live.leave(path);
      return null;
    },
    'live.session': async (path) => live.view(path),
  };
}
