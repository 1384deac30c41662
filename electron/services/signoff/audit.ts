// A message's sign-off as people read it: each record in words (who, what, whether it verifies,
// which version holds its text), and the audit trail of everything that happened to the message.
import type * as Y from 'yjs';
import type { AuditEvent, RecordView } from '../../../shared/ipc';
import { META, readMeta } from '../../../shared/document';
import { attribution, listVersions, type Version } from '../../../shared/history';
import { listDecisions, listReviewsSent, listThreads, type Decision } from '../../../shared/review';
import { KIND_WORDS, fingerprint, messageState, type CheckedRecord, type SignoffRecord } from '../../../shared/signoff';

/** Every event in the message's life, newest first. */
export function audit(doc: Y.Doc): AuditEvent[] {
  const events: AuditEvent[] = [];
  const meta = readMeta(doc);
  if (meta.createdAt) events.push({ at: meta.createdAt, what: 'Created', who: creatorOf(doc), detail: meta.title });
  for (const v of listVersions(doc)) {
    events.push({ at: v.at, what: v.kind === 'before-merge' ? 'Merged' : 'Version saved', who: v.author.name, detail: versionWords(v), versionId: v.id });
  }
  for (const r of listReviewsSent(doc)) events.push({ at: r.at, what: 'Review copy sent', who: r.by.name, detail: `to ${r.to} (${r.file})` });
  events.push(...commentEvents(doc), ...decisionEvents(doc), ...recordEvents(doc));
  const time = (e: AuditEvent) => Date.parse(e.at) || 0;
  // Stable: events at the same moment keep the order above.
  return events.map((e, i) => ({ e, i })).sort((a, b) => time(b.e) - time(a.e) || a.i - b.i).map(({ e }) => e);
}

function commentEvents(doc: Y.Doc): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const thread of listThreads(doc)) {
    const on = thread.quote ? `on “${clip(thread.quote, 80)}”: ` : '';
    for (const c of thread.comments) events.push({ at: c.at, what: 'Commented', who: c.author.name, detail: c.deleted ? `${on}(a comment since deleted)` : `${on}${clip(c.text, 200)}` });
    if (thread.resolved && thread.resolvedAt) events.push({ at: thread.resolvedAt, what: 'Resolved a comment', who: thread.resolvedBy?.name ?? '', detail: clip(thread.quote, 80) });
  }
  return events;
}

const DECIDED: Record<Decision, string> = { accepted: 'Accepted a suggestion', rejected: 'Rejected a suggestion', withdrawn: 'Withdrew a suggestion' };

/** Who accepted, rejected or withdrew which suggestion, from the message's log of decisions. */
function decisionEvents(doc: Y.Doc): AuditEvent[] {
  return listDecisions(doc).map((d) => ({ at: d.at, what: DECIDED[d.decision], who: d.by.name, detail: `${clip(typeof d.what === 'string' ? d.what : '', 200)} (proposed by ${typeof d.author?.name === 'string' ? d.author.name : 'someone'})` }));
}

function recordEvents(doc: Y.Doc): AuditEvent[] {
  const versions = versionsByDigest(doc);
  const records = messageState(doc).records;
  // Names for the keys a review request lists, from every roster the message has had.
  const names = new Map<string, string>();
  for (const c of records) if (c.record?.kind === 'roster' && c.status !== 'invalid') for (const m of c.record.members) names.set(m.publicKey, m.name);
  return records.map((c) => {
    const view = recordView(c, versions);
    return { at: view.time, what: view.what, who: view.signerName, detail: recordWords(c, view, names), ...(view.versionId ? { versionId: view.versionId } : {}) };
  });
}


/** The newest version with each digest: the text a record is about. */
export function versionsByDigest(doc: Y.Doc): Map<string, string> {
  const byDigest = new Map<string, string>();
  for (const v of listVersions(doc)) if (v.digest && !byDigest.has(v.digest)) byDigest.set(v.digest, v.id);
  return byDigest;
}

export function recordView(c: CheckedRecord, versions: Map<string, string>): RecordView {
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
  created: 'Created',
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
