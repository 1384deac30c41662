// Versions and who wrote what, kept inside the message's Yjs document so that copies of a
// message merge their histories. A version is a Yjs snapshot (state vector and delete set, stored
// as the deletions since the version before it: see snapshots.ts) with its author, time, word
// count and content digest; the text is read from the document's full history (gc is off).
import * as Y from 'yjs';
import { countText, blockText, contentDigest, readContent, type MessageContent, Person } from '../document';
import { compareContent, type Attribution } from './compare';
import { z } from 'zod';
import { resolveSnapshot, storeSnapshot, type DeleteSet, type StoredSnapshot } from './snapshots';

const VERSIONS = 'versions';
const PEOPLE = 'people';
const DELETIONS = 'deletions';
/** Names given to versions after they were recorded, as a log: a version's own entry is never overwritten. */
const VERSION_NAMES = 'version-names';

/** The roots of the document that history keeps for ever (shared/review/guard.ts refuses a copy that deletes from them). */
export const HISTORY_ROOTS = { versions: VERSIONS, versionNames: VERSION_NAMES, people: PEOPLE, deletions: DELETIONS } as const;

export type { Person };

/**
 * Why a version was recorded: by name, or automatically (the message's creation, a pause, a close,
 * a restore, a merge, a workflow step).
 */
export const VERSION_KINDS = ['named', 'created', 'quiet', 'closed', 'before-restore', 'restored', 'before-merge', 'workflow'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/**
 * A version of the message: automatic ones have no name and are shown by their time. Words added
 * and removed are counted against the version before it, when it was recorded.
 */
export const Version = z.object({
  id: z.string(),
  kind: z.enum(VERSION_KINDS),
  name: z.string(),
  note: z.string(),
  author: Person,
  at: z.string(),
  words: z.number(),
  added: z.number(),
  removed: z.number(),
  digest: z.string(),
  /** Orders versions recorded in the same millisecond. */
  seq: z.number(),
  source: z.string().optional(),
});
export type Version = z.infer<typeof Version>;

export interface NewVersion {
  kind: VersionKind;
  author: Person;
  name?: string;
  note?: string;
  source?: string;
  at?: Date;
}

export type { DeleteSet };

const EMPTY: MessageContent = { title: '', blocks: [] };

// The content of the latest version each document recorded, so recording the next one does not
// rebuild it from the history.
const lastRecorded = new WeakMap<Y.Doc, { id: string; content: MessageContent }>();

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Records a version of the document as it is now, and says who made it. */
export function recordVersion(doc: Y.Doc, request: NewVersion): Version {
  const content = readContent(doc);
  const known = listVersions(doc);
  const previous = known[0];
  const cached = lastRecorded.get(doc);
  const before = !previous ? EMPTY : cached?.id === previous.id ? cached.content : versionContent(doc, previous.id);
  const { summary } = compareContent(before, content);
  const version: Version = {
    id: randomId(),
    kind: request.kind,
    name: request.name?.trim() ?? '',
    note: request.note?.trim() ?? '',
    author: { name: request.author.name, title: request.author.title },
    at: (request.at ?? new Date()).toISOString(),
    words: countText(content.blocks.map(blockText).join('\n\n')).words,
    added: summary.wordsAdded,
    removed: summary.wordsRemoved,
    digest: contentDigest(content),
    // Orders versions recorded in the same millisecond: one more than any this copy has seen.
    seq: known.reduce((max, v) => Math.max(max, v.seq), -1) + 1,
  };
  if (request.source) version.source = request.source;
  const stored = storeSnapshot(doc, baseFor(doc, previous));
  doc.transact(() => {
    registerPerson(doc, [doc.clientID], request.author);
    const entry = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(version)) entry.set(key, value);
    entry.set('snapshot', stored.bytes);
    if (stored.base) entry.set('base', stored.base);
    doc.getMap<Y.Map<unknown>>(VERSIONS).set(version.id, entry);
  });
  lastRecorded.set(doc, { id: version.id, content });
  return version;
}

/** The version a new one stores its deletions against; none (a whole snapshot) if it cannot be read. */
function baseFor(doc: Y.Doc, previous: Version | undefined): { id: string; snapshot: Y.Snapshot } | null {
  if (!previous) return null;
  try {
    return { id: previous.id, snapshot: snapshotOf(doc, previous.id) };
  } catch {
    return null;
  }
}

/**
 * The version holding the text a sign-off record is about: the latest with the record's digest from
 * no later than the record (the app records one before each step), else any with that digest.
 * `versions` are newest first, as listVersions gives them.
 */
export function versionOfRecord<V extends { digest: string; at: string }>(versions: readonly V[], record: { digest: string; time: string }): V | undefined {
  return versionFinder(versions)(record);
}

/**
 * versionOfRecord for many records at once: the versions indexed by digest once, then each record
 * found by a binary search on time, so a message's every record costs n log n, not n × versions.
 */
export function versionFinder<V extends { digest: string; at: string }>(versions: readonly V[]): (record: { digest: string; time: string }) => V | undefined {
  const byDigest = new Map<string, V[]>();
  for (const v of versions) {
    const list = byDigest.get(v.digest);
    if (list) list.push(v);
    else byDigest.set(v.digest, [v]);
  }
  return (record) => {
    const same = byDigest.get(record.digest);
    if (!same) return undefined;
    // Newest first: the first no later than the record is where `at <= time` starts to hold.
    let [lo, hi] = [0, same.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (same[mid].at <= record.time) hi = mid;
      else lo = mid + 1;
    }
    return same[lo] ?? same[0];
  };
}

/** Every version whose record is whole, newest first. A malformed record (a hostile or damaged copy) is skipped. */
export function listVersions(doc: Y.Doc): Version[] {
  const out: Version[] = [];
  const names = latestNames(doc);
  for (const entry of doc.getMap<unknown>(VERSIONS).values()) {
    const version = parseVersion(entry);
    const renamed = version && names.get(version.id);
    if (renamed) Object.assign(version, { name: renamed.name, note: renamed.note });
    if (version) out.push(version);
  }
  return out.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.seq !== b.seq ? b.seq - a.seq : a.id < b.id ? 1 : -1));
}

function parseVersion(entry: unknown): Version | null {
  if (!(entry instanceof Y.Map)) return null;
  const get = (key: string) => entry.get(key);
  const str = (key: string) => (typeof get(key) === 'string' ? (get(key) as string) : null);
  const num = (key: string) => (typeof get(key) === 'number' && Number.isFinite(get(key)) ? (get(key) as number) : 0);
  const author = get('author') as Partial<Person> | undefined;
  const kind = str('kind') as VersionKind | null;
  const id = str('id');
  const at = str('at');
  if (!id || !at || Number.isNaN(Date.parse(at)) || !kind || !VERSION_KINDS.includes(kind)) return null;
  if (!(get('snapshot') instanceof Uint8Array)) return null;
  return {
    id,
    kind,
    name: str('name') ?? '',
    note: str('note') ?? '',
    author: { name: typeof author?.name === 'string' ? author.name : '', title: typeof author?.title === 'string' ? author.title : '' },
    at,
    words: num('words'),
    added: num('added'),
    removed: num('removed'),
    digest: str('digest') ?? '',
    seq: num('seq'),
    ...(str('source') ? { source: str('source')! } : {}),
  };
}

/** Calls `listener` whenever a version is added, renamed or arrives in a merge; returns the way to stop. */
export function observeVersions(doc: Y.Doc, listener: () => void): () => void {
  const versions = doc.getMap(VERSIONS);
  const names = doc.getArray(VERSION_NAMES);
  versions.observeDeep(listener);
  names.observe(listener);
  return () => {
    versions.unobserveDeep(listener);
    names.unobserve(listener);
  };
}

/**
 * Every version a reference could mean: the one with that id; else every version of that name; else
 * every version whose id starts with it (4 characters or more). Newest first.
 */
export function matchVersions(doc: Y.Doc, ref: string): Version[] {
  const versions = listVersions(doc);
  const exact = versions.find((v) => v.id === ref);
  if (exact) return [exact];
  const named = versions.filter((v) => v.name && v.name === ref);
  if (named.length) return named;
  return ref.length >= 4 ? versions.filter((v) => v.id.startsWith(ref)) : [];
}

/** A version by id, by a unique start of its id, or by a name only one version has; else undefined. */
export function findVersion(doc: Y.Doc, ref: string): Version | undefined {
  const matches = matchVersions(doc, ref);
  return matches.length === 1 ? matches[0] : undefined;
}

/** The first version of a new message: what it was made from, as a file name or "template:letter". */
export function recordCreation(doc: Y.Doc, author: Person, from: { file: string } | { template: string; name: string }): Version {
  const source = 'file' in from ? from.file : `template:${from.template}`;
  const name = 'file' in from ? `Created from ${from.file}` : `Created from the ${from.name} template`;
  return recordVersion(doc, { kind: 'created', author, name, source });
}

interface VersionName {
  version: string;
  name: string;
  note: string;
  at: string;
}

/** Gives a version a name and note later: a new entry in the log of names (the names it had before stay there). */
export function renameVersion(doc: Y.Doc, id: string, name: string, note: string, at = new Date()): void {
  const entry = doc.getMap<Y.Map<unknown>>(VERSIONS).get(id);
  if (!(entry instanceof Y.Map)) throw new Error(`There is no version ${id}.`);
  const named: VersionName = { version: id, name: name.trim(), note: note.trim(), at: at.toISOString() };
  doc.getArray<VersionName>(VERSION_NAMES).push([named]);
}

/** Each renamed version's latest name: the latest by time, then by place in the log (the same in every copy). */
function latestNames(doc: Y.Doc): Map<string, VersionName> {
  const out = new Map<string, VersionName>();
  for (const raw of doc.getArray<unknown>(VERSION_NAMES).toArray()) {
    const n = raw as VersionName;
    if (!n || typeof n.version !== 'string' || typeof n.name !== 'string' || typeof n.note !== 'string' || typeof n.at !== 'string') continue;
    const had = out.get(n.version);
    if (!had || had.at <= n.at) out.set(n.version, n);
  }
  return out;
}

function storedSnapshot(doc: Y.Doc, id: string): StoredSnapshot | undefined {
  const entry = doc.getMap<Y.Map<unknown>>(VERSIONS).get(id);
  const bytes = entry instanceof Y.Map ? entry.get('snapshot') : undefined;
  if (!(bytes instanceof Uint8Array)) return undefined;
  const base = entry!.get('base');
  return { bytes, base: typeof base === 'string' ? base : '' };
}

/** The whole Yjs snapshot of a version (rebuilt from the deletions each version stores). */
export const versionSnapshot = (doc: Y.Doc, id: string): Y.Snapshot => resolveSnapshot(doc, id, (at) => storedSnapshot(doc, at));
const snapshotOf = versionSnapshot;

/** A new document holding the message exactly as it was at a version. */
export function versionDoc(doc: Y.Doc, id: string): Y.Doc {
  return Y.createDocFromSnapshot(doc, snapshotOf(doc, id), new Y.Doc({ gc: false }));
}

/**
 * The content of a version, read in place from the document's history: the same as
 * readContent(versionDoc(doc, id), options), without building that copy of the whole document
 * (on a long history, the copy costs many times the reading).
 */
export function versionContent(doc: Y.Doc, id: string, options: { origins?: boolean } = {}): MessageContent {
  return readContent(doc, { ...options, snapshot: snapshotOf(doc, id) });
}

// ── Who wrote what ──────────────────────────────────────────────────────────────────────────
// Each editing session has its own Yjs client id; the document maps each id to its person once
// (a few bytes per session), so every inserted character is attributed by its id. Deletions
// carry no author in Yjs, so each session's deletions are stored as one delete set per version
// it records, and only for text that some version had shown.

/** Says that changes by these Yjs clients are this person's. */
export function registerPerson(doc: Y.Doc, clients: Iterable<number>, person: Person): void {
  const people = doc.getMap<Person>(PEOPLE);
  const fresh = [...clients].filter((c) => !people.has(String(c)));
  if (fresh.length === 0) return;
  doc.transact(() => {
    for (const client of fresh) people.set(String(client), { name: person.name, title: person.title });
  });
}

/** Records that this person deleted the items in `ds`, keeping only text a version had shown. */
export function recordDeletions(doc: Y.Doc, person: Person, ds: DeleteSet): void {
  const shown = shownClocks(doc);
  const kept = Y.createDeleteSet();
  for (const [client, ranges] of ds.clients) {
    const limit = shown.get(client) ?? 0;
    const inside = ranges.filter((r) => r.clock < limit).map((r) => ({ clock: r.clock, len: Math.min(r.len, limit - r.clock) }));
    if (inside.length) kept.clients.set(client, inside as typeof ranges);
  }
  if (kept.clients.size === 0) return;
  const bytes = Y.encodeSnapshotV2(Y.createSnapshot(kept, new Map()));
  doc.getArray<unknown>(DELETIONS).push([{ person: { name: person.name, title: person.title }, ds: bytes }]);
}

// For each client, the highest clock any version includes (cached: versions are only ever added).
const shownCache = new WeakMap<Y.Doc, { seen: Set<string>; clocks: Map<number, number> }>();

function shownClocks(doc: Y.Doc): Map<number, number> {
  let cache = shownCache.get(doc);
  if (!cache) shownCache.set(doc, (cache = { seen: new Set(), clocks: new Map() }));
  for (const id of doc.getMap(VERSIONS).keys()) {
    if (cache.seen.has(id)) continue;
    cache.seen.add(id);
    try {
      for (const [client, clock] of snapshotOf(doc, id).sv) cache.clocks.set(client, Math.max(clock, cache.clocks.get(client) ?? 0));
    } catch {
      // A malformed version shows nothing.
    }
  }
  return cache.clocks;
}

/** Who did what in this document; `pending` adds deletions not yet recorded in it (this session's). */
export function attribution(doc: Y.Doc, pending: { person: Person; ds: DeleteSet }[] = []): Attribution {
  const people: Person[] = [];
  const index = new Map<string, number>();
  const personIndex = (p: Person) => {
    const key = `${p.name}\u0000${p.title}`;
    let i = index.get(key);
    if (i === undefined) index.set(key, (i = people.push({ name: p.name, title: p.title }) - 1));
    return i;
  };
  const byClient = new Map<number, number>();
  for (const [client, p] of doc.getMap<Person>(PEOPLE)) if (isPerson(p)) byClient.set(Number(client), personIndex(p));

  // client → ranges sorted by clock, each with the person who deleted it.
  const deleted = new Map<number, { clock: number; end: number; person: number }[]>();
  const addDeletions = (person: Person, ds: DeleteSet) => {
    const who = personIndex(person);
    for (const [client, ranges] of ds.clients) {
      const list = deleted.get(client) ?? [];
      for (const r of ranges) list.push({ clock: r.clock, end: r.clock + r.len, person: who });
      deleted.set(client, list);
    }
  };
  for (const record of doc.getArray<{ person?: unknown; ds?: unknown }>(DELETIONS)) {
    if (!record || !isPerson(record.person) || !(record.ds instanceof Uint8Array)) continue;
    try {
      addDeletions(record.person, Y.decodeSnapshotV2(record.ds).ds);
    } catch {
      // A damaged record attributes nothing.
    }
  }
  for (const p of pending) addDeletions(p.person, p.ds);
  for (const list of deleted.values()) list.sort((a, b) => a.clock - b.clock);

  return {
    people,
    insertedBy: (client) => byClient.get(client),
    deletedBy(client, clock) {
      const list = deleted.get(client);
      if (!list) return undefined;
      let lo = 0;
      let hi = list.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].end <= clock) lo = mid + 1;
        else if (list[mid].clock > clock) hi = mid - 1;
        else return list[mid].person;
      }
      // Ranges overlap only where two copies deleted the same text; look through them all.
      return list.find((r) => r.clock <= clock && clock < r.end)?.person;
    },
  };
}

const isPerson = (p: unknown): p is Person =>
  !!p && typeof (p as Person).name === 'string' && typeof (p as Person).title === 'string';
