// What Signet opens from its command line: the first instance's own argv, a second instance's
// (with its working directory), and file:// URIs from Linux file managers.
import { describe, expect, it } from 'vitest';
import { messageArg } from '../../../electron/app/arguments';

const app = '/opt/Signet/signet';

describe('the message named on the command line', () => {
  it('resolves a name typed in a terminal against the folder it was typed in', () => {
    expect(messageArg([app, 'Signet draft.signet'], '/home/amina/Documents')).toBe('/home/amina/Documents/Signet draft.signet');
    expect(messageArg([app, '../letters/Speech.SIGNET'], '/home/amina/Documents')).toBe('/home/amina/letters/Speech.SIGNET');
  });
  it('keeps an absolute path and skips switches and other arguments', () => {
    expect(messageArg([app, '--no-sandbox', '.', '/srv/messages/Address.signet'], '/')).toBe('/srv/messages/Address.signet');
  });
  it('turns a file:// URI into its path, with # and spaces as they are in the name', () => {
    expect(messageArg([app, 'file:///home/amina/Draft%20%232%20of%20the%20address.signet'], '/')).toBe('/home/amina/Draft #2 of the address.signet');
  });
  it('opens nothing for no message, another kind of file, or a URI of another machine', () => {
    expect(messageArg([app], '/home')).toBeNull();
    expect(messageArg([app, 'notes.txt'], '/home')).toBeNull();
    expect(messageArg([app, 'file://fileserver/share/Address.signet'], '/home')).toBeNull();
  });
});
