// The history's channels: saving a named version, renaming one, comparing two, and the versions
// recorded on either side of a restore.
import { findVersion, renameVersion } from '../../../shared/history';
import type { HandlersOf, ServiceContext } from '../context';
import { UserError } from '../errors';
import { VersionNotFound, compareVersions } from './history';

type Channel = 'history.record' | 'history.rename' | 'history.compare' | 'history.restoring';

export function historyHandlers({ messages }: ServiceContext): HandlersOf<Channel> {
  const mustFind = (path: string, id: string) => {
    if (!findVersion(messages.opened(path).doc, id)) throw new UserError('not-found', new VersionNotFound(id).message);
  };
  return {
    'history.record': async (path, { name, note }) => (await messages.history(path).record('named', { name, note }))!,
    'history.rename': async (path, id, { name, note }) => {
      mustFind(path, id);
      messages.history(path);
      renameVersion(messages.opened(path).doc, id, name, note);
      return null;
    },
    'history.compare': async (path, from, to) => {
      const found = messages.histories.get(path);
      try {
        return found ? await found.compare(from, to) : compareVersions(messages.opened(path).doc, from, to);
      } catch (error) {
        throw error instanceof VersionNotFound ? new UserError('not-found', error.message) : error;
      }
    },
    'history.restoring': async (path, id, when) => {
      mustFind(path, id);
      await messages.history(path).record(when === 'before' ? 'before-restore' : 'restored', { source: id });
      return null;
    },
  };
}
