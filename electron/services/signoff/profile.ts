// This person's profile and signing key, in plain Node: made on first run, sealed by the OS's
// secret store or a passphrase, unlocked once a session, and their member card to share.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { MemberInfo, ProfileInfo } from '../../../shared/ipc';
import { fingerprint } from '../../../shared/signoff';
import { UserError } from '../errors';
import { writeFileAtomic } from '../files/message-file';
import type { SettingsStore } from '../files/settings';
import { KeyError, createProfile, loadProfile, memberCard, passphraseProtector, unlockKey, type Profile, type Protector } from './keys';
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
    return { publicKey, name, titles, organisation, email, fingerprint: fingerprint(publicKey), protection, unlocked };
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
      this.signer = await unlockKey(profile, protector);
    } catch (error) {
      throw told(error);
    }
  }

  /** The profile and its key ready to sign, or the refusal that says what to do first. */
  async ready(): Promise<{ profile: Profile; signer: Signer }> {
    const profile = await this.profile();
    if (!profile) throw new UserError('forbidden', 'Create your profile first: sign-off needs your signing key.');
    await this.open(profile);
    return { profile, signer: this.signer! };
  }

  /** Writes this person's member card where they choose; null when they cancel. */
  async exportCard(chooseSaveLocation: (defaultName: string) => Promise<string | null>): Promise<string | null> {
    const profile = await this.profile();
    if (!profile) throw new UserError('not-found', 'Create your profile first: a member card carries your public key.');
    const target = await chooseSaveLocation(`${profile.name}.signet-card`);
    if (!target) return null;
    // The card is signed with the key it carries, and its PDF key is derived from it: the key must be unlocked.
    const { signer } = await this.ready();
    await writeFileAtomic(target, Buffer.from(memberCard(profile, signer, cardPdfKey(signer, profile))));
    return target;
  }
}
