// A message's sign-off as people read it: each record in words (who, what, whether it verifies,
// which version holds its text), and the audit trail of everything that happened to the message.
import type * as Y from 'yjs';
import type { AuditEvent, RecordView } from '../../../shared/ipc';
import { META, readMeta } from '../../../shared/document';
import { attribution, listVersions, type Version } from '../../../shared/history';
import { versionName } from '../../../shared/version-names';
import { listDecisions, listReviewsSent, listThreads, type Decision } from '../../../shared/review';
import { KIND_WORDS, fingerprint, messageState, type CheckedRecord, type SignoffRecord } from '../../../shared/signoff';
import { translate, type Language, type MessageKey } from '../../../shared/i18n';

type Words = (key: MessageKey, values?: Record<string, string | number>) => string;

/** Every event in the message's life, newest first, in the words of the person reading it. */
export function audit(doc: Y.Doc, language: Language = 'en'): AuditEvent[] {
  const t: Words = (key, values) => translate(language, key, values);
  const events: AuditEvent[] = [];
  const meta = readMeta(doc);
  if (meta.createdAt) events.push({ at: meta.createdAt, what: t('audit.created'), who: creatorOf(doc), detail: meta.title });
  for (const v of listVersions(doc)) {
    events.push({ at: v.at, what: t(v.kind === 'before-merge' ? 'audit.merged' : 'audit.versionSaved'), who: v.author.name, detail: versionWords(v, language, t), versionId: v.id });
  }
  for (const r of listReviewsSent(doc)) events.push({ at: r.at, what: t('audit.reviewSent'), who: r.by.name, detail: t('audit.reviewSentTo', { to: r.to, file: r.file }) });
  events.push(...commentEvents(doc, t), ...decisionEvents(doc, t), ...recordEvents(doc, t));
  const time = (e: AuditEvent) => Date.parse(e.at) || 0;
  // Stable: events at the same moment keep the order above.
  return events.map((e, i) => ({ e, i })).sort((a, b) => time(b.e) - time(a.e) || a.i - b.i).map(({ e }) => e);
}

function commentEvents(doc: Y.Doc, t: Words): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const thread of listThreads(doc)) {
    const on = thread.quote ? t('audit.commentOn', { quote: clip(thread.quote, 80) }) : '';
    for (const c of thread.comments) events.push({ at: c.at, what: t('audit.commented'), who: c.author.name, detail: on + (c.deleted ? t('audit.commentDeleted') : clip(c.text, 200)) });
    if (thread.resolved && thread.resolvedAt) events.push({ at: thread.resolvedAt, what: t('audit.resolved'), who: thread.resolvedBy?.name ?? '', detail: clip(thread.quote, 80) });
  }
  return events;
}

const DECIDED: Record<Decision, MessageKey> = { accepted: 'audit.accepted', rejected: 'audit.rejected', withdrawn: 'audit.withdrew' };

/** Who accepted, rejected or withdrew which suggestion, from the message's log of decisions. */
function decisionEvents(doc: Y.Doc, t: Words): AuditEvent[] {
  return listDecisions(doc).map((d) => ({
    at: d.at,
    what: t(DECIDED[d.decision]),
    who: d.by.name,
    detail: t('audit.proposedBy', { what: clip(typeof d.what === 'string' ? d.what : '', 200), name: typeof d.author?.name === 'string' ? d.author.name : t('audit.someone') }),
  }));
}

function recordEvents(doc: Y.Doc, t: Words): AuditEvent[] {
  const versions = versionsByDigest(doc);
  const records = messageState(doc).records;
  // Names for the keys a review request lists, from every roster the message has had.
  const names = new Map<string, string>();
  for (const c of records) if (c.record?.kind === 'roster' && c.status !== 'invalid') for (const m of c.record.members) names.set(m.publicKey, m.name);
  return records.map((c) => {
    const view = recordView(c, versions);
    const what = c.record ? t(`record.${c.record.kind}`) : t('audit.unreadable');
    return { at: view.time, what, who: view.signerName, detail: recordWords(c, what, names, t), ...(view.versionId ? { versionId: view.versionId } : {}) };
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
function recordWords(c: CheckedRecord, what: string, names: Map<string, string>, t: Words): string {
  const standing = c.status === 'invalid' ? t('audit.invalidBecause', { reason: c.reason ?? '' }) : c.status === 'stale' ? t('signoff.staleRecord') : t('signoff.verified');
  const r = c.record;
  const separator = t('list.separator');
  const named = (keys: string[]) => keys.map((k) => names.get(k) ?? t('audit.key', { fingerprint: fingerprint(k) })).join(separator);
  const role = (roles: string[]) => roles.map((x) => t(`signoff.roles.${x}` as MessageKey)).join(separator);
  let about = '';
  if (r?.kind === 'roster') about = r.members.map((m) => t('audit.member', { name: m.name, roles: role(m.roles) })).join(t('audit.parts'));
  if (r?.kind === 'review-requested') {
    const parts = [t('audit.to', { names: named(r.approvers) }) + (r.ordered ? t('audit.inOrder') : ''), t('audit.signatoryIs', { name: named([r.signatory]) }), r.due ? t('audit.dueOn', { date: r.due }) : ''];
    about = parts.filter(Boolean).join(t('audit.parts'));
  }
  return [t('audit.standing', { what, standing }), about, c.record?.comment && `“${clip(c.record.comment, 200)}”`].filter(Boolean).join(t('audit.then'));
}

function versionWords(v: Version, language: Language, t: Words): string {
  const name = versionName(v, language) || t(`audit.version.${v.kind}`);
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
