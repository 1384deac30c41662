// The sign-off's channels: this person's profile and key, their member card and contacts, and a
// message's sign-off status, steps and audit trail.
import type { HandlersOf, ServiceContext } from '../context';
import { UserError } from '../errors';
import { audit } from './audit';

type Channel =
  | 'profile.get'
  | 'profile.protection'
  | 'profile.create'
  | 'profile.unlock'
  | 'profile.exportCard'
  | 'profile.chooseCertificate'
  | 'profile.importCertificate'
  | 'profile.revertCertificate'
  | 'contacts.list'
  | 'contacts.import'
  | 'signoff.status'
  | 'signoff.step'
  | 'signoff.audit';

export function signoffHandlers({ withMessage, host, signoff }: ServiceContext): HandlersOf<Channel> {
  const { profiles, contacts, workflow } = signoff;
  return {
    'profile.get': () => profiles.getProfile(),
    'profile.protection': async () => profiles.protection(),
    'profile.create': (details) => profiles.create(details),
    'profile.unlock': (passphrase) => profiles.unlock(passphrase),
    'profile.exportCard': () => profiles.exportCard((name) => host.chooseSaveLocation(name)),
    'profile.chooseCertificate': () => profiles.chooseCertificate(async () => (await host.chooseCertificateToOpen?.()) ?? null),
    'profile.importCertificate': (given) => profiles.importCertificate(given),
    'profile.revertCertificate': () => profiles.revertCertificate(),
    'contacts.list': () => contacts.list(),
    'contacts.import': async () => {
      const card = await host.chooseCardToOpen();
      return card ? contacts.importCard(card, async () => (await profiles.profile())?.publicKey) : null;
    },
    'signoff.status': (path) => withMessage(path, (message) => workflow.status(message.doc)),
    'signoff.step': (path, step) =>
      withMessage(path, async (message) => {
        if (message.readOnly) throw new UserError('read-only', message.readOnlyReason!);
        await workflow.step(message.doc, step);
        await message.flush();
        return workflow.status(message.doc);
      }),
    'signoff.audit': (path, language) => withMessage(path, async (message) => audit(message.doc, language)),
  };
}
