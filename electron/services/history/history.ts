// The revision history of one open message, kept by the main process: who is editing (each
// editing session's Yjs client is mapped to its person once), what they deleted (recorded with
// the next version), and automatic versions when the editing goes quiet and when it is closed.
import * as Y from 'yjs';
import {
  compareContent,
  type Comparison,
  attribution,
  findVersion,
  listVersions,
  recordDeletions,
  recordVersion,
  registerPerson,
  versionContent,
  type DeleteSet,
  type Person,
  type Version,
  type VersionKind,
} from '../../../shared/history';
import { messageDigest, readContent, type MessageContent } from '../../../shared/document';
import { FROM_EDITOR, type OpenMessage } from '../files/message-store';

export interface HistoryOptions {
  /** How long editing must pause before an automatic version is recorded. */
  quietMs?: number;
}

export class MessageHistory {
  private deletions: DeleteSet[] = [];
  private quietTimer: NodeJS.Timeout | null = null;
  private readonly known = new Set<number>();
  /** Whether the editor changed anything in this session: a message only looked at (or renamed) gets no version on close. */
  private edited = false;
  private readonly onTransaction = (tr: Y.Transaction) => {
    if (tr.origin === FROM_EDITOR && tr.deleteSet.clients.size > 0) this.deletions.push(tr.deleteSet);
  };

  constructor(
    private readonly message: OpenMessage,
    private readonly who: () => Promise<Person>,
    private readonly options: HistoryOptions = {},
  ) {
    message.doc.on('afterTransaction', this.onTransaction);
  }

  private get doc(): Y.Doc {
    return this.message.doc;
  }

  /** Called with each change from the editor: says whose it is, and restarts the quiet timer. */
  noteEdit(update: Uint8Array): void {
    this.edited = true;
    const clients = [...Y.parseUpdateMeta(update).to.keys()].filter((c) => !this.known.has(c));
    if (clients.length) {
      for (const c of clients) this.known.add(c);
      void this.who().then((person) => registerPerson(this.doc, clients, person));
    }
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => void this.autoRecord('quiet').catch(() => {}), this.options.quietMs ?? 120_000);
  }

  /** Records a version now. Automatic kinds are skipped when the text has not changed since the last version. */
  async record(kind: VersionKind, details: { name?: string; note?: string; source?: string } = {}): Promise<Version | null> {
    // A named step (sent for review to someone) is worth a version even when the text is unchanged.
    if (!details.name && !wantsVersion(this.doc, kind)) return null;
    const author = await this.who();
    let version: Version;
    this.doc.transact(() => {
      this.settleDeletions(author);
      version = recordVersion(this.doc, { kind, author, ...details });
    });
    return version!;
  }

  private autoRecord(kind: 'quiet' | 'closed'): Promise<Version | null> {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = null;
    return this.record(kind);
  }

  /** Writes this session's deletions into the document, so others see who made them. */
  private settleDeletions(person: Person): void {
    if (this.deletions.length === 0) return;
    recordDeletions(this.doc, person, Y.mergeDeleteSets(this.deletions));
    this.deletions = [];
  }

  /** Compares two versions (or "current"), naming who made each change. */
  async compare(from: string, to: string): Promise<Comparison> {
    const pending = this.deletions.length ? [{ person: await this.who(), ds: Y.mergeDeleteSets(this.deletions) }] : [];
    return compareVersions(this.doc, from, to, pending);
  }

  /** On close: the last version of this session, then let go of the document. */
  async close(): Promise<void> {
    if (this.edited) await this.autoRecord('closed');
    this.dispose();
  }

  dispose(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = null;
    this.doc.off('afterTransaction', this.onTransaction);
  }
}

/**
 * Whether a version of this kind should be recorded now: always for a named or restored one; an
 * automatic one (a pause, a close, before a restore or a merge) is skipped when the text is what
 * the latest version already holds.
 */
export function wantsVersion(doc: Y.Doc, kind: VersionKind): boolean {
  if (kind === 'named' || kind === 'restored') return true;
  const latest = listVersions(doc)[0];
  return !latest || latest.digest !== messageDigest(doc);
}

/** The content of a version, or of the document now ("current"), with where each character came from. */
export function contentAt(doc: Y.Doc, ref: string): MessageContent {
  if (ref === 'current') return readContent(doc, { origins: true });
  const version = findVersion(doc, ref);
  if (!version) throw new VersionNotFound(ref);
  return versionContent(doc, version.id, { origins: true });
}

export class VersionNotFound extends Error {
  constructor(readonly ref: string) {
    super(`There is no version "${ref}" (give an id from the version list, a unique start of one, a name, or "current").`);
  }
}

export function compareVersions(doc: Y.Doc, from: string, to: string, pending: { person: Person; ds: DeleteSet }[] = []): Comparison {
  return compareContent(contentAt(doc, from), contentAt(doc, to), attribution(doc, pending));
}
