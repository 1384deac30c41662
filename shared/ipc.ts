// The one IPC contract: every channel between the renderer and the main process, with a schema
// for its arguments and its result. The main side validates with it, the preload builds
// window.signet from it, and the test harness binds the same handlers in the same shape.
import { z } from 'zod';
import { type Comparison, Version } from './history';
import { COPY_TEMPLATES, LINK_STYLES, PAGE_SIZES } from './export';
import type { RecordKind } from './signoff/records';
import type { WordImportSummary } from './document';
import { Caret, type LiveSession } from './live';

/** What a merge brought in (electron/services/review/merge.ts). */
export interface MergeSummary {
  /** The copy held nothing this message did not have already (it was merged before). */
  nothingNew: boolean;
  wordsAdded: number;
  wordsRemoved: number;
  /** Paragraphs added, removed, changed or moved. */
  paragraphsChanged: number;
  /** Comment threads that were not here before. */
  newThreads: number;
  /** Comments added to threads, beyond the first of each thread (deleted ones not counted). */
  newReplies: number;
  newVersions: number;
  /** Sign-off records (roster changes, approvals, signatures) that came in; each is verified on its own. */
  newRecords: number;
  /** Suggestions open now that were not before (their authors are among `people`). */
  newSuggestions: number;
  /** Suggestions open here that the copy closed (accepted, rejected or withdrawn): a reviewer's copy should close none but its own. */
  closedSuggestions: number;
  /** Of those, how many the copy closed without a decision in the message's log (who decided, and when). */
  closedUnlogged: number;
  /**
   * A review copy held by a reviewer (who may only suggest): whose it was, and what the merge made of
   * what they could not do (shared/review/reviewer-copy.ts); absent for any other copy.
   */
  reviewerCopy?: { reviewer: string; reopened: number; editsAsSuggestions: number; reattributed: number };
  /** Who made what came in: the people of the changed text, of the incoming changes and of the new comments. */
  people: { name: string; title: string }[];
}

const messagePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p) && p.toLowerCase().endsWith('.signet') && !p.includes('\0'), {
    message: 'must be an absolute path to a .signet file',
  });
/** A Word file the person chose or dropped (its bytes are checked in the main process, not trusted for its name). */
const wordPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p) && p.toLowerCase().endsWith('.docx') && !p.includes('\0'), {
    message: 'must be an absolute path to a .docx file',
  });
const title = z.string().trim().min(1).max(200);
/** A backup of a message, as the app keeps them (electron/services/files/backups.ts). */
const backupId = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z(?:-\d+)?\.signet$/);
const Backup = z.object({ id: backupId, savedAt: z.string(), bytes: z.number() });
export type Backup = z.infer<typeof Backup>;
/** What recovering a copy gave back, and what it could not. */
const Recovered = z.object({
  path: messagePath,
  words: z.number(),
  recovered: z.number(),
  repaired: z.number(),
  lostBytes: z.number(),
  leftOut: z.number(),
  fromBackups: z.number(),
  /** When the backup merged in was kept. */
  backupSavedAt: z.string().nullable(),
});
export type RecoveredCopy = z.infer<typeof Recovered>;
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'must be bytes (Uint8Array)');

export const TemplateId = z.enum(['blank', 'letter', 'speech', 'new-year']);

export const MessageSummary = z.object({
  path: z.string(),
  id: z.string(),
  title: z.string(),
  state: z.enum(['Draft', 'In review', 'Changes requested', 'Approved', 'Signed']),
  words: z.number(),
  characters: z.number(),
  speakingSeconds: z.number(),
  updatedAt: z.string(),
  /** The first lines of the text, for the search box. */
  text: z.string(),
  /** Open comment threads. */
  comments: z.number(),
  /** Open suggestions (a message with any cannot go for approval). */
  suggestions: z.number(),
  /** Set when the file cannot be read: what is wrong and where. */
  damage: z.string().nullable(),
});
export type MessageSummary = z.infer<typeof MessageSummary>;

export const TrashEntry = z.object({ name: z.string(), title: z.string(), trashedAt: z.string() });
export type TrashEntry = z.infer<typeof TrashEntry>;

export const SaveStatus = z.object({
  state: z.enum(['saved', 'saving', 'error', 'read-only']),
  detail: z.string().optional(),
});
export type SaveStatus = z.infer<typeof SaveStatus>;

export const OpenedMessage = z.object({
  path: z.string(),
  state: bytes,
  readOnly: z.string().nullable(),
  /** Something the user should know about how the file opened (a torn tail cut off). */
  notice: z.string().nullable(),
});
export type OpenedMessage = z.infer<typeof OpenedMessage>;

export const Settings = z.object({
  libraryFolder: z.string().min(1).max(4096),
  name: z.string().max(200),
  jobTitle: z.string().max(200),
  wordsPerMinute: z.number().int().min(40).max(400),
  cjkCharactersPerMinute: z.number().int().min(60).max(800),
  language: z.enum(['en', 'zh-CN']),
  spellcheckLanguage: z.string().max(20),
});
export type Settings = z.infer<typeof Settings>;

/** What the selection looks like, so the native menu can tick the active format. */
export const FormatState = z.object({
  bold: z.boolean(),
  italic: z.boolean(),
  underline: z.boolean(),
  strikethrough: z.boolean(),
  block: z.enum(['paragraph', 'h1', 'h2', 'h3', 'quote', 'bullet', 'number']),
  align: z.enum(['left', 'center', 'right', 'justify', 'start', 'end', '']),
  link: z.boolean(),
});
export type FormatState = z.infer<typeof FormatState>;

// The data the contract carries, owned by the features that make it.
export { Person } from './document';
export { VERSION_KINDS, Version, type VersionKind } from './history';

const versionId = z.string().regex(/^[0-9a-f]{16}$/, 'must be a version id');
/** A version id, a name, or "current". */
const versionRef = z.string().min(1).max(200);
const versionLabel = z.object({ name: z.string().trim().max(200), note: z.string().trim().max(2000) });

// ── Sign-off (shared/signoff/workflow.ts holds the rules; these are the shapes that cross IPC) ─────────

const publicKey = z.string().regex(/^[0-9a-f]{64}$/, 'must be a public key (64 hex digits)');
export const Role = z.enum(['owner', 'author', 'reviewer', 'approver', 'signatory']);

/** A person as others know them: what a member card carries. */
export const MemberInfo = z.object({
  publicKey,
  name: z.string().trim().min(1).max(200),
  titles: z.array(z.string().trim().min(1).max(200)).max(10),
  organisation: z.string().trim().max(200),
  email: z.string().trim().max(200),
});
export type MemberInfo = z.infer<typeof MemberInfo>;

/** This person's own profile: their member card, its fingerprint, and how their private key is kept. */
export const ProfileInfo = MemberInfo.extend({
  fingerprint: z.string(),
  /** 'os': sealed by the OS's secret store; 'passphrase': the OS has none, so a passphrase seals it. */
  protection: z.enum(['os', 'passphrase']),
  /** Whether the private key is ready to sign in this session (a passphrase unlocks it once). */
  unlocked: z.boolean(),
  /** The certificate an organisation issued that PDF copies are signed under, when one was imported (else Signet's self-signed one). */
  organisationCertificate: z.object({ issuer: z.string(), until: z.string() }).optional(),
});
export type ProfileInfo = z.infer<typeof ProfileInfo>;

const details = MemberInfo.omit({ publicKey: true });
const comment = z.string().trim().max(5000);
const digest = z.string().regex(/^[0-9a-f]{64}$/, 'must be a content digest');

/** One step of the workflow, as the person asked for it. Approve and sign name the digest they were shown. */
export const SignoffStep = z.discriminatedUnion('action', [
  z.object({ action: z.literal('change-roster'), members: z.array(z.object({ publicKey, roles: z.array(Role).min(1) })).min(1).max(50) }),
  z.object({
    action: z.literal('request-review'),
    approvers: z.array(publicKey).min(1).max(20),
    ordered: z.boolean(),
    signatory: publicKey,
    due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  }),
  z.object({ action: z.literal('withdraw') }),
  z.object({ action: z.literal('approve'), digest, comment }),
  z.object({ action: z.literal('request-changes'), comment: comment.min(1) }),
  z.object({ action: z.literal('sign'), digest, comment }),
  z.object({ action: z.literal('start-revision') }),
]);
export type SignoffStep = z.infer<typeof SignoffStep>;

/** One record as the app shows it: who, what, when, and whether it verifies. */
export interface RecordView {
  index: number;
  kind: RecordKind | 'malformed';
  /** The kind in words ("Approved"). */
  what: string;
  signerName: string;
  signerKey: string;
  fingerprint: string;
  time: string;
  comment: string;
  digest: string;
  status: 'verified' | 'stale' | 'invalid';
  reason?: string;
  /** The version whose text the record is about, when there is one. */
  versionId?: string;
}

/** Where a message stands in its sign-off, computed from the records that verify. */
export interface SignoffStatus {
  state: 'Draft' | 'In review' | 'Changes requested' | 'Approved' | 'Signed';
  digest: string;
  /** The digest as people compare it ("1a2b 3c4d 5e6f"). */
  shortDigest: string;
  roster: (MemberInfo & { roles: z.infer<typeof Role>[] })[];
  requiredApprovers: string[];
  ordered: boolean;
  signatory: string | null;
  dueDate: string | null;
  /** Public keys of the approvers whose approval counts for the text as it is now. */
  approvedBy: string[];
  /** Public keys whose approval was for an earlier text. */
  staleApprovedBy: string[];
  textLocked: boolean;
  /** Suggestions not yet accepted or rejected: none may be open when the message is sent for approval. */
  openSuggestions: number;
  /** This person's roles on the roster (none when they are not on it). */
  myRoles: z.infer<typeof Role>[];
  /** What this person may do now. */
  actions: ('change-roster' | 'request-review' | 'withdraw' | 'approve' | 'request-changes' | 'sign' | 'start-revision')[];
  records: RecordView[];
}

/** One line of the audit trail. */
export interface AuditEvent {
  at: string;
  /** Created, sent for review, commented, approved, changes requested, signed, exported, merged, roster changed… */
  what: string;
  who: string;
  detail: string;
  versionId?: string;
}

// ── Export (shared/export/ builds the copies; these are the dialog's choices and answers) ──────

/** A PNG the person chose (a letterhead's logo, a handwritten signature); main checks its bytes again. */
const png = bytes.refine((b) => b.length <= 2 * 1024 * 1024, 'must be an image of at most 2 MB');
const line = z.string().trim().max(200);

/** What the export dialog asks for. A version left out means the text as it is now. */
export const ExportOptions = z.object({
  format: z.enum(['html', 'pdf']),
  template: z.enum([...COPY_TEMPLATES, 'redline']),
  pageSize: z.enum(PAGE_SIZES),
  version: versionId.optional(),
  /** For a comparison: the version the text is compared with. */
  compareWith: versionId.optional(),
  organisation: line,
  place: line,
  /** The letter's date line (YYYY-MM-DD); the day of the export when empty. */
  date: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'must be a day (YYYY-MM-DD) or empty'),
  closing: line,
  /** Where links' addresses are printed (brackets when left out). */
  links: z.enum(LINK_STYLES).optional(),
  logo: png.optional(),
  signature: png.optional(),
});
export type ExportOptions = z.infer<typeof ExportOptions>;

export type CopyKind = 'final' | 'draft' | 'redline';
export type ExportStep = 'preparing' | 'printing' | 'sealing' | 'writing';

/** What a copy with these options will be: final, draft or comparison, and who stands behind it. */
export interface ExportSummary {
  kind: CopyKind;
  /** The state the records give the exported text (which may be an earlier version's). */
  state: SignoffStatus['state'];
  signatory: string | null;
  approvers: string[];
  /** A comparison's two versions, by name or time (null: the text now). */
  from?: { name: string; at: string } | null;
  to?: { name: string; at: string } | null;
}

export interface ExportPreview extends ExportSummary {
  /** The first page as a PNG, or null with the reason it cannot be drawn here. */
  image: Uint8Array | null;
  unavailable: string | null;
}

const spellLanguage = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en-GB');

const channel = <A extends z.ZodTuple, R extends z.ZodType>(args: A, result: R) => ({ args, result });

export const channels = {
  'library.list': channel(z.tuple([]), z.array(MessageSummary)),
  'library.trash': channel(z.tuple([]), z.array(TrashEntry)),
  'message.create': channel(z.tuple([z.object({ template: TemplateId, title: title.optional() })]), messagePath),
  /**
   * A new message in the library from a Word file (chosen in a dialog when null): its words, its
   * open tracked changes as suggestions and its comments as threads; null when cancelled. The
   * summary counts what came in from Word and what did not.
   */
  'message.createFromWord': channel(z.tuple([wordPath.nullable()]), z.object({ path: messagePath, summary: z.custom<WordImportSummary>() }).nullable()),
  'message.open': channel(z.tuple([messagePath]), OpenedMessage),
  'message.update': channel(z.tuple([messagePath, bytes]), z.null()),
  'message.saveStatus': channel(z.tuple([messagePath]), SaveStatus),
  'message.close': channel(z.tuple([messagePath]), z.null()),
  'message.rename': channel(z.tuple([messagePath, title]), z.null()),
  'message.duplicate': channel(z.tuple([messagePath]), messagePath),
  'message.trash': channel(z.tuple([messagePath]), z.null()),
  'message.restore': channel(z.tuple([z.string().min(1).max(300).regex(/^[^/\\]+\.signet$/)]), messagePath),
  'message.backups': channel(z.tuple([messagePath]), z.array(Backup)),
  // From the file itself (with its newest backup merged in), or from the backup named.
  'message.recover': channel(z.tuple([messagePath, backupId.nullable().optional()]), Recovered),
  'message.showInFolder': channel(z.tuple([messagePath]), z.null()),
  'dialog.openMessage': channel(z.tuple([]), messagePath.nullable()),
  'settings.get': channel(z.tuple([]), Settings),
  'settings.set': channel(z.tuple([Settings.partial()]), Settings),
  'settings.chooseLibraryFolder': channel(z.tuple([]), Settings),
  'app.recent': channel(z.tuple([]), z.array(z.string())),
  'app.showFormat': channel(z.tuple([FormatState]), z.null()),
  'spellcheck.languages': channel(z.tuple([]), z.array(z.string())),
  'app.pendingOpen': channel(z.tuple([]), z.string().nullable()),
  'message.setLanguage': channel(z.tuple([messagePath, spellLanguage]), z.null()),
  'history.record': channel(z.tuple([messagePath, versionLabel.extend({ name: z.string().trim().min(1).max(200) })]), Version),
  'history.rename': channel(z.tuple([messagePath, versionId, versionLabel]), z.null()),
  'history.compare': channel(z.tuple([messagePath, versionRef, versionRef]), z.custom<Comparison>()),
  /** Around a restore the editor makes: a version of the text before it, and one after. */
  'history.restoring': channel(z.tuple([messagePath, versionId, z.enum(['before', 'after'])]), z.null()),
  /** Saves a review copy where the person chooses, and notes who it was sent to; null when cancelled. */
  'review.send': channel(z.tuple([messagePath, z.object({ to: z.string().trim().min(1).max(500), as: z.enum(['signet', 'word']).optional() })]), z.object({ path: z.string() }).nullable()),
  /** Merges another copy of the message (chosen in a dialog when null); null when cancelled. */
  // A Word review (.docx) comes in as suggestions and threads: `word` says from whose review, and how many.
  'review.merge': channel(
    z.tuple([messagePath, z.union([messagePath, wordPath]).nullable()]),
    z.object({ file: z.string(), summary: z.custom<MergeSummary>(), update: bytes, word: z.object({ from: z.string(), suggestions: z.number(), comments: z.number(), leftOut: z.number(), broughtIn: z.array(z.object({ signed: z.string(), changes: z.number(), comments: z.number() })), paragraphChanges: z.array(z.object({ words: z.string(), change: z.string() })).optional() }).optional() }).nullable(),
  ),
  'profile.get': channel(z.tuple([]), ProfileInfo.nullable()),
  /** How a new private key would be kept here: by the OS's secret store, or (where it has none) a passphrase. */
  'profile.protection': channel(z.tuple([]), z.enum(['os', 'passphrase'])),
  'profile.create': channel(z.tuple([details.extend({ passphrase: z.string().min(8).max(500).optional() })]), ProfileInfo),
  'profile.unlock': channel(z.tuple([z.string().min(1).max(500)]), ProfileInfo),
  /** Saves this person's member card where they choose; null when cancelled. */
  'profile.exportCard': channel(z.tuple([]), z.string().nullable()),
  /** Chooses the .p12 or .pfx an organisation issued, in the host's file chooser; its name, or null when cancelled. */
  'profile.chooseCertificate': channel(z.tuple([]), z.object({ name: z.string() }).nullable()),
  /** Imports the chosen certificate with its password (and, for a passphrase-sealed key, the passphrase that seals it too). */
  'profile.importCertificate': channel(z.tuple([z.object({ password: z.string().max(500), passphrase: z.string().min(1).max(500).optional() })]), ProfileInfo),
  /** Goes back to Signet's self-signed certificate for PDF copies. */
  'profile.revertCertificate': channel(z.tuple([]), ProfileInfo),
  'contacts.list': channel(z.tuple([]), z.array(MemberInfo)),
  /** Imports someone's member card chosen in a dialog; null when cancelled. */
  'contacts.import': channel(z.tuple([]), MemberInfo.nullable()),
  'signoff.status': channel(z.tuple([messagePath]), z.custom<SignoffStatus>()),
  'signoff.step': channel(z.tuple([messagePath, SignoffStep]), z.custom<SignoffStatus>()),
  'signoff.audit': channel(z.tuple([messagePath, Settings.shape.language.optional()]), z.custom<AuditEvent[]>()),
  /** What the export dialog starts with: the organisation of the signatory, and whether PDF can be made here. */
  'export.defaults': channel(z.tuple([messagePath]), z.custom<{ organisation: string; pdf: boolean; preview: boolean }>()),
  /** What the copy will be, and a picture of its first page. */
  'export.preview': channel(z.tuple([messagePath, ExportOptions]), z.custom<ExportPreview>()),
  /** Asks where to save, then makes the copy; null when the person cancels the dialog or the export. */
  'export.save': channel(z.tuple([messagePath, ExportOptions]), z.object({ path: z.string(), kind: z.enum(['final', 'draft', 'redline']), pages: z.number().optional() }).nullable()),
  'export.cancel': channel(z.tuple([messagePath]), z.null()),
  /** Asks where to save the verifier page (an HTML file that checks copies offline), then writes it; null when cancelled. */
  'export.saveVerifier': channel(z.tuple([]), z.object({ path: z.string() }).nullable()),
  /** A PNG chosen in a dialog, read and checked by main; null when cancelled. */
  'export.chooseImage': channel(z.tuple([z.enum(['logo', 'signature'])]), z.object({ name: z.string(), bytes }).nullable()),
  /** Shows a copy exported in this session in the file manager. */
  'export.showInFolder': channel(z.tuple([z.string().min(1).max(4096)]), z.null()),
  /** Connects the open message to a live server at the address typed (checked again in main), proving this person's key. */
  'live.join': channel(z.tuple([messagePath, z.string().max(300)]), z.custom<LiveSession>()),
  /** Ends the message's live session; its words stay in the file. */
  'live.leave': channel(z.tuple([messagePath]), z.null()),
  /** The message's live session as it stands, or null when it has none. */
  'live.session': channel(z.tuple([messagePath]), z.custom<LiveSession | null>()),
  /**
   * Open from server: the message with this id (typed) from the live server at this address, as a new file in the library once
   * its copy checks out, or the library's own file of it (`existing`); either is then joined live. Refusals say why.
   */
  'live.openFromServer': channel(z.tuple([z.string().max(300), z.string().max(300)]), z.object({ path: messagePath, existing: z.boolean() })),
  /** Where this person's caret and selection are in the text (null: nowhere in it), for the others in its live session. */
  'live.caret': channel(z.tuple([messagePath, Caret.nullable()]), z.null()),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type Args<C extends ChannelName> = z.infer<Channels[C]['args']>;
export type Result<C extends ChannelName> = z.infer<Channels[C]['result']>;

/** Events the main process pushes to the renderer. */
export const events = {
  /** A change to an open message made outside the editor (a rename, a merge). */
  'message.changed': z.object({ path: z.string(), update: bytes }),
  'message.saveStatus': z.object({ path: z.string(), status: SaveStatus }),
  /** A native menu item or an OS request (open file) for the renderer to carry out. */
  'app.command': z.object({ command: z.string(), path: z.string().optional() }),
  /** Where a running export is. */
  'export.progress': z.object({ path: z.string(), step: z.enum(['preparing', 'printing', 'sealing', 'writing']) }),
  /** A message's live session changed: connected, offline, refused, someone came, went or moved their caret; null once it ended. */
  'live.session': z.object({ path: z.string(), session: z.custom<LiveSession | null>() }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export type ErrorCode = 'invalid-argument' | 'damaged' | 'not-found' | 'exists' | 'read-only' | 'io' | 'forbidden';

export interface IpcError {
  code: ErrorCode;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The typed API the preload exposes as window.signet. */
export type SignetApi = {
  /** One function per channel; there is no way to name a channel outside the table. */
  call: { [C in ChannelName]: (...args: Args<C>) => Promise<Reply<Result<C>>> };
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** The file path of a file dropped on the window (Electron's webUtils). */
  pathForFile(file: File): string;
};

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function validateArgs<C extends ChannelName>(name: string, args: unknown[]): Reply<Args<C>> {
  if (!Object.hasOwn(channels, name)) {
    return { ok: false, error: { code: 'invalid-argument', message: `unknown channel "${name}"` } };
  }
  const parsed = channels[name as C].args.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `argument ${issue.path.join('.')}` : 'arguments';
    return { ok: false, error: { code: 'invalid-argument', message: `${name}: ${where} ${issue?.message ?? 'invalid'}` } };
  }
  return { ok: true, value: parsed.data as Args<C> };
}
