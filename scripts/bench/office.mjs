// A speechwriting office's library, made with the app's own code from a seed: each message 1–5
// pages typed in a headless editor bound as the app's editor is, 10–60 versions with edits between
// them, 5–25 sign-off records signed by three people and taken through the real workflow (roster,
// rounds of review and changes, approvals, a signature), and comment threads with replies.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mulberry32 } from './measure.mjs';

/** Raised whenever what this makes changes, so that a library made earlier is made again. */
export const OFFICE_VERSION = 1;

const WORDS = (
  'the city council harbour wall library budget residents families school clinic road river spring winter year ' +
  'people work together thank you for your patience we will open repair build keep promise every street district ' +
  'mayor minister citizens volunteers firefighters nurses teachers children hope future safe warm welcome new ' +
  'and of to in our a is that this with on from by as at it have be are more than its their all which'
).split(' ');
const WORDS_PER_PAGE = 450;

const PEOPLE = [
  { name: 'Amina Yusuf', title: 'Head of Speechwriting', roles: ['owner', 'author'] },
  { name: 'Ben Okafor', title: 'Chief of Staff', roles: ['approver'] },
  { name: 'Carmen Ruiz', title: 'Mayor', roles: ['approver', 'signatory'] },
];

const pick = (random, xs) => xs[Math.floor(random() * xs.length)];
const between = (random, lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const words = (random, n) => Array.from({ length: n }, () => pick(random, WORDS)).join(' ');

function people(s) {
  return PEOPLE.map((p, n) => {
    const signer = s.signerFromSecretKey(Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + n * 7 + 1) & 255));
    const member = { publicKey: signer.publicKey, name: p.name, titles: [p.title], organisation: 'City of Aldport', email: '' };
    return { ...p, signer, member, person: { name: p.name, title: p.title } };
  });
}

/** Replaces the text with `pages` pages of paragraphs of 40–90 words. */
export function writePages(s, editor, random, pages) {
  editor.update(
    () => {
      const root = s.$getRoot();
      root.clear();
      for (let left = pages * WORDS_PER_PAGE; left > 0; ) {
        const n = Math.min(left, between(random, 40, 90));
        left -= n;
        const paragraph = s.$createParagraphNode();
        paragraph.append(s.$createTextNode(`${words(random, n)}.`));
        root.append(paragraph);
      }
    },
    { discrete: true },
  );
}

/** An edit a writer makes between versions: a few words replaced, or a sentence added. */
export function editSomewhere(s, editor, random) {
  editor.update(
    () => {
      const nodes = s.$getRoot().getAllTextNodes();
      const node = pick(random, nodes);
      const text = node.getTextContent();
      const at = Math.floor(random() * text.length);
      if (random() < 0.5) node.spliceText(at, Math.min(text.length - at, between(random, 1, 20)), words(random, between(random, 1, 4)));
      else node.spliceText(at, 0, ` ${words(random, between(random, 4, 14))}.`);
    },
    { discrete: true },
  );
}

function comment(s, doc, random, author) {
  const Y = s.Y;
  const texts = [];
  for (const block of s.textRoot(doc).toArray()) {
    if (block instanceof Y.XmlElement) for (const child of block.toArray()) if (child instanceof Y.XmlText && child.length > 30) texts.push(child);
  }
  const xml = pick(random, texts);
  const at = Math.floor(random() * (xml.length - 20));
  const quote = xml.toString().replace(/<[^>]*>/g, '').slice(at, at + 12) || 'words';
  const id = s.createThread(doc, {
    start: Y.createRelativePositionFromTypeIndex(xml, at, 0),
    end: Y.createRelativePositionFromTypeIndex(xml, at + 12, -1),
    quote,
    text: `Could we say this more plainly? ${words(random, between(random, 3, 12))}`,
    author,
  });
  if (random() < 0.6) s.reply(doc, id, author, `Agreed, ${words(random, between(random, 2, 8))}.`);
}

/**
 * One message: `records` records (a roster, rounds of review and changes, then approvals and a
 * signature as far as they reach), `versions` versions in all (each step records one, edits the rest).
 */
export function officeMessage(s, random, index, team = people(s)) {
  const [amina, ben, carmen] = team;
  const records = between(random, 5, 25);
  const versions = Math.max(between(random, 10, 60), records + 2);
  const doc = s.newMessage(pick(random, ['speech', 'letter', 'blank']), `Message ${index + 1}: ${words(random, between(random, 2, 6))}`, 'en', amina.person, amina.signer.publicKey);
  const { editor, dispose } = s.createMessageEditor(doc);
  writePages(s, editor, random, between(random, 1, 5));
  let versionsLeft = versions - records;
  const edit = () => {
    if (versionsLeft <= 0) return;
    versionsLeft -= 1;
    editSomewhere(s, editor, random);
    s.recordVersion(doc, { kind: random() < 0.3 ? 'named' : 'auto', author: amina.person, name: random() < 0.3 ? `Draft ${versions - versionsLeft}` : '' });
  };
  const step = (who, kind, take) => {
    s.recordStepVersion(doc, who.member, kind);
    take(who.signer);
  };
  const plan = { approvers: [ben.signer.publicKey, carmen.signer.publicKey], signatory: carmen.signer.publicKey, due: null };
  step(amina, 'roster', (signer) => s.changeRoster(doc, signer, team.map((p) => ({ ...p.member, roles: p.roles }))));
  // The remaining records: rounds of (review, changes) while four or more are left for the end.
  let left = records - 1;
  const ending = left >= 4 ? between(random, 1, 4) : left;
  while (left > ending) {
    edit();
    step(amina, 'review-requested', (signer) => s.sendForReview(doc, signer, plan));
    if (random() < 0.5) comment(s, doc, random, ben.person);
    step(ben, 'changes-requested', (signer) => s.requestChanges(doc, signer, `Please ${words(random, between(random, 3, 9))}.`));
    left -= 2;
  }
  // The end: review (1), then Ben's (2) and Carmen's (3) approvals and her signature (4), as many as are left.
  const end = [
    () => step(amina, 'review-requested', (signer) => s.sendForReview(doc, signer, plan)),
    () => step(ben, 'approved', (signer) => s.approve(doc, signer)),
    () => step(carmen, 'approved', (signer) => s.approve(doc, signer)),
    () => step(carmen, 'signed', (signer) => s.signMessage(doc, signer)),
  ];
  while (versionsLeft > 0) edit();
  for (let i = 0; i < left; i += 1) end[i]();
  for (let i = between(random, 0, 4); i > 0; i -= 1) comment(s, doc, random, pick(random, team).person);
  dispose();
  return doc;
}

/** Writes messages `from` to `to` (each from its own seed) into `folder`; returns their files' total bytes. */
export function writeOffice(s, folder, from, to, seed, log) {
  const team = people(s);
  let bytes = 0;
  let nextReport = performance.now() + 10_000;
  for (let i = from; i < to; i += 1) {
    const doc = officeMessage(s, mulberry32(seed * 1_000_003 + i), i, team);
    const file = s.encodeMessageFile(doc);
    writeFileSync(join(folder, `message-${String(i + 1).padStart(4, '0')}.signet`), file);
    bytes += file.length;
    doc.destroy();
    if (performance.now() > nextReport) {
      log(`  … ${i + 1 - from} of ${to - from} messages made`);
      nextReport += 10_000;
    }
  }
  return bytes;
}

// Run as `node office.mjs BUNDLE FOLDER FROM TO SEED`: one share of the library, in a process of
// its own, so that the benchmark can make the library on every core.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [bundle, folder, from, to, seed] = process.argv.slice(2);
  const s = await import(pathToFileURL(bundle).href);
  s.useNodeSignatureCheck();
  const bytes = writeOffice(s, folder, Number(from), Number(to), Number(seed), (line) => console.log(line));
  console.log(JSON.stringify({ bytes }));
}
