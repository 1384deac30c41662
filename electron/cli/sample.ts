// `signet sample DIR`: a sample library for trying Signet. Three people get profiles (a real
// Ed25519 key each, sealed with a passphrase that is printed, since these keys are only for
// trying) and member cards; four messages are taken through the workflow to Draft, In review,
// Approved and Signed by the app's own code: the text is typed in a headless editor bound as the
// app's editor is, each person works in a session of their own (as in their own Signet), a
// 'workflow' version is recorded before each step, and every step is signed and checked by
// shared/signoff/workflow.ts. Each file is written atomically.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { newMessageDoc, type MessageTemplate } from '../../shared/document';
import {
  fingerprint,
  personOf,
  type Member,
  type Role,
  type RosterMember,
  type RecordKind,
  type Signer,
  approve,
  changeRoster,
  messageState,
  recordStepVersion,
  requestChanges,
  sendForReview,
  signMessage,
  type State,
} from '../../shared/signoff';
import { recordDeletions, registerPerson } from '../../shared/history';
import { $getRoot, createMessageEditor } from '../services/document/headless-editor';
import { createProfile, KeyError, memberCard, passphraseProtector, readMemberCard } from '../services/signoff/keys';
import { cardPdfKey } from '../services/export/exporter';
import { newMessage } from '../services/library/library';
import { encodeMessageFile, loadLog, writeFileAtomic } from '../services/files/message-file';
import { FROM_EDITOR } from '../services/files/message-store';
import { CliError, EXIT, pathError, shellQuote } from './errors';
import { writeMessage } from './files';
import { invocation } from './invocation';
import type { CommandArgs, Io } from './types';

/** The passphrase that seals the sample keys: printed and in README.md, so it protects nothing. */
export const SAMPLE_PASSPHRASE = 'sample passphrase';

const ORGANISATION = 'City of Aldport';

interface SamplePerson {
  slug: string;
  name: string;
  title: string;
  roles: Role[];
}

const AMINA: SamplePerson = { slug: 'amina-yusuf', name: 'Amina Yusuf', title: 'Head of Speechwriting', roles: ['owner', 'author'] };
const BEN: SamplePerson = { slug: 'ben-okafor', name: 'Ben Okafor', title: 'Chief of Staff', roles: ['approver'] };
const CARMEN: SamplePerson = { slug: 'carmen-ruiz', name: 'Carmen Ruiz', title: 'Mayor', roles: ['approver', 'signatory'] };
const PEOPLE = [AMINA, BEN, CARMEN];

/** A person with their key unlocked, as they are in their own Signet. */
interface Someone {
  member: Member;
  signer: Signer;
}

const signature = (closing: string, date: string) => [closing, 'Carmen Ruiz', 'Mayor of Aldport', `Aldport, ${date}`];

/** One sample message: the state it is taken to, and the words that replace its template's, one per text in order. */
interface SampleMessage {
  state: Extract<State, 'Draft' | 'In review' | 'Approved' | 'Signed'>;
  template: MessageTemplate['id'];
  title: string;
  texts: string[];
}

const MESSAGES: readonly SampleMessage[] = [
  {
    state: 'Draft',
    template: 'letter',
    title: 'Letter to Harbour district residents',
    texts: [
      'To the residents of the Harbour district',
      'Dear neighbours,',
      "Last week's storm flooded forty homes along Quay Street, and many of you are still cleaning up. The city has not forgotten you.",
      'From Monday, a recovery office at the Harbour community centre will help with repairs, insurance claims and temporary housing. It is open every day from eight until eight.',
      ...signature('Yours sincerely,', '14 March'),
    ],
  },
  {
    state: 'In review',
    template: 'speech',
    title: 'Opening of the Riverside Library',
    texts: [
      'Opening of the Riverside Library',
      'Good morning, and welcome.',
      'A library is the one building in a city where everyone is welcome and nobody is asked to buy anything.',
      'When the old reading room closed, the children of Riverside did their homework on the steps of the station. From today they have six thousand books, twenty computers and a warm room until nine every evening.',
      'Thank you to the builders, the librarians and the hundreds of residents who told us what this library should be.',
      ...signature('Thank you.', '2 May'),
    ],
  },
  {
    state: 'Approved',
    template: 'speech',
    title: 'Budget address to the City Council',
    texts: [
      'Budget address to the City Council',
      'Madam Chair, members of the Council,',
      'This budget is balanced, and it keeps every promise we made to the people of Aldport.',
      'We will repair twelve kilometres of road, open two new clinics and hire forty teachers, and we will do it without raising the property tax.',
      'I thank the finance committee for months of careful work, and I ask the Council to approve this budget.',
      ...signature('Thank you.', '20 November'),
    ],
  },
  {
    state: 'Signed',
    template: 'new-year',
    title: 'New Year message',
    texts: [
      'New Year message',
      'Good evening, dear fellow citizens,',
      'This year asked a great deal of Aldport. The spring floods tested us, and we answered them together, street by street.',
      'I thank the firefighters, nurses, bus drivers and volunteers who kept our city running on the hardest days.',
      'In the year ahead we will finish the harbour wall, open the Riverside Library and keep every clinic open at weekends.',
      'I wish you and your families health, peace and a happy New Year.',
      ...signature('With my warmest wishes for the New Year,', '31 December'),
    ],
  },
];

/** Ben's request for changes on the New Year message, and Amina's answer to it. */
const CHANGES = {
  comment: 'Say when the harbour wall will be finished; people will ask.',
  paragraph: 4,
  text: 'In the year ahead we will finish the harbour wall by June, open the Riverside Library and keep every clinic open at weekends.',
};

// ── One message, worked on by each person in turn ───────────────────────────────────────────

/**
 * The message as it stands, and who has it open. Each person opens it from its file's bytes, as
 * their own Signet would, so their session has a Yjs client of its own, registered to them by the
 * first version they record.
 */
class Desk {
  private who: Someone | null = null;

  constructor(public doc: Y.Doc) {}

  as(person: Someone): Y.Doc {
    if (this.who && this.who !== person) {
      const next = loadLog(encodeMessageFile(this.doc), 'sample').doc;
      this.doc.destroy();
      this.doc = next;
    }
    this.who = person;
    return this.doc;
  }

  /** Types `texts` over the message's texts, in order, in an editor session of the person's own. */
  write(person: Someone, texts: readonly string[]): void {
    const doc = this.as(person);
    const session = newMessageDoc();
    Y.applyUpdate(session, Y.encodeStateAsUpdate(doc));
    const { editor, dispose } = createMessageEditor(session);
    try {
      editor.update(
        () => {
          const nodes = $getRoot().getAllTextNodes();
          if (nodes.length !== texts.length) throw new Error(`The sample has ${texts.length} texts for a template with ${nodes.length}.`);
          nodes.forEach((node, i) => {
            if (node.getTextContent() !== texts[i]) node.setTextContent(texts[i]);
          });
        },
        { discrete: true },
      );
    } finally {
      dispose();
    }
    // As the main process takes the editor's changes: with the editor's origin, its client and deletions the writer's.
    let deleted = Y.createDeleteSet();
    const collect = (tr: Y.Transaction) => {
      if (tr.origin === FROM_EDITOR) deleted = tr.deleteSet;
    };
    doc.on('afterTransaction', collect);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(session, Y.encodeStateVector(doc)), FROM_EDITOR);
    doc.off('afterTransaction', collect);
    session.destroy();
    const author = personOf(person.member);
    registerPerson(doc, [session.clientID], author);
    recordDeletions(doc, author, deleted);
  }

  /** A step as the app takes it: the 'workflow' version first, so the history holds the text it is about. */
  step(person: Someone, kind: RecordKind, take: (doc: Y.Doc, signer: Signer) => void): void {
    const doc = this.as(person);
    recordStepVersion(doc, person.member, kind);
    take(doc, person.signer);
  }
}

function dayAfter(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function buildMessage(sample: SampleMessage, people: Record<string, Someone>, roster: RosterMember[]): Y.Doc {
  const [amina, ben, carmen] = [people[AMINA.slug], people[BEN.slug], people[CARMEN.slug]];
  const desk = new Desk(newMessage(sample.template, sample.title, 'en', personOf(amina.member), amina.member.publicKey));
  desk.write(amina, sample.texts);
  desk.step(amina, 'roster', (doc, signer) => changeRoster(doc, signer, roster));
  if (sample.state === 'Draft') return desk.doc;

  const plan = { approvers: [ben.member.publicKey, carmen.member.publicKey], signatory: carmen.member.publicKey, due: dayAfter(7) };
  desk.step(amina, 'review-requested', (doc, signer) => sendForReview(doc, signer, plan));
  if (sample.state === 'In review') return desk.doc;

  if (sample.state === 'Signed') {
    // A round of changes first, so the history shows one, and its records are stale but genuine.
    desk.step(ben, 'changes-requested', (doc, signer) => requestChanges(doc, signer, CHANGES.comment));
    desk.write(amina, sample.texts.map((t, i) => (i === CHANGES.paragraph ? CHANGES.text : t)));
    desk.step(amina, 'review-requested', (doc, signer) => sendForReview(doc, signer, plan, { comment: 'The date of the harbour wall is in.' }));
  }
  desk.step(ben, 'approved', (doc, signer) => approve(doc, signer, { comment: 'Clear and warm. Approved.' }));
  desk.step(carmen, 'approved', (doc, signer) => approve(doc, signer));
  if (sample.state === 'Signed') desk.step(carmen, 'signed', (doc, signer) => signMessage(doc, signer, { comment: 'For publication on the city website.' }));
  return desk.doc;
}

// ── Files ───────────────────────────────────────────────────────────────────────────────────

/** DIR must be new or empty, unless --force. */
async function checkFolder(dir: string, force: boolean): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new CliError(`cannot write ${dir}: it is a file, not a folder`, EXIT.usage);
    throw pathError(error, dir, 'read');
  }
  if (entries.length && !force) {
    throw new CliError(`${dir} is not empty; choose a new or empty folder, or add --force to write the sample into it (replacing only the sample's own files)`, EXIT.usage);
  }
}

async function makeFolder(path: string): Promise<void> {
  await fs.mkdir(path, { recursive: true }).catch((error: unknown) => Promise.reject(pathError(error, path, 'write')));
}

/** A profile and a member card for each person; with --force, their earlier sample files are replaced. */
async function makePeople(dir: string, force: boolean): Promise<Record<string, Someone>> {
  const people: Record<string, Someone> = {};
  for (const p of PEOPLE) {
    const profile = join(dir, 'profiles', `${p.slug}.signet-profile`);
    const card = join(dir, 'cards', `${p.slug}.signet-card`);
    if (force) await fs.rm(profile, { force: true }).catch((error: unknown) => Promise.reject(pathError(error, profile, 'write')));
    const details = { name: p.name, titles: [p.title], organisation: ORGANISATION, email: `${p.slug.replace('-', '.')}@aldport.example` };
    let made: Awaited<ReturnType<typeof createProfile>>;
    try {
      made = await createProfile(profile, details, passphraseProtector(SAMPLE_PASSPHRASE));
    } catch (error) {
      if (error instanceof KeyError && error.problem === 'exists') throw new CliError(`${profile} already exists; add --force to replace it`, EXIT.usage);
      throw pathError(error, profile, 'write');
    }
    await writeFileAtomic(card, Buffer.from(memberCard(made.profile, made.signer, cardPdfKey(made.signer, made.profile))), !force).catch((error: unknown) =>
      Promise.reject((error as NodeJS.ErrnoException).code === 'EEXIST' ? new CliError(`${card} already exists; add --force to replace it`, EXIT.usage) : pathError(error, card, 'write')),
    );
    people[p.slug] = { member: made.profile, signer: made.signer };
  }
  return people;
}

/** The roster, from the cards as the owner imports them, each person with their roles. */
async function rosterFromCards(dir: string): Promise<RosterMember[]> {
  const roster: RosterMember[] = [];
  for (const p of PEOPLE) {
    const card = join(dir, 'cards', `${p.slug}.signet-card`);
    const text = await fs.readFile(card, 'utf8').catch((error: unknown) => Promise.reject(pathError(error, card, 'read')));
    roster.push({ ...readMemberCard(text), roles: p.roles });
  }
  return roster;
}

export async function sample(args: CommandArgs, io: Io): Promise<number> {
  const dir = args.operand('DIR');
  const force = args.flag('force');
  await checkFolder(dir, force);
  for (const sub of ['profiles', 'cards', 'library']) await makeFolder(join(dir, sub));
  const people = await makePeople(dir, force);
  const roster = await rosterFromCards(dir);

  io.out(`Made a sample library in ${dir}:`);
  for (const p of PEOPLE) {
    const { member } = people[p.slug];
    io.out(`  profiles/${p.slug}.signet-profile, cards/${p.slug}.signet-card: ${p.name}, ${p.title} (${p.roles.join(', ')}); key ${fingerprint(member.publicKey)}`);
  }
  for (const message of MESSAGES) {
    const doc = buildMessage(message, people, roster);
    const file = join(dir, 'library', `${message.title}.signet`);
    try {
      const state = messageState(doc).state;
      if (state !== message.state) throw new Error(`the sample "${message.title}" came out ${state}, not ${message.state}`);
      await writeMessage(file, doc, force);
    } finally {
      doc.destroy();
    }
    io.out(`  library/${message.title}.signet: ${message.state}`);
  }
  const library = join(dir, 'library');
  io.out('');
  io.out(`The sample profiles' passphrase is "${SAMPLE_PASSPHRASE}": they are only for trying Signet, never for real messages.`);
  io.out(`To open the messages, set the library folder in Signet's Settings to ${library}`);
  io.out(`To check one here: ${invocation()} verify ${shellQuote(join(library, `${MESSAGES[3].title}.signet`))}`);
  return EXIT.ok;
}
