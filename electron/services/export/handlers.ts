// The export dialog's channels: its defaults, the preview, saving a copy (and cancelling it), saving
// the verifier page, the pictures a copy may carry, and showing a saved file in its folder.
import type { HandlersOf, ServiceContext } from '../context';
import { ExportService } from './export-dialog';
import { UserError } from '../errors';
import { organisationKeyProblem } from '../signoff/pdf-certificate';
import { exporterFromSigner } from './exporter';

type Channel = 'export.defaults' | 'export.preview' | 'export.save' | 'export.cancel' | 'export.saveVerifier' | 'export.chooseImage' | 'export.showInFolder';

export function exportHandlers({ withMessage, host, signoff }: ServiceContext): HandlersOf<Channel> {
  const exporter = new ExportService(host, async () => {
    const { profile, signer, organisation } = await signoff.profiles.ready();
    const problem = organisationKeyProblem(organisation);
    if (problem) throw new UserError('forbidden', `${problem[0].toUpperCase()}${problem.slice(1)}. Import a new one, or go back to Signet's own certificate, in the Sign-off panel.`);
    return exporterFromSigner(signer, profile, organisation);
  });
  return {
    'export.defaults': (path) => withMessage(path, async (message) => exporter.defaults(message.doc)),
    'export.preview': (path, options) => withMessage(path, (message) => exporter.preview(path, message.doc, options)),
    'export.save': (path, options) => withMessage(path, (message) => exporter.save(path, message.doc, options)),
    'export.cancel': async (path) => exporter.cancel(path),
    'export.saveVerifier': () => exporter.saveVerifier(),
    'export.chooseImage': () => exporter.chooseImage(),
    'export.showInFolder': (file) => exporter.showInFolder(file),
  };
}
