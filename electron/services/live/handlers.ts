// The live session's channels: join the open message to a server, leave it, how it stands, and
// open from a server a message the person has no file of, and where this person's caret is.
import { parseLiveAddress, parseMessageId } from '../../../shared/live';
import type { HandlersOf, ServiceContext } from '../context';
import { UserError } from '../errors';
import { Library } from '../library/library';
import { takeFromServer } from './take';

type Channel = 'live.join' | 'live.leave' | 'live.session' | 'live.openFromServer' | 'live.caret';

export function liveHandlers(context: ServiceContext): HandlersOf<Channel> {
  const { access, live } = context;
  return {
    'live.join': async (path, address) => live.join(await access.allowed(path), address),
    'live.leave': async (path) => {
      await live.leave(path);
      return null;
    },
    'live.session': async (path) => live.view(path),
    'live.openFromServer': (address, id) => openFromServer(context, address, id),
    'live.caret': async (path, caret) => {
      live.caret(await access.allowed(path), caret);
      return null;
    },
  };
}

/** Takes the message from the server (or finds it in the library), then opens it and joins it live there. */
async function openFromServer({ access, live, messages, settings, signoff }: ServiceContext, typedAddress: string, typedId: string) {
  const address = parseLiveAddress(typedAddress);
  if ('problem' in address) throw new UserError('invalid-argument', address.problem);
  const message = parseMessageId(typedId);
  if ('problem' in message) throw new UserError('invalid-argument', message.problem);
  const { profile, signer } = await signoff.profiles.ready();
  const s = await settings.get();
  const taken = await takeFromServer({
    url: address.url,
    id: message.id,
    signer,
    ownKey: profile.publicKey,
    cards: await signoff.contacts.list(),
    folder: s.libraryFolder,
    library: () => new Library(s.libraryFolder, () => s).list(),
  });
  access.grant(taken.path);
  await messages.withMessage(taken.path, () => live.join(taken.path, typedAddress));
  return taken;
}
