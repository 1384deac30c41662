// `signet new FILE --from draft.docx`, run as a user runs the built tool: what it prints, what the
// message holds, and the Word files it refuses (exit 2, the reason, nothing written).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, runSignet } from '../../helpers/cli';
import { encryptedDocx, formattedDraft, plainZip, reviewedDraft, zipBomb } from '../../helpers/word';

let dir = '';
const signet = (...args: string[]) => runSignet(dir, args);
const path = (name: string) => join(dir, name);

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: build the command line tool first with \`npx electron-vite build\`.`);
  dir = mkdtempSync(join(tmpdir(), 'signet-word-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('signet new --from a Word file', () => {
  it('brings in the words, says what came in from Word and what did not', async () => {
    writeFileSync(path('address.docx'), await formattedDraft());
    const made = await signet('new', 'address.signet', '--from', 'address.docx');
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^created address\.signet: "New Year Address", with a first version "Created from address\.docx"/);
    expect(made.stdout).toContain('  1 image, 1 table, 1 header and 1 footer were not imported.');
    const text = await signet('text', 'address.signet');
    expect(text.stdout).toContain('Dear residents, this year was hard, long, shared and never easy.');
    expect(text.stdout).toContain('Yours sincerely,');
  });

  it('makes tracked changes suggestions by the Word author, which `signet suggestions` lists', async () => {
    writeFileSync(path('review.docx'), await reviewedDraft());
    const made = await signet('new', 'review.signet', '--from', 'review.docx');
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('  from Word: 3 suggestions from tracked changes and 2 comment threads with 1 reply, by Ben Okafor, Carmen Ruiz');
    expect((await signet('text', 'review.signet')).stdout).toContain('We will spend three million pounds on roads and nothing else.');
    const listed = JSON.parse((await signet('suggestions', 'review.signet', '--json')).stdout) as { author: { name: string }; kind: string }[];
    expect(listed.map((s) => [s.kind, s.author.name])).toEqual([
      ['insert', 'Ben Okafor'],
      ['delete', 'Ben Okafor'],
      ['replace', 'Ben Okafor'],
    ]);
  });

  it('refuses what is not a Word file it can read: exit 2, the reason, and nothing written', async () => {
    const good = await formattedDraft();
    const cases: [string, Uint8Array, RegExp][] = [
      ['renamed.docx', new TextEncoder().encode('Dear residents,\n\nA new year begins.\n'), /it is plain text, not a Word file \(a \.txt renamed \.docx\?\)/],
      ['truncated.docx', good.subarray(0, Math.floor(good.length * 0.6)), /it is damaged or cut short: its zip directory cannot be read/],
      ['photos.docx', plainZip(), /it is a zip file but not an Office document/],
      ['locked.docx', encryptedDocx(), /it is encrypted \(protected by a password\)/],
      ['bomb.docx', zipBomb(), /\(a zip bomb\?\); nothing was read/],
      ['huge.docx', new Uint8Array(51 * 1024 * 1024), /Signet opens Word files of up to 50 MB/],
    ];
    for (const [name, bytes, reason] of cases) {
      writeFileSync(path(name), bytes);
      const out = name.replace('.docx', '.signet');
      const result = await signet('new', out, '--from', name);
      expect(result.code, name).toBe(2);
      const line = result.stderr.trimEnd().split('\n')[0]!;
      expect(line).toMatch(new RegExp(`^signet new: cannot import ${name.replace('.', '\\.')}: `));
      expect(line).toMatch(reason);
      expect(line).toMatch(/; nothing was written$/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(path(out)), `${out} was written`).toBe(false);
    }
    // With --force over a message that exists, that message stays byte for byte as it was.
    const before = readFileSync(path('address.signet'));
    const forced = await signet('new', 'address.signet', '--from', 'truncated.docx', '--force');
    expect(forced.code).toBe(2);
    expect(readFileSync(path('address.signet')).equals(before)).toBe(true);
  });
});
