// `signet merge` of a reviewer's copy edited by script, run as a user runs it (`node bin/signet.js`
// in a child process; needs the build). Direct edits arrive as the reviewer's suggestions, said in
// the output; a copy that logs a decision in the author's name is refused, FILE byte for byte as it was.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { messageText } from '../../../shared/document';
import { decideSuggestions, listSuggestions } from '../../../shared/review';
import { encodeMessageFile, loadLog } from '../../../electron/services/files/message-file';
import { BUILT_CLI, runSignet } from '../../helpers/cli';
import { ADA, BEN, place, round } from '../../helpers/reviewer-copy';

let dir = '';
const path = (name: string) => join(dir, name);
const save = (name: string, doc: Y.Doc) => writeFileSync(path(name), encodeMessageFile(doc));
const load = (name: string) => loadLog(readFileSync(path(name)), name).doc;

/** A review round (tests/helpers/reviewer-copy.ts) with Ada's message saved as `draft`. */
function saved(draft: string): { doc: Y.Doc; copy: Y.Doc } {
  const { doc, copy } = round();
  save(draft, doc);
  return { doc, copy };
}

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: build first with \`npx electron-vite build\``);
  dir = mkdtempSync(join(tmpdir(), 'signet-merge-reviewer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('signet merge of a hostile reviewer copy', () => {
  it('brings Ben’s direct edit in as his suggestion, says so, and leaves the text as it stood', async () => {
    const { doc, copy } = saved('direct.signet');
    const { text, at } = place(copy, 'June');
    text.delete(at, 'June'.length);
    text.insert(at, 'March');
    save('direct-copy.signet', copy);
    const result = await runSignet(dir, ['merge', 'direct.signet', 'direct-copy.signet']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("by Ben Okafor brought in as Ben Okafor's suggestion, not as accepted text");
    const merged = load('direct.signet');
    expect(messageText(merged)).toBe(messageText(doc));
    const bens = listSuggestions(merged).filter((s) => s.author.name === BEN.name);
    expect(bens.map((s) => [s.change, s.deleted, s.inserted])).toEqual([['replace', 'June', 'March']]);
  });

  it('refuses a copy that logs a rejection as Ada’s with exit 1, FILE byte for byte as it was', async () => {
    const { copy } = saved('forged.signet');
    const carmens = listSuggestions(copy)[0]!;
    decideSuggestions(copy, new Set([carmens.id]), 'rejected', ADA);
    save('forged-copy.signet', copy);
    const before = readFileSync(path('forged.signet'));
    const result = await runSignet(dir, ['merge', 'forged.signet', 'forged-copy.signet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("this copy is Ben Okafor's review copy, and logs 1 decision on suggestions as made by Ada Mensah");
    expect(readFileSync(path('forged.signet')).equals(before)).toBe(true);
  });
});
