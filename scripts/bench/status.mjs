// `signet status` on a long-lived message: 5,000 versions and 5,000 sign-off records (a roster, a
// review, then an approver changing their mind 4,998 times), as the built tool runs it, beside
// `signet text` on the same file (the same process start and file read, none of the sign-off
// work). Every record is signed with a real key and names the one before it, as the app makes them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, round } from './measure.mjs';

export const title = '`signet status` on 5,000 versions and 5,000 records, beside `signet text`';

const ANN = { name: 'Ann Lee', title: 'Speechwriter' };

/** The message: versions recorded as recordVersion stores them, records signed in a chain. */
export function longMessage(s, versions, records) {
  const doc = s.newMessage('blank', 'A long review');
  const first = s.recordVersion(doc, { kind: 'workflow', author: ANN, name: 'Sent for review' });
  const map = doc.getMap('versions');
  const entry = map.get(first.id);
  const t0 = Date.parse('2026-01-01T00:00:00.000Z');
  doc.transact(() => {
    for (let i = 1; i < versions; i += 1) {
      const copy = new s.Y.Map();
      for (const [key, value] of entry.entries()) copy.set(key, value);
      const id = `v${String(i).padStart(15, '0')}`;
      copy.set('id', id);
      copy.set('at', new Date(t0 + i * 60_000).toISOString());
      map.set(id, copy);
    }
  });
  const key = (n) => s.signerFromSecretKey(Uint8Array.from({ length: 32 }, (_, i) => (i * 13 + n) & 255));
  const [ann, ben] = [key(1), key(2)];
  const member = (signer, name, roles) => ({ publicKey: signer.publicKey, name, titles: ['City of Aldport'], organisation: '', email: '', roles });
  const common = { messageId: s.readMeta(doc).id, digest: s.messageDigest(doc), comment: '' };
  const bodies = [
    { kind: 'roster', signer: ann, members: [member(ann, 'Ann Lee', ['owner']), member(ben, 'Ben Ode', ['approver', 'signatory'])] },
    { kind: 'review-requested', signer: ann, approvers: [ben.publicKey], ordered: false, signatory: ben.publicKey, due: null },
  ];
  for (let i = 2; i < records; i += 1) bodies.push({ kind: i % 2 ? 'changes-requested' : 'approved', signer: ben });
  let after = [];
  const list = doc.getArray('records');
  doc.transact(() => {
    bodies.forEach(({ signer, ...fields }, i) => {
      const record = s.signRecord({ ...common, ...fields, time: new Date(t0 + i * 1000).toISOString(), signer: signer.publicKey, after }, signer);
      list.push([JSON.parse(JSON.stringify(record))]);
      after = [s.recordHash(record)];
    });
  });
  return doc;
}

/** Options: --status-versions N, --status-records N (default 5,000 each), --status-runs N (default 5). */
export async function run({ services: s, args, root, log }) {
  const versions = Number(args['status-versions'] ?? 5000);
  const records = Number(args['status-records'] ?? 5000);
  const runs = Math.max(1, Number(args['status-runs'] ?? 5));
  const folder = mkdtempSync(join(tmpdir(), 'signet-bench-status-'));
  try {
    const path = join(folder, 'long.signet');
    const doc = longMessage(s, versions, records);
    const state = s.messageState(doc).state;
    writeFileSync(path, s.encodeMessageFile(doc));
    log(`${versions.toLocaleString('en')} versions, ${records.toLocaleString('en')} records (${state}), ${runs} runs each`);
    const cli = join(root, 'bin/signet.js');
    const time = (command) => {
      const t = performance.now();
      const out = execFileSync(process.execPath, [cli, command, path], { encoding: 'utf8', maxBuffer: 1 << 30 });
      return { ms: performance.now() - t, out };
    };
    const shown = JSON.parse(time('status').out);
    if (shown.records.length !== records || shown.state !== state) throw new Error(`status showed ${shown.records.length} records (${shown.state})`);
    const statusMs = [];
    const textMs = [];
    for (let i = 0; i < runs; i += 1) {
      textMs.push(time('text').ms);
      statusMs.push(time('status').ms);
    }
    const [value, baseline] = [median(statusMs), median(textMs)];
    return [{ name: 'signet status', value: round(value), unit: 'ms', baseline: round(baseline), ratio: round(value / baseline), goal: 2000, goalOn: 'value' }];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
