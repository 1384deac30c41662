// This person's profile and signing key, in plain Node: made on first run, sealed by the OS's
// secret store or a passphrase, unlocked once a session, and their member card to share.
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import type { MemberInfo, ProfileInfo } from '../../../shared/ipc';
import { fingerprint } from '../../../shared/signoff';
import { UserError } from '../errors';
import { writeFileAtomic } from '../files/message-file';
import type { SettingsStore } from '../files/settings';
import { KeyError, createProfile, loadProfile, memberCard, passphraseProtector, saveProfile, unlockKey, type Profile, type Protector } from './keys';
import { CertificateError, certificateEnd, issuerName, readOrganisationKey, unlockOrganisationKey, withOrganisationKey, withoutOrganisationKey, type OrganisationKey } from './pdf-certificate';
import { Pkcs12Error } from './pkcs12';
import { readRegularFile } from '../files/regular-file';
import { told } from './refusals';
import { cardPdfKey } from '../export/exporter';

/**
 * The OS's secret store (Electron's safeStorage in the app), as the host offers it. Each answer may
 * be a promise: Electron 45 deprecates safeStorage's synchronous calls for asynchronous ones.
 */
export interface SecretStore {
  /** Whether it really keeps secrets here (on Linux, not when it would only obfuscate them). */
  available(): boolean | Promise<boolean>;
  encrypt(bytes: Uint8Array): Buffer | Promise<Buffer>;
  decrypt(sealed: Buffer): Uint8Array | Promise<Uint8Array>;
}

export const NO_SECRET_STORE = 'This computer has no secret store (on Linux: no keyring), so a passphrase protects your key.';

const PROFILE = 'profile.json';

type Signer = Awaited<ReturnType<typeof unlockKey>>;

export class Profiles {
  /** The profile as loaded: undefined until read, null when there is none. */
  private loaded: Profile | null | undefined;
  /** The private key, once unlocked in this session. */
  private signer: Signer | null = null;
  /** The key an organisation's certificate is for, opened with the signing key; null when none was imported. */
  private organisation: OrganisationKey | null = null;
  /** The certificate file the person chose to import, until it is imported. */
  private chosenCertificate: string | null = null;

  constructor(
    private readonly dataFolder: string,
    private readonly settings: SettingsStore,
    private readonly secrets?: SecretStore,
  ) {}

  private get profileFile(): string {
    return join(this.dataFolder, PROFILE);
  }

  /** How a new key would be kept: by the OS's secret store where there is one, else a passphrase. */
  async protection(): Promise<'os' | 'passphrase'> {
    return (await this.secrets?.available()) ? 'os' : 'passphrase';
  }

  private async osProtector(): Promise<Protector> {
    const secrets = this.secrets;
    if (!secrets || !(await secrets.available())) {
      throw new UserError('forbidden', "Your key is sealed by this computer's secret store, which is not available now (on Linux: the keyring is locked or missing).");
    }
    return { kind: 'os', encrypt: async (bytes) => secrets.encrypt(bytes), decrypt: async (sealed) => secrets.decrypt(sealed) };
  }

  /** The profile on disk, or null when this person has none yet. */
  async profile(): Promise<Profile | null> {
    if (this.loaded !== undefined) return this.loaded;
    try {
      this.loaded = await loadProfile(this.profileFile);
    } catch (error) {
      if (error instanceof KeyError && error.problem === 'not-found') this.loaded = null;
      else throw told(error);
    }
    return this.loaded;
  }

  private async info(profile: Profile): Promise<ProfileInfo> {
    const { publicKey, name, titles, organisation, email } = profile;
    const protection = profile.key.protection;
    // An OS-sealed key opens by itself when it is needed; a passphrase opens one once a session.
    const unlocked = this.signer !== null || (protection === 'os' && (await this.protection()) === 'os');
    const imported = profile.organisationKey && Buffer.from(profile.organisationKey.certificates[0], 'base64');
    const certificate = imported ? { organisationCertificate: { issuer: issuerName(imported), until: certificateEnd(imported) } } : {};
    return { publicKey, name, titles, organisation, email, fingerprint: fingerprint(publicKey), protection, unlocked, ...certificate };
  }

  async getProfile(): Promise<ProfileInfo | null> {
    const profile = await this.profile();
    return profile && this.info(profile);
  }

  /**
   * Makes this person's key pair and profile. The key is sealed by the OS's secret store, or by
   * the passphrase when one is given (the person chose it) or the OS has no store (then it must be).
   */
  async create(details: Omit<MemberInfo, 'publicKey'> & { passphrase?: string }): Promise<ProfileInfo> {
    const { passphrase, ...person } = details;
    if (await this.profile()) throw new UserError('exists', 'You have a profile already; it was left as it is.');
    if (!passphrase && (await this.protection()) === 'passphrase') throw new UserError('invalid-argument', NO_SECRET_STORE);
    const protector = passphrase ? passphraseProtector(passphrase) : await this.osProtector();
    await fs.mkdir(this.dataFolder, { recursive: true });
    try {
      const { profile, signer } = await createProfile(this.profileFile, person, protector);
      this.loaded = profile;
      this.signer = signer;
    } catch (error) {
      // Details the contract lets through but a member card may not carry (an email that is not one).
      if (!(error instanceof KeyError) && !(error as NodeJS.ErrnoException).code) throw new UserError('invalid-argument', (error as Error).message);
      throw told(error);
    }
    // Versions and comments carry the same name as the records.
    await this.settings.set({ name: person.name, jobTitle: person.titles.join(', ') });
    return this.info(this.loaded);
  }

  /** Opens the key for this session: with the passphrase, or (an OS-sealed key) from the secret store. */
  async unlock(passphrase: string): Promise<ProfileInfo> {
    const profile = await this.profile();
    if (!profile) throw new UserError('not-found', 'Create your profile first: you have no signing key yet.');
    await this.open(profile, passphrase);
    return this.info(profile);
  }

  private async open(profile: Profile, passphrase?: string): Promise<void> {
    if (this.signer) return;
    const protector = profile.key.protection === 'os' ? await this.osProtector() : passphrase ? passphraseProtector(passphrase) : null;
    if (!protector) throw new UserError('forbidden', 'Unlock your key first: your passphrase opens it once for the session.');
    try {
      const signer = await unlockKey(profile, protector);
      this.organisation = await unlockOrganisationKey(profile, protector);
      this.signer = signer;
    } catch (error) {
      throw told(error);
    }
  }

  /** The profile and its key ready to sign (with the organisation's PDF key, if one was imported), or the refusal that says what to do first. */
  async ready(): Promise<{ profile: Profile; signer: Signer; organisation: OrganisationKey | null }> {
    const profile = await this.profile();
    if (!profile) throw new UserError('forbidden', 'Create your profile first: sign-off needs your signing key.');
    await this.open(profile);
    return { profile, signer: this.signer!, organisation: this.organisation };
  }

  /** Asks the host for the certificate file to import; its name, or null when the person cancels. */
  async chooseCertificate(choose: () => Promise<string | null>): Promise<{ name: string } | null> {
    if (!(await this.profile())) throw new UserError('not-found', 'Create your profile first: the certificate is for your signing key.');
    const file = await choose();
    if (!file) return null;
    this.chosenCertificate = file;
    return { name: basename(file) };
  }

  /**
   * Takes the chosen certificate as the one PDF copies are signed under: checked (pdf-certificate.ts),
   * its key sealed as the signing key is (a passphrase-sealed key needs the passphrase again to
   * seal it), the profile written whole. Anything refused leaves the profile as it was.
   */
  async importCertificate({ password, passphrase }: { password: string; passphrase?: string }): Promise<ProfileInfo> {
    const { profile } = await this.ready();
    const file = this.chosenCertificate;
    if (!file) throw new UserError('invalid-argument', 'Choose the certificate file first.');
    const bytes = await readRegularFile(file).catch(() => {
      throw new UserError('not-found', `${basename(file)} cannot be read: choose it again.`);
    });
    let key: OrganisationKey;
    try {
      key = readOrganisationKey(bytes, password, profile);
    } catch (error) {
      if (error instanceof Pkcs12Error || error instanceof CertificateError) throw new UserError('invalid-argument', `${basename(file)} cannot be used: ${error.message}.`);
      throw error;
    }
    let protector: Protector;
    if (profile.key.protection === 'os') protector = await this.osProtector();
    else {
      if (!passphrase) throw new UserError('forbidden', 'Type your passphrase: it seals the certificate\'s key as it seals yours.');
      protector = passphraseProtector(passphrase);
      // The passphrase must be the one that seals this profile, or the certificate's key could not be opened with it.
      await unlockKey(profile, protector).catch((error: unknown) => Promise.reject(told(error)));
    }
    const updated = await withOrganisationKey(profile, key, protector);
    await saveProfile(this.profileFile, updated);
    this.loaded = updated;
    this.organisation = key;
    this.chosenCertificate = null;
    return this.info(updated);
  }

  /** Back to Signet's self-signed certificate for PDF copies. */
  async revertCertificate(): Promise<ProfileInfo> {
    const { profile } = await this.ready();
    if (profile.organisationKey) {
      const updated = withoutOrganisationKey(profile);
      await saveProfile(this.profileFile, updated);
      this.loaded = updated;
    }
    this.organisation = null;
    return this.info(this.loaded!);
  }

  /** Writes this person's member card where they choose; null when they cancel. */
  async exportCard(chooseSaveLocation: (defaultName: string) => Promise<string | null>): Promise<string | null> {
    const profile = await this.profile();
    if (!profile) throw new UserError('not-found', 'Create your profile first: a member card carries your public key.');
    const target = await chooseSaveLocation(`${profile.name}.signet-card`);
    if (!target) return null;
    // The card is signed with the key it carries, and its PDF key is derived from it: the key must be unlocked.
    const { signer, organisation } = await this.ready();
    await writeFileAtomic(target, Buffer.from(memberCard(profile, signer, cardPdfKey(signer, profile, new Date(), organisation))));
    return target;
  }
}
