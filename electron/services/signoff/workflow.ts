// Sign-off in the main process, in plain Node: this person's profile and signing key, the member
// cards of the people they work with, and a message's sign-off (its status, its steps, its audit
// trail, and the text lock while it is in review or signed). The rules are shared/signoff/workflow.ts's;
// this module holds what needs the disk, the OS's secret store and the person's key.
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import * as Y from 'yjs';
import type { AuditEvent, ErrorCode, MemberInfo, ProfileInfo, RecordView, SignoffStatus, SignoffStep } from '../../../shared/ipc';
import { listThreads, listReviewsSent } from '../../../shared/review';
import { messageDigest, shortDigest, META, TEXT_ROOT, readMeta } from '../../../shared/document';
import {
  checkMember,
  fingerprint,
  personOf,
  type Member,
  type RosterMember,
  KIND_WORDS,
  observeRecords,
  type RecordKind,
  type SignoffRecord,
  SignoffError,
  allowedActions,
  approve,
  changeRoster,
  messageState,
  requestChanges,
  sendForReview,
  signMessage,
  startRevision,
  withdrawReview,
  type CheckedRecord,
} from '../../../shared/signoff';
import { attribution, listVersions, recordVersion, type Person, type Version } from '../../../shared/history';
import { UserError } from '../services';
import {
  KeyError,
  createProfile,
  loadProfile,
  memberCard,
  passphraseProtector,
  readMemberCard,
  unlockKey,
  type Profile,
  type Protector,
} from './keys';
import { writeFileAtomic } from '../files/message-file';
import { FROM_EDITOR } from '../files/message-store';
import type { SettingsStore } from '../files/settings';

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
export const TEXT_LOCKED = 'The text is locked while the message is in review (comments are still open).';
const SIGNED_LOCKED = 'The text is locked: the message is signed. Start a new revision to change it (comments are still open).';

const PROFILE = 'profile.json';
const CONTACTS = 'contacts.json';
const CONTACTS_FORMAT = 'signet-contacts-1';
/** A member card is a few hundred bytes; anything much larger is not one. */
const MAX_CARD = 64 * 1024;

const KEY_CODES: Record<KeyError['problem'], ErrorCode> = {
  'wrong-passphrase': 'forbidden',
  'wrong-protector': 'forbidden',
  damaged: 'damaged',
  exists: 'exists',
  'not-found': 'not-found',
};

/** A key or sign-off refusal as the error the renderer is told; anything else passes through. */
function told(error: unknown): unknown {
  if (error instanceof KeyError) return new UserError(KEY_CODES[error.problem], error.message);
  if (error instanceof SignoffError) return new UserError('forbidden', error.message);
  return error;
}

/** The record each step makes. */
const KIND_OF: Record<SignoffStep['action'], RecordKind> = {
  'change-roster': 'roster',
  'request-review': 'review-requested',
  withdraw: 'withdrawn',
  approve: 'approved',
  'request-changes': 'changes-requested',
  sign: 'signed',
  'start-revision': 'revision-started',
};

export class SignoffService {
  /** The profile as loaded: undefined until read, null when there is none. */
  private loaded: Profile | null | undefined;
  /** The private key, once unlocked in this session. */
  private signer: Awaited<ReturnType<typeof unlockKey>> | null = null;
  private readonly locks = new WeakMap<Y.Doc, boolean>();
  private readonly watched = new WeakSet<Y.Doc>();

  constructor(
    private readonly dataFolder: string,
    private readonly settings: SettingsStore,
    private readonly secrets?: SecretStore,
  ) {}

  // ── The profile and its key ────────────────────────────────────────────────────────────────

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

  private async profile(): Promise<Profile | null> {
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
  private async ready(): Promise<{ profile: Profile; signer: NonNullable<SignoffService['signer']> }> {
    const profile = await this.profile();
    if (!profile) throw new UserError('forbidden', 'Create your profile first: sign-off needs your signing key.');
    await this.open(profile);
    return { profile, signer: this.signer! };
  }

  // ── Member cards ──────────────────────────────────────────────────────────────────────────

  /** Writes this person's member card where they choose; null when they cancel. */
  async exportCard(chooseSaveLocation: (defaultName: string) => Promise<string | null>): Promise<string | null> {
    const profile = await this.profile();
    if (!profile) throw new UserError('not-found', 'Create your profile first: a member card carries your public key.');
    const target = await chooseSaveLocation(`${profile.name}.signet-card`);
    if (!target) return null;
    await writeFileAtomic(target, Buffer.from(memberCard(profile)));
    return target;
  }

  private get contactsFile(): string {
    return join(this.dataFolder, CONTACTS);
  }

  async contacts(): Promise<MemberInfo[]> {
    let text: string;
    try {
      text = await fs.readFile(this.contactsFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const damaged = (what: string) => new UserError('damaged', `Your contacts (${this.contactsFile}) are damaged: ${what}. The file was left as it is.`);
    let raw: { format?: unknown; contacts?: unknown };
    try {
      raw = JSON.parse(text);
    } catch {
      throw damaged('it is not JSON');
    }
    if (raw?.format !== CONTACTS_FORMAT || !Array.isArray(raw.contacts)) throw damaged(`it is not a Signet contacts file ("${CONTACTS_FORMAT}")`);
    return raw.contacts.map((entry, i) => {
      const { member, problems } = checkMember(entry);
      if (!member) throw damaged(`contact ${i + 1}: ${problems.join('; ')}`);
      return member;
    });
  }

  /** Reads someone's member card and keeps it, replacing an older card with the same key. */
  async importCard(file: string): Promise<MemberInfo> {
    const name = basename(file);
    if ((await fs.stat(file)).size > MAX_CARD) throw new UserError('invalid-argument', `${name} is not a member card: it is too large.`);
    let member: Member;
    try {
      member = readMemberCard(await fs.readFile(file, 'utf8'));
    } catch (error) {
      throw new UserError('invalid-argument', `${name}: ${(error as Error).message}`);
    }
    // Your own card is your profile, not a contact.
    if (member.publicKey === (await this.profile())?.publicKey) return member;
    const others = (await this.contacts()).filter((c) => c.publicKey !== member.publicKey);
    const contacts = [...others, member].sort((a, b) => a.name.localeCompare(b.name));
    await fs.mkdir(this.dataFolder, { recursive: true });
    await writeFileAtomic(this.contactsFile, Buffer.from(`${JSON.stringify({ format: CONTACTS_FORMAT, contacts }, null, 2)}\n`));
    return member;
  }

  // ── A message's sign-off ──────────────────────────────────────────────────────────────────

  /** Where the message stands, from the records that verify, and what this person may do. */
  async status(doc: Y.Doc): Promise<SignoffStatus> {
    const key = (await this.profile())?.publicKey ?? null;
    const now = messageState(doc);
    const versions = versionsByDigest(doc);
    const keyOf = (c: CheckedRecord) => c.record!.signer;
    return {
      state: now.state,
      digest: now.digest,
      shortDigest: shortDigest(now.digest),
      roster: now.roster.map(({ publicKey, name, titles, organisation, email, roles }) => ({ publicKey, name, titles, organisation, email, roles })),
      requiredApprovers: now.requiredApprovers.map((m) => m.publicKey),
      ordered: now.ordered,
      signatory: now.signatory?.publicKey ?? null,
      dueDate: now.dueDate,
      approvedBy: now.approvals.map(keyOf),
      staleApprovedBy: now.staleApprovals.map(keyOf),
      textLocked: now.textLocked,
      actions: key ? allowedActions(now, key) : [],
      records: now.records.map((c) => recordView(c, versions)),
    };
  }

  /**
   * Takes a step as this person. The record and a 'workflow' version named after it ("Approved by
   * Ben Okafor") are written in one transaction, the record first: a step that is refused throws
   * before anything is written, so there is never a version of a step that was not taken, and the
   * version holds exactly the text the record is about.
   */
  async step(doc: Y.Doc, step: SignoffStep): Promise<void> {
    const { profile, signer } = await this.ready();
    if ((step.action === 'approve' || step.action === 'sign') && step.digest !== messageDigest(doc)) {
      const verb = step.action === 'approve' ? 'approve' : 'sign';
      throw new UserError('forbidden', `You cannot ${verb}: the text changed since you read it; read it again.`);
    }
    const members = step.action === 'change-roster' ? await this.rosterFor(doc, step.members) : [];
    const kind = KIND_OF[step.action];
    const author: Person = personOf(profile);
    try {
      doc.transact(() => {
        switch (step.action) {
          case 'change-roster':
            changeRoster(doc, signer, members);
            break;
          case 'request-review':
            sendForReview(doc, signer, { approvers: step.approvers, ordered: step.ordered, signatory: step.signatory, due: step.due });
            break;
          case 'withdraw':
            withdrawReview(doc, signer);
            break;
          case 'approve':
            approve(doc, signer, { comment: step.comment });
            break;
          case 'request-changes':
            requestChanges(doc, signer, step.comment);
            break;
          case 'sign':
            signMessage(doc, signer, { comment: step.comment });
            break;
          case 'start-revision':
            startRevision(doc, signer);
            break;
        }
        recordVersion(doc, { kind: 'workflow', author, name: `${KIND_WORDS[kind]} by ${profile.name}` });
      });
    } catch (error) {
      throw told(error);
    }
  }

  /** The members of a new roster from the cards this person has: their own, their contacts', the roster's now. */
  private async rosterFor(doc: Y.Doc, wanted: { publicKey: string; roles: RosterMember['roles'] }[]): Promise<RosterMember[]> {
    const known = new Map<string, Member>();
    for (const m of messageState(doc).roster) known.set(m.publicKey, m);
    for (const m of await this.contacts()) known.set(m.publicKey, m);
    const mine = await this.profile();
    if (mine) known.set(mine.publicKey, mine);
    return wanted.map(({ publicKey, roles }) => {
      const card = known.get(publicKey);
      if (!card) throw new UserError('not-found', `There is no member card for the key ${fingerprint(publicKey)}: import their card first.`);
      const { name, titles, organisation, email } = card;
      return { publicKey, name, titles, organisation, email, roles: [...roles] };
    });
  }

  /** Every event in the message's life, newest first. */
  audit(doc: Y.Doc): AuditEvent[] {
    const events: AuditEvent[] = [];
    const meta = readMeta(doc);
    if (meta.createdAt) events.push({ at: meta.createdAt, what: 'Created', who: creatorOf(doc), detail: meta.title });
    for (const v of listVersions(doc)) {
      events.push({ at: v.at, what: v.kind === 'before-merge' ? 'Merged' : 'Version saved', who: v.author.name, detail: versionWords(v), versionId: v.id });
    }
    for (const r of listReviewsSent(doc)) events.push({ at: r.at, what: 'Review copy sent', who: r.by.name, detail: `to ${r.to} (${r.file})` });
    for (const thread of listThreads(doc)) {
      const on = thread.quote ? `on “${clip(thread.quote, 80)}”: ` : '';
      for (const c of thread.comments) events.push({ at: c.at, what: 'Commented', who: c.author.name, detail: c.deleted ? `${on}(a comment since deleted)` : `${on}${clip(c.text, 200)}` });
      if (thread.resolved && thread.resolvedAt) events.push({ at: thread.resolvedAt, what: 'Resolved a comment', who: thread.resolvedBy?.name ?? '', detail: clip(thread.quote, 80) });
    }
    const versions = versionsByDigest(doc);
    const records = messageState(doc).records;
    // Names for the keys a review request lists, from every roster the message has had.
    const names = new Map<string, string>();
    for (const c of records) if (c.record?.kind === 'roster' && c.status !== 'invalid') for (const m of c.record.members) names.set(m.publicKey, m.name);
    for (const c of records) {
      const view = recordView(c, versions);
      events.push({ at: view.time, what: view.what, who: view.signerName, detail: recordWords(c, view, names), ...(view.versionId ? { versionId: view.versionId } : {}) });
    }
    const time = (e: AuditEvent) => Date.parse(e.at) || 0;
    // Stable: events at the same moment keep the order above.
    return events.map((e, i) => ({ e, i })).sort((a, b) => time(b.e) - time(a.e) || a.i - b.i).map(({ e }) => e);
  }

  // ── The text lock ─────────────────────────────────────────────────────────────────────────

  /**
   * Whether the message's text is locked (in review, or signed). Cached per document: recomputed
   * only after its records change or a change that did not come from the editor (a merge, a step,
   * a rename), not on every keystroke.
   */
  textLocked(doc: Y.Doc): boolean {
    if (!this.watched.has(doc)) {
      this.watched.add(doc);
      const forget = () => void this.locks.delete(doc);
      observeRecords(doc, forget);
      doc.on('update', (_update: Uint8Array, origin: unknown) => {
        if (origin !== FROM_EDITOR) forget();
      });
      doc.on('destroy', () => this.locks.delete(doc));
    }
    let locked = this.locks.get(doc);
    if (locked === undefined) this.locks.set(doc, (locked = messageState(doc).textLocked));
    return locked;
  }

  /** Refuses an editor change that would change the text or title of a locked message; comments pass. */
  guardEditorUpdate(doc: Y.Doc, update: Uint8Array): void {
    if (this.textLocked(doc) && touchesText(doc, update)) throw new UserError('read-only', this.lockReason(doc));
  }

  /** Refuses a new title while the text is locked: the digest that approvals and signatures name covers it. */
  guardTitle(doc: Y.Doc): void {
    if (this.textLocked(doc)) throw new UserError('read-only', this.lockReason(doc).replace('The text is', 'The title is'));
  }

  private lockReason(doc: Y.Doc): string {
    return messageState(doc).closed ? SIGNED_LOCKED : TEXT_LOCKED;
  }
}

// ── What an update touches ──────────────────────────────────────────────────────────────────

/** Where an item lives: the name of its root type, and the key it sits under there (a map's entry). */
interface Place {
  root: string;
  key: string | null;
}

const isText = (place: Place | null): boolean => !place || place.root === TEXT_ROOT || (place.root === META && place.key === 'title');

/** The place of an item that is in the document: up its parents to the root. */
function placeInDoc(item: Y.Item): Place | null {
  let top = item;
  while (top.parent instanceof Y.AbstractType && top.parent._item) top = top.parent._item;
  return top.parent instanceof Y.AbstractType ? { root: Y.findRootTypeKey(top.parent), key: top.parentSub } : null;
}

/**
 * Whether applying `update` to `doc` would change what the content digest covers: the text (the
 * root the editor binds, at any depth) or the title. Decided without applying it: the update is
 * decoded, each item it adds that the document lacks is placed (an item names its parent only when
 * it has no neighbour; otherwise it shares its origin's parent, found in the update or in the
 * document), and each item it deletes that is not deleted yet is placed in the document. An item
 * that cannot be placed counts as text, so a doubtful update is refused, never let through.
 */
export function touchesText(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  const known = (id: Y.ID) => id.clock < Y.getState(store, id.client);
  const fresh = new Map<number, Y.Item[]>();
  for (const s of structs) {
    // GC and Skip structs carry no content and name no place: they change nothing anyone reads.
    if (!(s instanceof Y.Item) || s.id.clock + s.length <= Y.getState(store, s.id.client)) continue;
    const list = fresh.get(s.id.client) ?? [];
    list.push(s);
    fresh.set(s.id.client, list);
  }
  const inUpdate = (id: Y.ID) => fresh.get(id.client)?.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length);
  const places = new Map<Y.Item, Place | null>();
  const placeOf = (id: Y.ID): Place | null => {
    if (known(id)) {
      const s = Y.getItem(store, id);
      return s instanceof Y.Item ? placeInDoc(s) : null;
    }
    const s = inUpdate(id);
    return s ? placeOfNew(s) : null;
  };
  const placeOfNew = (item: Y.Item): Place | null => {
    if (places.has(item)) return places.get(item)!;
    places.set(item, null); // a cycle (a malformed update) ends here, unplaced
    const parent = item.parent as unknown;
    const place =
      typeof parent === 'string' ? { root: parent, key: item.parentSub }
      : parent instanceof Y.ID ? placeOf(parent)
      : item.origin ? placeOf(item.origin)
      : item.rightOrigin ? placeOf(item.rightOrigin)
      : null;
    places.set(item, place);
    return place;
  };
  for (const list of fresh.values()) for (const item of list) if (isText(placeOfNew(item))) return true;
  for (const [client, ranges] of ds.clients) {
    const state = Y.getState(store, client);
    for (const { clock, len } of ranges) {
      // Deletions of items the update itself adds were placed above.
      for (let at = clock; at < Math.min(clock + len, state); ) {
        const s = Y.getItem(store, Y.createID(client, at));
        if (s instanceof Y.Item && !s.deleted && isText(placeInDoc(s))) return true;
        at = s.id.clock + s.length;
      }
    }
  }
  return false;
}

// ── Views ───────────────────────────────────────────────────────────────────────────────────

/** The newest version with each digest: the text a record is about. */
function versionsByDigest(doc: Y.Doc): Map<string, string> {
  const byDigest = new Map<string, string>();
  for (const v of listVersions(doc)) if (v.digest && !byDigest.has(v.digest)) byDigest.set(v.digest, v.id);
  return byDigest;
}

function recordView(c: CheckedRecord, versions: Map<string, string>): RecordView {
  const r: SignoffRecord | null = c.record;
  const view: RecordView = {
    index: c.index,
    kind: r?.kind ?? 'malformed',
    what: r ? KIND_WORDS[r.kind] : 'Unreadable record',
    signerName: c.signerName,
    signerKey: r?.signer ?? '',
    fingerprint: r ? fingerprint(r.signer) : '',
    time: r?.time ?? '',
    comment: r?.comment ?? '',
    digest: r?.digest ?? '',
    status: c.status,
  };
  if (c.reason) view.reason = c.reason;
  else if (c.status === 'stale') view.reason = 'It is about an earlier text: the text has changed since.';
  const versionId = r && versions.get(r.digest);
  if (versionId) view.versionId = versionId;
  return view;
}

/** A record in words: "Approved (verified)", what it says, and its comment. */
function recordWords(c: CheckedRecord, view: RecordView, names: Map<string, string>): string {
  const standing = c.status === 'invalid' ? `invalid: ${c.reason}` : c.status === 'stale' ? 'stale: for an earlier text' : 'verified';
  const r = c.record;
  const named = (keys: string[]) => keys.map((k) => names.get(k) ?? `key ${fingerprint(k)}`).join(', ');
  let about = '';
  if (r?.kind === 'roster') about = r.members.map((m) => `${m.name} (${m.roles.join(', ')})`).join('; ');
  if (r?.kind === 'review-requested') about = `to ${named(r.approvers)}${r.ordered ? ', in this order' : ''}; signatory ${named([r.signatory])}${r.due ? `; due ${r.due}` : ''}`;
  return [`${view.what} (${standing})`, about, view.comment && `“${clip(view.comment, 200)}”`].filter(Boolean).join(' — ');
}

const VERSION_WORDS: Record<Version['kind'], string> = {
  named: 'Saved by name',
  quiet: 'Saved after a pause in editing',
  closed: 'Saved on closing',
  'before-restore': 'Before a restore',
  restored: 'Restored an earlier version',
  'before-merge': 'Before merging a copy',
  workflow: 'A step of the sign-off',
};

function versionWords(v: Version): string {
  const name = v.name || VERSION_WORDS[v.kind];
  return v.note ? `${name}: ${clip(v.note, 200)}` : name;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Who created the message: the person whose Yjs client wrote its identity. */
function creatorOf(doc: Y.Doc): string {
  const item = doc.getMap(META)._map.get('id');
  const who = attribution(doc);
  const index = item ? who.insertedBy(item.id.client) : undefined;
  return index === undefined ? '' : who.people[index].name;
}
