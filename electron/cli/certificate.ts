// `signet import-certificate FILE.p12 --profile PATH`: the certificate an organisation issued
// becomes the one a person's PDF copies are signed under (signoff/pdf-certificate.ts), and
// `--revert` goes back to Signet's self-signed one. The profile is unlocked with its passphrase
// first (the same SIGNET_PASSPHRASE as export), so only its owner can change it; every check is
// made before anything is written, and the profile is replaced whole (temp file, flush, rename).
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { memberCard } from '../../shared/signoff';
import { cardPdfKey } from '../services/export/exporter';
import { writeFileAtomic } from '../services/files/message-file';
import { KeyError, loadProfile, passphraseProtector, saveProfile, unlockKey, type Profile } from '../services/signoff/keys';
import { CertificateError, issuerName, readOrganisationKey, unlockOrganisationKey, validUntil, withOrganisationKey, withoutOrganisationKey, type OrganisationKey } from '../services/signoff/pdf-certificate';
import { Pkcs12Error } from '../services/signoff/pkcs12';
import { CliError, EXIT, pathError, usageError } from './errors';
import { checkOutput, readInput } from './files';
import type { CommandArgs, Io } from './types';

/** The environment variable that holds the .p12's password, for scripts; else the tool asks. */
export const CERTIFICATE_PASSWORD_VARIABLE = 'SIGNET_CERTIFICATE_PASSWORD';

/** Asks for a password on the terminal without showing it; null where there is no terminal to ask on. */
async function askPassword(question: string): Promise<string | null> {
  if (!process.stdin.isTTY) return null;
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question, (answer) => resolve(answer));
      muted = true;
    });
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

async function certificatePassword(file: string): Promise<string> {
  const given = process.env[CERTIFICATE_PASSWORD_VARIABLE];
  if (given !== undefined) return given;
  const asked = await askPassword(`Password of ${file}: `);
  if (asked === null) throw usageError(`the password of ${file} is needed: set ${CERTIFICATE_PASSWORD_VARIABLE}, or run the command in a terminal to be asked for it`);
  return asked;
}

/** The profile and its key, opened with SIGNET_PASSPHRASE as `signet export --profile` opens it. */
async function openProfile(path: string): Promise<{ profile: Profile; signer: Awaited<ReturnType<typeof unlockKey>> }> {
  try {
    const profile = await loadProfile(path);
    if (profile.key.protection !== 'passphrase') throw new CliError(`${path}: its key is sealed by the app's system secret store, which the command line cannot open; import the certificate in the app instead (Sign-off ▸ your profile)`, EXIT.usage);
    const passphrase = process.env.SIGNET_PASSPHRASE;
    if (!passphrase) throw usageError(`--profile needs the passphrase that protects ${path}'s key, in SIGNET_PASSPHRASE`);
    return { profile, signer: await unlockKey(profile, passphraseProtector(passphrase)) };
  } catch (error) {
    if (error instanceof KeyError) throw new CliError(`cannot use the profile ${path}: ${error.message.replace(/\.$/, '')}`, EXIT.usage);
    if ((error as NodeJS.ErrnoException).code) throw pathError(error, path, 'read');
    throw error;
  }
}

/** Writes the member card that carries the profile's PDF key as it now is. */
async function writeCard(out: string, profile: Profile, signer: Awaited<ReturnType<typeof unlockKey>>, organisation: OrganisationKey | null, io: Io): Promise<void> {
  try {
    await writeFileAtomic(out, Buffer.from(memberCard(profile, signer, cardPdfKey(signer, profile, new Date(), organisation))));
  } catch (error) {
    throw pathError(error, out, 'write');
  }
  io.out(`wrote ${out}: ${profile.name}'s member card, with the PDF signing key it now carries; give it to the people who check your copies`);
}

export async function importCertificate(args: CommandArgs, io: Io): Promise<number> {
  const file = args.operand('FILE');
  const profilePath = args.string('profile')!;
  const card = args.string('card');
  const revert = args.flag('revert');
  if (revert === !!file) throw usageError(revert ? '--revert takes no FILE: it goes back to the self-signed certificate' : 'missing FILE (the .p12 or .pfx your organisation issued), or --revert');
  if (card !== undefined) await checkOutput(card, args.flag('force'), [profilePath, ...(file ? [file] : [])]);
  const { profile, signer } = await openProfile(profilePath);
  const protector = passphraseProtector(process.env.SIGNET_PASSPHRASE!);

  if (revert) {
    if (!profile.organisationKey) throw new CliError(`${profilePath} already signs PDF copies under Signet's self-signed certificate; nothing was changed`, EXIT.usage);
    const back = withoutOrganisationKey(profile);
    await saveProfile(profilePath, back).catch((error: unknown) => Promise.reject(pathError(error, profilePath, 'write')));
    io.out(`${profilePath}: PDF copies are signed under Signet's self-signed certificate again, with the key derived from ${profile.name}'s signing key`);
    if (card !== undefined) await writeCard(card, back, signer, null, io);
    return EXIT.ok;
  }

  if (profile.organisationKey && !args.flag('force')) {
    const current = await unlockOrganisationKey(profile, protector).catch(() => null);
    const from = current ? `, issued by ${issuerName(current.certificates[0])},` : '';
    throw new CliError(`${profilePath} already has a certificate from its organisation${from} and it was left as it is; add --force to replace it`, EXIT.usage);
  }
  const bytes = await readInput(file);
  let key: OrganisationKey;
  try {
    key = readOrganisationKey(bytes, await certificatePassword(file), profile);
  } catch (error) {
    if (error instanceof Pkcs12Error || error instanceof CertificateError) throw new CliError(`cannot use ${file}: ${error.message}`, EXIT.usage);
    throw error;
  }
  const updated = await withOrganisationKey(profile, key, protector);
  await saveProfile(profilePath, updated).catch((error: unknown) => Promise.reject(pathError(error, profilePath, 'write')));
  const leaf = key.certificates[0];
  const chain = key.certificates.length - 1;
  const above = chain ? `; the signature carries ${chain} certificate${chain === 1 ? '' : 's'} of its chain` : '';
  io.out(`${profilePath}: PDF copies are now signed under the certificate ${issuerName(leaf)} issued to ${profile.name}, valid until ${validUntil(leaf)}${above}`);
  if (card !== undefined) await writeCard(card, updated, signer, key, io);
  else io.err(`note: member cards you gave out name your earlier PDF key: make a new one (--card OUT) so that \`signet verify --cards\` accepts the copies you export now`);
  return EXIT.ok;
}
