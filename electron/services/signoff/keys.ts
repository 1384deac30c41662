// A person's profile and signing key, in plain Node. The private key never touches the disk in the
// clear: a Protector encrypts it (the app's is Electron's safeStorage; where the OS has no secret
// store, the passphrase protector below). Member cards carry the public half to other people.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';
import { checkMember, type Member, signerFromSecretKey, type Signer } from '../../../shared/signoff';
import { writeFileAtomic } from '../files/message-file';

export type KeyProblem = 'wrong-passphrase' | 'damaged' | 'exists' | 'not-found' | 'wrong-protector';

export class KeyError extends Error {
  override name = 'KeyError';
  constructor(
    message: string,
    readonly problem: KeyProblem,
  ) {
    super(message);
  }
}

/** Keeps a private key secret at rest. */
export interface Protector {
  kind: 'os' | 'passphrase';
  encrypt(bytes: Uint8Array): Promise<Buffer>;
  decrypt(data: Buffer): Promise<Uint8Array>;
}

// ── The passphrase protector: scrypt, then AES-256-GCM ──────────────────────────────────────

const MAGIC = Buffer.from('SGK1', 'latin1');
const LOG_N = 15;
const SALT = 16;
const NONCE = 12;
const TAG = 16;
const HEAD = MAGIC.length + 1 + SALT + NONCE + TAG;

function deriveKey(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  // N = 2^15 with r = 8 needs 32 MiB, Node's default ceiling; leave room above it.
  const options: ScryptOptions = { N: 2 ** logN, r: 8, p: 1, maxmem: 256 * 2 ** logN * 8 };
  return new Promise((resolve, reject) => scrypt(passphrase.normalize('NFC'), salt, 32, options, (e, key) => (e ? reject(e) : resolve(key))));
}

/** Encrypts with a key derived from a passphrase; the cost, salt and nonce are stored with the result. */
export function passphraseProtector(passphrase: string): Protector {
  if (!passphrase) throw new KeyError('A passphrase is needed to protect your key.', 'wrong-passphrase');
  return {
    kind: 'passphrase',
    async encrypt(bytes) {
      const salt = randomBytes(SALT);
      const nonce = randomBytes(NONCE);
      const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt, LOG_N), nonce);
      const sealed = Buffer.concat([cipher.update(bytes), cipher.final()]);
      return Buffer.concat([MAGIC, Buffer.from([LOG_N]), salt, nonce, cipher.getAuthTag(), sealed]);
    },
    async decrypt(data) {
      const logN = data[MAGIC.length];
      if (data.length <= HEAD || !data.subarray(0, MAGIC.length).equals(MAGIC) || logN < 10 || logN > 22) {
        throw new KeyError('The key is damaged: it is not a passphrase-protected Signet key.', 'damaged');
      }
      let at = MAGIC.length + 1;
      const take = (n: number) => data.subarray(at, (at += n));
      const [salt, nonce, tag, sealed] = [take(SALT), take(NONCE), take(TAG), data.subarray(at)];
      const decipher = createDecipheriv('aes-256-gcm', await deriveKey(passphrase, salt, logN), nonce);
      decipher.setAuthTag(tag);
      try {
        return new Uint8Array(Buffer.concat([decipher.update(sealed), decipher.final()]));
      } catch {
        throw new KeyError('The passphrase is not the one that protects this key.', 'wrong-passphrase');
      }
    },
  };
}

// ── The profile ─────────────────────────────────────────────────────────────────────────────

const PROFILE_FORMAT = 'signet-profile-1';

/** Who you are, your public key, and your private key as the protector sealed it. */
export interface Profile extends Member {
  createdAt: string;
  key: {
    protection: Protector['kind'];
    /** The sealed private key, base64. */
    sealed: string;
    /** SHA-256 of the sealed bytes, so a damaged file is told apart from a wrong passphrase. */
    checksum: string;
  };
  /**
   * The PDF signing key and certificate an organisation issued, when one was imported
   * (pdf-certificate.ts); without it, copies are signed under Signet's self-signed certificate.
   */
  organisationKey?: SealedOrganisationKey;
}

/** An imported PDF signing key: its certificate and the chain above it, and its P-256 secret sealed as the key is. */
export interface SealedOrganisationKey {
  /** The certificate, then its issuers', base64 DER. */
  certificates: string[];
  sealed: string;
  checksum: string;
  importedAt: string;
}

/** What a person says about themselves on first run. */
export type ProfileDetails = Omit<Member, 'publicKey'>;

export const checksum = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A new key pair, and a profile for it, written to `file`; an existing file (even a damaged one) is never replaced. */
export async function createProfile(file: string, details: ProfileDetails, protector: Protector): Promise<{ profile: Profile; signer: Signer }> {
  const secretKey = ed25519.utils.randomSecretKey();
  const signer = signerFromSecretKey(secretKey);
  const { member, problems } = checkMember({ ...details, publicKey: signer.publicKey });
  if (!member) throw new Error(`The profile is not complete: ${problems.join('; ')}.`);
  const sealed = await protector.encrypt(secretKey);
  secretKey.fill(0);
  const profile: Profile = { ...member, createdAt: new Date().toISOString(), key: { protection: protector.kind, sealed: sealed.toString('base64'), checksum: checksum(sealed) } };
  try {
    await writeFileAtomic(file, encodeProfile(profile), true);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new KeyError(`There is already a profile at ${file}; it was left as it is.`, 'exists');
    throw error;
  }
  return { profile, signer };
}

/** Saves changed details (name, titles, …); the key stays as it was sealed. */
export async function saveProfile(file: string, profile: Profile): Promise<void> {
  const { member, problems } = checkMember(profile);
  if (!member) throw new Error(`The profile is not complete: ${problems.join('; ')}.`);
  await writeFileAtomic(file, encodeProfile(profile));
}

function encodeProfile(p: Profile): Buffer {
  const { name, titles, organisation, email, publicKey, createdAt, key, organisationKey } = p;
  return Buffer.from(`${JSON.stringify({ format: PROFILE_FORMAT, name, titles, organisation, email, publicKey, createdAt, key, organisationKey }, null, 2)}\n`);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The imported PDF signing key a profile holds, checked as its own key is; undefined when it has none. */
function sealedOrganisationKey(raw: unknown, problem: (what: string) => KeyError): SealedOrganisationKey | undefined {
  if (raw === undefined) return undefined;
  const o = raw as Partial<SealedOrganisationKey> | null;
  const valid = !!o && Array.isArray(o.certificates) && o.certificates.length > 0 && o.certificates.every((c) => typeof c === 'string' && BASE64.test(c));
  if (!valid || typeof o.sealed !== 'string' || typeof o.checksum !== 'string' || typeof o.importedAt !== 'string') throw problem("its organisation's certificate is malformed");
  if (checksum(Buffer.from(o.sealed, 'base64')) !== o.checksum) throw problem("the sealed key of its organisation's certificate does not match its checksum");
  return { certificates: o.certificates as string[], sealed: o.sealed, checksum: o.checksum, importedAt: o.importedAt };
}

/** Reads a profile; a damaged one is refused with what is wrong, and never written to. */
export async function loadProfile(file: string): Promise<Profile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KeyError(`There is no profile at ${file}.`, 'not-found');
    throw error;
  }
  const problem = (what: string) => new KeyError(`The profile ${file} is damaged: ${what}. It was left as it is.`, 'damaged');
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text);
  } catch {
    throw problem('it is not JSON');
  }
  if (raw?.format !== PROFILE_FORMAT) throw problem(`it is not a Signet profile (its format is not "${PROFILE_FORMAT}")`);
  const { member, problems } = checkMember(raw);
  if (!member) throw problem(problems.join('; '));
  const key = raw.key as Profile['key'] | undefined;
  if (!key || (key.protection !== 'os' && key.protection !== 'passphrase') || typeof key.sealed !== 'string' || typeof key.checksum !== 'string') {
    throw problem('its key is missing');
  }
  if (checksum(Buffer.from(key.sealed, 'base64')) !== key.checksum) throw problem('its sealed key does not match its checksum');
  const organisationKey = sealedOrganisationKey(raw.organisationKey, problem);
  return {
    ...member,
    createdAt: typeof raw.createdAt === 'string' ? raw.createdAt : '',
    key: { protection: key.protection, sealed: key.sealed, checksum: key.checksum },
    ...(organisationKey ? { organisationKey } : {}),
  };
}

/** Opens the private key, and checks that it is the one whose public key the profile shows. */
export async function unlockKey(profile: Profile, protector: Protector): Promise<Signer> {
  if (protector.kind !== profile.key.protection) {
    throw new KeyError(`This key is protected by ${profile.key.protection === 'os' ? "the system's secret store" : 'a passphrase'}.`, 'wrong-protector');
  }
  const secretKey = await protector.decrypt(Buffer.from(profile.key.sealed, 'base64'));
  const signer = secretKey.length === 32 ? signerFromSecretKey(secretKey) : null;
  secretKey.fill(0);
  if (signer?.publicKey !== profile.publicKey) throw new KeyError("The profile is damaged: its private key is not its public key's.", 'damaged');
  return signer;
}

// ── Member cards: made and read in shared/signoff/cards.ts (the verifier page reads them too) ──

export { memberCard, readCard, readMemberCard, type CardMember, type CardPdfKey } from '../../../shared/signoff';
