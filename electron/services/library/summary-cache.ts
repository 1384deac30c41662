// The library's summaries, kept in the app's data folder between runs, so that a library of a
// thousand messages lists at once when Signet starts instead of reading (and verifying the
// records of) every file again.
//
// A summary is reused only while its file is provably the file it was made from: the same device,
// inode, size, modification and change times (to the nanosecond), and the same reading pace. Any
// write, truncation, `touch`, replacement by rename or copy, or a changed time set back with
// utimes (which moves the change time, which no program can set) makes a new fingerprint and the
// file is read again. A file changed within RACY_MS of being read may change again within one tick
// of the file system's clock with the same size, so its summary is not kept (git's "racily clean"
// entries, the same problem). The cache file itself is checksummed and its entries checked for
// shape; one that fails either is ignored and rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { promises as fs, type BigIntStats } from 'node:fs';
import { z } from 'zod';
import { MessageSummary } from '../../../shared/ipc';
import { writeFileAtomic } from '../files/message-file';

/** Raised when what a summary holds, or how it is computed, changes: older caches are then ignored. */
const FORMAT = 'signet-library-summaries 2';
const RACY_MS = 3_000;

const Entry = z.object({ fingerprint: z.string(), summary: MessageSummary });
type Entry = z.infer<typeof Entry>;
const Body = z.record(z.string(), Entry);

/** What makes a file the same file: identity, size and both times, and how its summary was computed. */
export function fingerprint(stat: BigIntStats, context: string): string {
  return [stat.dev, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs, stat.birthtimeNs, context].join(':');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The cache file's bytes: a header line (format, the body's SHA-256), then the body as JSON. */
export function encodeCache(entries: Map<string, Entry>): string {
  const body = JSON.stringify(Object.fromEntries(entries));
  return `${JSON.stringify({ format: FORMAT, sha256: sha256(body) })}\n${body}`;
}

/** The entries of a cache file, or none if it is not one this version wrote whole. */
export function decodeCache(text: string): Map<string, Entry> {
  const newline = text.indexOf('\n');
  if (newline < 0) return new Map();
  try {
    const header = JSON.parse(text.slice(0, newline)) as { format?: unknown; sha256?: unknown };
    const body = text.slice(newline + 1);
    if (header.format !== FORMAT || header.sha256 !== sha256(body)) return new Map();
    const parsed = Body.safeParse(JSON.parse(body));
    return parsed.success ? new Map(Object.entries(parsed.data)) : new Map();
  } catch {
    return new Map();
  }
}

export class SummaryCache {
  private loading: Promise<void> | null = null;
  private entries = new Map<string, Entry>();
  private dirty = false;
  private saving: Promise<void> = Promise.resolve();

  /** `file` in the app's data folder; null keeps summaries in memory only. */
  constructor(
    readonly file: string | null,
    private readonly racyMs = RACY_MS,
  ) {}

  /** Reads the cache file, once; call before get and set. */
  ready(): Promise<void> {
    const file = this.file;
    this.loading ??= file
      ? fs.readFile(file, 'utf8').then(
          (text) => void (this.entries = decodeCache(text)),
          () => {},
        )
      : Promise.resolve();
    return this.loading;
  }

  get(path: string, print: string): MessageSummary | undefined {
    const entry = this.entries.get(path);
    return entry?.fingerprint === print ? entry.summary : undefined;
  }

  /** Keeps a summary made from a file whose stat (taken before reading it) was `stat`. */
  set(path: string, print: string, stat: BigIntStats, summary: MessageSummary): void {
    const changedLately = Date.now() - Math.max(Number(stat.ctimeMs), Number(stat.mtimeMs)) < this.racyMs;
    if (changedLately) {
      this.dirty = this.entries.delete(path) || this.dirty;
      return;
    }
    this.entries.set(path, { fingerprint: print, summary });
    this.dirty = true;
  }

  /** Forgets the files no longer listed, and writes the cache if anything changed (temp file, flush, rename). */
  async keepOnly(paths: ReadonlySet<string>): Promise<void> {
    await this.ready();
    for (const path of this.entries.keys()) if (!paths.has(path)) this.dirty = this.entries.delete(path) || this.dirty;
    if (!this.dirty || !this.file) return;
    this.dirty = false;
    const file = this.file;
    const bytes = Buffer.from(encodeCache(this.entries));
    // One write at a time, in order; a cache that cannot be written (a read-only data folder) only costs speed.
    this.saving = this.saving.then(() => writeFileAtomic(file, bytes).catch(() => {}));
    await this.saving;
  }
}
