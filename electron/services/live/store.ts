// Where a live server keeps its messages: one SQLite file, laid out as Hocuspocus's SQLite extension
// lays it out (its `documents` table of whole states, with its own queries), plus a log of each
// change as it was accepted. A change is in the log, committed, before the sender is told it arrived
// (the server awaits `append` before acknowledging), so a server killed at any moment loses nothing
// it acknowledged; `compact` folds the log into the document's state, as Hocuspocus stores it.
// The extension's own store neither waits for its write nor reports a failed one, so this file
// opens and writes the database itself and hands Hocuspocus's database extension fetch and store.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { schema as documentsSchema, selectQuery, upsertQuery } from '@hocuspocus/extension-sqlite';
import sqlite3 from 'sqlite3';
import * as Y from 'yjs';

export const DATABASE_FILE = 'signet-live.sqlite';

const LOG_SCHEMA = `CREATE TABLE IF NOT EXISTS "updates" (
  "seq" INTEGER PRIMARY KEY,
  "name" varchar(255) NOT NULL,
  "data" blob NOT NULL
)`;

/** At most this many changes in one commit (3 parameters each, well under SQLite's limit of 32766). */
const BATCH_ROWS = 1_000;

interface Queued {
  seq: number;
  name: string;
  data: Buffer;
  resolve(): void;
  reject(error: unknown): void;
}

export class LiveStore {
  /** The sequence number of the last change appended (across documents), and per document. */
  private seq = 0;
  private readonly lastSeq = new Map<string, number>();
  private readonly pending = new Set<Promise<unknown>>();
  /** Changes appended and not yet committed, and the loop committing them while it runs. */
  private readonly queue: Queued[] = [];
  private writing: Promise<void> | undefined;

  private constructor(
    private readonly db: sqlite3.Database,
    readonly file: string,
  ) {}

  /** Opens (or creates) the store in `dir`; rejects, with the file named, when it cannot. */
  static async open(dir: string): Promise<LiveStore> {
    await mkdir(dir, { recursive: true });
    const file = join(dir, DATABASE_FILE);
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const opened = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(opened)));
    });
    // One statement at a time, in the order issued: a compaction runs after every append before it.
    db.serialize();
    const store = new LiveStore(db, file);
    // WAL with full sync: each commit is on disk before it returns, at one write to the log.
    await store.run('PRAGMA journal_mode = WAL');
    await store.run('PRAGMA synchronous = FULL');
    await store.run(documentsSchema);
    await store.run(LOG_SCHEMA);
    const row = await store.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM updates');
    store.seq = row?.seq ?? 0;
    return store;
  }

  /** The message's state: its stored state with every logged change after it; null when unknown. */
  async fetch(name: string): Promise<Uint8Array | null> {
    const state = await this.get<{ data: Buffer }>(selectQuery, { $name: name });
    const log = await this.all<{ data: Buffer }>('SELECT data FROM updates WHERE name = $name ORDER BY seq', { $name: name });
    const parts = [...(state ? [state.data] : []), ...log.map((r) => r.data)].map((b) => new Uint8Array(b));
    return parts.length ? Y.mergeUpdates(parts) : null;
  }

  /**
   * Logs one accepted change; resolves once it is committed. Call it right after applying the change.
   * Changes that come in while a commit is on its way to the disk go in the next one together, so a
   * busy server pays one sync for many changes (and each still waits for its own commit).
   */
  append(name: string, update: Uint8Array): Promise<void> {
    const seq = ++this.seq;
    this.lastSeq.set(name, seq);
    return new Promise((resolve, reject) => {
      this.queue.push({ seq, name, data: Buffer.from(update), resolve, reject });
      if (!this.writing) this.writing = this.track(this.writeQueued());
    });
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, BATCH_ROWS);
      const rows = batch.map(() => '(?, ?, ?)').join(', ');
      try {
        await this.run(`INSERT INTO updates (seq, name, data) VALUES ${rows}`, batch.flatMap((e) => [e.seq, e.name, e.data]));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.writing = undefined;
  }

  /**
   * Stores `doc`'s whole state and then drops the log entries it holds. Called synchronously with
   * the state's encoding: every change appended so far was applied before, so the state holds it.
   * Two commits, not one transaction, so that no append waits on a compaction or goes with its
   * rollback: killed between them, the log still holds changes the state holds too, which is harmless.
   */
  async compact(name: string, doc: Y.Doc): Promise<void> {
    const upTo = this.lastSeq.get(name) ?? 0;
    await this.run(upsertQuery, { $name: name, $data: Buffer.from(Y.encodeStateAsUpdate(doc)) });
    await this.run('DELETE FROM updates WHERE name = $name AND seq <= $seq', { $name: name, $seq: upTo });
  }

  /** Waits for every write issued (every change appended among them), then closes the file. */
  async close(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
    await new Promise<void>((resolve, reject) => this.db.close((error) => (error ? reject(error) : resolve())));
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise)).catch(() => undefined);
    return promise;
  }

  private run(sql: string, params: object | unknown[] = {}): Promise<void> {
    return this.track(new Promise((resolve, reject) => this.db.run(sql, params, (error) => (error ? reject(error) : resolve()))));
  }

  private get<T>(sql: string, params: object = {}): Promise<T | undefined> {
    return this.track(new Promise((resolve, reject) => this.db.get(sql, params, (error, row) => (error ? reject(error) : resolve(row as T | undefined)))));
  }

  private all<T>(sql: string, params: object = {}): Promise<T[]> {
    return this.track(new Promise((resolve, reject) => this.db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[])))));
  }
}
