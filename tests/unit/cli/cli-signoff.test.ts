// `signet status`, `verify` and `sample`, run as a user runs them: `node bin/signet.js ...` in a
// child process. One sample library is made at the start and read by every test; a test that
// changes a message (tampers with a record, edits the text) does so in a copy of its own. It needs
// the build (`npx electron-vite build`).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_SIZE, RECORD_HEADER_SIZE, readMessageFile } from '../../../electron/services/files/message-file';
import { createMessageFile } from '../../../electron/services/files/message-store';
import { loadProfile, passphraseProtector, readMemberCard, unlockKey } from '../../../electron/services/signoff/keys';
import { messageText } from '../../../shared/document';
import { RECORDS } from '../../../shared/signoff';
import { listVersions } from '../../../shared/history';
import { $replace } from '../../helpers/history';
import { editAs } from '../../helpers/review';
import { BIN, BUILT_CLI, runSignet, type Result } from '../../helpers/cli';

const ROOT = resolve(import.meta.dirname, '../../..');

/** The sample's messages by state, and the file each is in. */
const MESSAGES = {
  Draft: 'Letter to Harbour district residents.signet',
  'In review': 'Opening of the Riverside Library.signet',
  Approved: 'Budget address to the City Council.signet',
  Signed: 'New Year message.signet',
} as const;
type SampleState = keyof typeof MESSAGES;

const AMINA = { name: 'Amina Yusuf', title: 'Head of Speechwriting' };
const BEN = { name: 'Ben Okafor', title: 'Chief of Staff' };
const CARMEN = { name: 'Carmen Ruiz', title: 'Mayor' };

let dir = '';
let made: Result;

const signet = (...args: string[]) => runSignet(dir, args, 60_000);

const path = (name: string) => join(dir, name);
const sample = (state: SampleState) => join('sample', 'library', MESSAGES[state]);

interface StatusJson {
  state: string;
  requiredApprovers: { name: string; approved: boolean }[];
  signatory: { name: string } | null;
  roster: { name: string; roles: string[] }[];
  records: { number: number; kind: string; signer: { name: string }; status: string; reason?: string; comment: string; version?: string }[];
}

async function status(file: string): Promise<StatusJson> {
  const result = await signet('status', file);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as StatusJson;
}

/** A copy of a sample message with one stored record changed, written as a whole new file. */
async function tampered(state: SampleState, name: string, index: number, change: (record: Record<string, unknown>) => void): Promise<string> {
  const { doc } = await readMessageFile(path(sample(state)));
  const records = doc.getArray<Record<string, unknown>>(RECORDS);
  const record = { ...records.get(index) };
  change(record);
  doc.transact(() => {
    records.delete(index, 1);
    records.insert(index, [record]);
  });
  await createMessageFile(path(name), doc);
  doc.destroy();
  return name;
}

/** One character of a string changed. */
const oneCharacter = (text: string): string => text.slice(0, -1) + (text.endsWith('1') ? '2' : '1');

beforeAll(async () => {
  if (!existsSync(BUILT_CLI)) {
    throw new Error(`${BUILT_CLI} is missing: build the command line tool first with \`npx electron-vite build\` (or \`npm run build\`).`);
  }
  const built = statSync(BUILT_CLI).mtimeMs;
  const sources = ['electron/cli/signoff.ts', 'electron/cli/sample.ts', 'electron/cli/commands.ts', 'shared/signoff/workflow.ts', 'shared/signoff/records.ts'].filter(
    (f) => statSync(join(ROOT, f)).mtimeMs > built,
  );
  if (sources.length) throw new Error(`out/main/cli.js is older than ${sources[0]}: rebuild with \`npx electron-vite build\`.`);
  dir = mkdtempSync(join(tmpdir(), 'signet-cli-signoff-'));
  made = await signet('sample', 'sample');
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('signet sample', () => {
  it('makes three profiles, their cards and one message in each state, and says how to open them', () => {
    expect(made.code, made.stderr).toBe(0);
    expect(made.stderr).toBe('');
    expect(readdirSync(path('sample')).sort()).toEqual(['cards', 'library', 'profiles']);
    expect(readdirSync(path('sample/profiles')).sort()).toEqual(['amina-yusuf.signet-profile', 'ben-okafor.signet-profile', 'carmen-ruiz.signet-profile']);
    expect(readdirSync(path('sample/cards')).sort()).toEqual(['amina-yusuf.signet-card', 'ben-okafor.signet-card', 'carmen-ruiz.signet-card']);
    expect(readdirSync(path('sample/library')).sort()).toEqual(Object.values(MESSAGES).sort());
    for (const [state, file] of Object.entries(MESSAGES)) expect(made.stdout).toContain(`library/${file}: ${state}\n`);
    expect(made.stdout).toContain('"sample passphrase"');
    expect(made.stdout).toContain(`set the library folder in Signet's Settings to ${join('sample', 'library')}`);
  });

  it('suggests a check as it can be run from here: signet is not on the PATH, so through node', async () => {
    const line = made.stdout.split('\n').find((l) => l.startsWith('To check one here: '))!;
    expect(line).toBe(`To check one here: node ${BIN} verify 'sample/library/New Year message.signet'`);
    const run = spawnSync('sh', ['-c', line.slice('To check one here: '.length)], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ok: sample\/library\/New Year message\.signet is Signed/m);
  });

  it('seals each key with the sample passphrase, and each card carries the public half', async () => {
    for (const [slug, who] of [['amina-yusuf', AMINA], ['ben-okafor', BEN], ['carmen-ruiz', CARMEN]] as const) {
      const profile = await loadProfile(path(`sample/profiles/${slug}.signet-profile`));
      expect(profile).toMatchObject({ name: who.name, titles: [who.title], key: { protection: 'passphrase' } });
      const card = readMemberCard(readFileSync(path(`sample/cards/${slug}.signet-card`), 'utf8'));
      expect(card.publicKey).toBe(profile.publicKey);
      if (slug === 'carmen-ruiz') expect((await unlockKey(profile, passphraseProtector('sample passphrase'))).publicKey).toBe(profile.publicKey);
    }
  });

  it('writes real text, with a "workflow" version by the right person before each step', async () => {
    const { doc } = await readMessageFile(path(sample('Signed')));
    expect(messageText(doc)).toContain('we will finish the harbour wall by June');
    const steps = listVersions(doc)
      .reverse()
      .map((v) => `${v.kind} ${v.name} by ${v.author.name}`);
    expect(steps).toEqual([
      'workflow Roster changed by Amina Yusuf',
      'workflow Sent for review by Amina Yusuf',
      'workflow Changes requested by Ben Okafor',
      'workflow Sent for review by Amina Yusuf',
      'workflow Approved by Ben Okafor',
      'workflow Approved by Carmen Ruiz',
      'workflow Signed by Carmen Ruiz',
    ]);
    doc.destroy();
    for (const state of ['Draft', 'In review', 'Approved'] as const) {
      const other = (await readMessageFile(path(sample(state)))).doc;
      expect(messageText(other)).not.toMatch(/\[[^\]]*\]/); // every template placeholder was written over
      other.destroy();
    }
  });

  it("names who made the change the review asked for, as the history panel does", async () => {
    const { doc } = await readMessageFile(path(sample('Signed')));
    const asked = listVersions(doc).find((v) => v.name === 'Changes requested')!;
    doc.destroy();
    const diff = await signet('diff', sample('Signed'), asked.id, 'current');
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('harbour wall{+ by June+} (Amina Yusuf)');
  });

  it('refuses a folder that is not empty (exit 2) and writes nothing; with --force writes the sample into it', async () => {
    mkdirSync(path('busy'));
    writeFileSync(path('busy/notes.txt'), 'mine');
    const refused = await signet('sample', 'busy');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe('signet sample: busy is not empty; choose a new or empty folder, or add --force to write the sample into it (replacing only the sample\'s own files)\n');
    expect(readdirSync(path('busy'))).toEqual(['notes.txt']);

    writeFileSync(path('a-file'), 'not a folder');
    const file = await signet('sample', 'a-file');
    expect(file.code).toBe(2);
    expect(file.stderr).toBe('signet sample: cannot write a-file: it is a file, not a folder\n');

    const forced = await signet('sample', 'busy', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(path('busy/notes.txt'), 'utf8')).toBe('mine');
    expect((await status(join('busy', 'library', MESSAGES.Signed))).state).toBe('Signed');
    // Again over its own sample: the profiles, cards and messages are replaced, with new keys.
    const before = readFileSync(path('busy/cards/ben-okafor.signet-card'), 'utf8');
    expect((await signet('sample', 'busy', '--force')).code).toBe(0);
    expect(readFileSync(path('busy/cards/ben-okafor.signet-card'), 'utf8')).not.toBe(before);
    expect((await signet('verify', join('busy', 'library', MESSAGES.Approved))).code).toBe(0);
  });
});

describe.concurrent('signet status', () => {
  it('says each sample message\'s state, its approvers and signatory, and every record verified', async () => {
    const expected: Record<SampleState, string[]> = {
      Draft: ['roster Amina Yusuf verified'],
      'In review': ['roster Amina Yusuf verified', 'review-requested Amina Yusuf verified'],
      Approved: ['roster Amina Yusuf verified', 'review-requested Amina Yusuf verified', 'approved Ben Okafor verified', 'approved Carmen Ruiz verified'],
      Signed: [
        'roster Amina Yusuf verified',
        // The first round, about the text before Ben's changes: genuine, but stale.
        'review-requested Amina Yusuf stale',
        'changes-requested Ben Okafor stale',
        'review-requested Amina Yusuf verified',
        'approved Ben Okafor verified',
        'approved Carmen Ruiz verified',
        'signed Carmen Ruiz verified',
      ],
    };
    for (const state of Object.keys(MESSAGES) as SampleState[]) {
      const json = await status(sample(state));
      expect(json.state).toBe(state);
      expect(json.records.map((r) => `${r.kind} ${r.signer.name} ${r.status}`)).toEqual(expected[state]);
      expect(json.records.map((r) => r.number)).toEqual(expected[state].map((_, i) => i + 1));
      expect(json.records.every((r) => r.version && !r.reason)).toBe(true);
      expect(json.roster.map((m) => `${m.name}: ${m.roles.join(' ')}`)).toEqual(['Amina Yusuf: owner author', 'Ben Okafor: approver', 'Carmen Ruiz: approver signatory']);
      const approvers = state === 'Draft' ? [] : [`Ben Okafor ${state !== 'In review'}`, `Carmen Ruiz ${state !== 'In review'}`];
      expect(json.requiredApprovers.map((a) => `${a.name} ${a.approved}`)).toEqual(approvers);
      expect(json.signatory?.name ?? null).toBe(state === 'Draft' ? null : 'Carmen Ruiz');
    }
  });

  it('reads without writing: the file is byte for byte as it was, and no lock is taken', async () => {
    const file = sample('Approved');
    const [before, mtime] = [readFileSync(path(file)), statSync(path(file)).mtimeMs];
    await status(file);
    expect((await signet('verify', file)).code).toBe(0);
    expect(readFileSync(path(file)).equals(before)).toBe(true);
    expect(statSync(path(file)).mtimeMs).toBe(mtime);
    expect(existsSync(path(`${file}.lock`))).toBe(false);
  });
});

describe.concurrent('signet verify', () => {
  it('exits 0 on the Approved and Signed samples, one line per record and the state last', async () => {
    const approved = await signet('verify', sample('Approved'));
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stderr).toBe('');
    const lines = approved.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^record 3 \(Approved, by Ben Okafor, \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC\): verified$/);
    expect(lines[4]).toMatch(new RegExp(`^ok: ${sample('Approved')} is Approved: approved by Ben Okafor, Carmen Ruiz; the text's digest is [0-9a-f ]{14}$`));

    const signed = await signet('verify', sample('Signed'));
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stdout).toMatch(/^record 3 \(Changes requested, by Ben Okafor, [^)]*\): stale: genuine, but about an earlier text \(digest [0-9a-f ]{14}, version [0-9a-f]{16} "Changes requested"\), not the text now$/m);
    expect(signed.stdout).toMatch(/^record 2 \(Sent for review, [^)]*\): stale: .*version [0-9a-f]{16} "Sent for review"\)/m);
    expect(signed.stdout).toMatch(/^ok: .* is Signed: approved by Ben Okafor, Carmen Ruiz, signed by Carmen Ruiz on \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC;/m);
  });

  it('exits 1 on the Draft and In review samples, saying the state and why', async () => {
    const draft = await signet('verify', sample('Draft'));
    expect(draft.code).toBe(1);
    expect(draft.stdout).toMatch(/^record 1 \(Roster changed, by Amina Yusuf, [^)]*\): verified\n$/);
    expect(draft.stderr).toBe(`signet verify: ${sample('Draft')} is Draft, not Approved or Signed: it has not been sent for review\n`);
    const review = await signet('verify', sample('In review'));
    expect(review.code).toBe(1);
    expect(review.stderr).toBe(`signet verify: ${sample('In review')} is In review, not Approved or Signed: waiting for the approval of Ben Okafor, Carmen Ruiz\n`);
  });

  it('names a record whose comment was changed after signing, and why; the approval no longer counts', async () => {
    const copy = await tampered('Approved', 'tampered-comment.signet', 2, (r) => void (r.comment = oneCharacter(r.comment as string)));
    const result = await signet('verify', copy);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^record 3 \(Approved, by Ben Okafor, [^)]*\): invalid: the signature does not match the record \(it was forged, or changed after signing\)$/m);
    expect(result.stderr).toBe(
      [
        `signet verify: ${copy}: Record 3 (Approved, by Ben Okafor): the signature does not match the record (it was forged, or changed after signing)`,
        `signet verify: ${copy} is In review, not Approved or Signed: waiting for the approval of Ben Okafor`,
        '',
      ].join('\n'),
    );
    const json = await status(copy);
    expect(json.state).toBe('In review');
    expect(json.records[2]).toMatchObject({ number: 3, status: 'invalid', reason: expect.stringContaining('signature') });
    expect(json.requiredApprovers.map((a) => a.approved)).toEqual([false, true]);
  });

  it('exits 1 when the signature\'s time was changed, even though the approvals still make it Approved', async () => {
    const copy = await tampered('Signed', 'tampered-time.signet', 6, (r) => void (r.time = (r.time as string).replace(/\d(?=Z$)/, (d) => String((Number(d) + 1) % 10))));
    const result = await signet('verify', copy);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `signet verify: ${copy}: Record 7 (Signed, by Carmen Ruiz): the signature does not match the record (it was forged, or changed after signing)\n`,
    );
    expect((await status(copy)).state).toBe('Approved');
  });

  it('exits 1 once the text changed after approval: the approvals are stale, and the message is back in Draft', async () => {
    const { doc } = await readMessageFile(path(sample('Approved')));
    editAs(doc, AMINA, (s) => s.edit(() => $replace('twelve kilometres', 'fifteen kilometres')));
    await createMessageFile(path('edited.signet'), doc);
    doc.destroy();
    const result = await signet('verify', 'edited.signet');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^record 3 \(Approved, by Ben Okafor, [^)]*\): stale: genuine, but about an earlier text .*version [0-9a-f]{16} "Approved"\), not the text now$/m);
    expect(result.stderr).toBe(
      'signet verify: edited.signet is Draft, not Approved or Signed: the text has changed since it was sent for review; its approvals are for an earlier text\n',
    );
  });

  it('exits 1 on a damaged file with the byte where it is damaged, and 2 on a missing one', async () => {
    copyFileSync(path(sample('Signed')), path('damaged.signet'));
    const damaged = readFileSync(path('damaged.signet'));
    damaged[HEADER_SIZE + RECORD_HEADER_SIZE + 5] ^= 0x20;
    writeFileSync(path('damaged.signet'), damaged);
    for (const command of ['verify', 'status']) {
      const result = await signet(command, 'damaged.signet');
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`signet ${command}: damaged.signet: a record fails its checksum at byte ${HEADER_SIZE}\n`);
    }
    const missing = await signet('verify', 'missing.signet');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('signet verify: cannot read missing.signet: no such file or folder\n');
  });
});

describe.concurrent('help and usage', () => {
  it('lists the three commands and explains each, by `help COMMAND` and `COMMAND --help` alike', async () => {
    const overview = await signet('--help');
    for (const name of ['status', 'verify', 'sample']) expect(overview.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    const usage = { status: 'signet status FILE', verify: 'signet verify FILE [--cards PATH]', sample: 'signet sample DIR [--force]' };
    for (const [name, line] of Object.entries(usage)) {
      const [viaHelp, viaFlag] = [await signet('help', name), await signet(name, '--help')];
      expect(viaHelp.code).toBe(0);
      expect(viaFlag.stdout).toBe(viaHelp.stdout);
      expect(viaHelp.stdout).toMatch(new RegExp(`^Usage: ${line.replace(/[[\]]/g, '\\$&')}\n`));
      expect(viaHelp.stdout).toContain(`Example:\n  signet ${name} `);
    }
    expect((await signet('help', 'sample')).stdout).toContain('"sample passphrase"');
    expect((await signet('help', 'verify')).stdout).toContain('Exits 0 when no record is invalid and the message is Approved or Signed');
  });

  it('a missing or extra operand, or an unknown option, is a usage error (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['verify'], 'signet verify: missing FILE'],
      [['status', 'a.signet', 'b.signet'], "signet status: unexpected argument 'b.signet'"],
      [['sample'], 'signet sample: missing DIR'],
      [['verify', 'a.signet', '--force'], "signet verify: unknown option '--force'"],
    ];
    for (const [args, message] of cases) {
      const result = await signet(...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')[0]).toBe(message);
      expect(result.stderr).toContain(`Run 'signet ${args[0]} --help' for usage.`);
    }
  });
});
