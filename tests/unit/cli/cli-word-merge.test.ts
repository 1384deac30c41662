// `signet merge FILE review.docx`: a Word review of a copy sent with `export --docx` comes back as
// suggestions and threads, with one line saying from whom; merged twice, nothing new; a Word file
// not sent from FILE is refused with exit 2 and FILE byte for byte as it was.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMessageFile, loadLog } from '../../../electron/services/files/message-file';
import { listSuggestions, listThreads } from '../../../shared/review';
import { messageDigest } from '../../../shared/document';
import { BUILT_CLI, runSignet } from '../../helpers/cli';
import { reviewedDraft } from '../../helpers/word';
import { budgetMessage, date, wordReviewOf } from '../../helpers/word-review';
import { AUTHOR, signOff } from '../../helpers/signed';
import { recordVersion } from '../../../shared/history';
import { wordReviewSource } from '../../../shared/version-names';
import { makeWordCopy } from '../../../electron/services/export/word-copy';

let dir = '';
const signet = (...args: string[]) => runSignet(dir, args);
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: build the command line tool first with \`npx electron-vite build\`.`);
  dir = mkdtempSync(join(tmpdir(), 'signet-word-merge-'));
  writeFileSync(path('budget.signet'), encodeMessageFile(await budgetMessage('m-1')));
  writeFileSync(path('other.signet'), encodeMessageFile(await budgetMessage('m-2')));
  writeFileSync(path('draft.docx'), await reviewedDraft());
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('signet merge FILE review.docx', () => {
  it('brings the Word review in as suggestions and threads, once', async () => {
    expect((await signet('export', 'budget.signet', '--docx', 'sent.docx')).code).toBe(0);
    writeFileSync(path('review.docx'), await wordReviewOf(readFileSync(path('sent.docx'))));
    const digest = messageDigest(loadLog(readFileSync(path('budget.signet')), 'budget.signet').doc);
    const merged = await signet('merge', 'budget.signet', 'review.docx');
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    // No version says whom it was sent to (`export --docx` records none): its first Word author's review.
    expect(merged.stdout).toBe("From Ben Okafor's Word review: 3 suggestions, 2 comments\n");
    const doc = loadLog(readFileSync(path('budget.signet')), 'budget.signet').doc;
    expect(listSuggestions(doc)).toHaveLength(3);
    expect(listThreads(doc)).toHaveLength(1);
    expect(messageDigest(doc)).toBe(digest);

    const before = readFileSync(path('budget.signet'));
    const again = await signet('merge', 'budget.signet', 'review.docx');
    expect([again.code, again.stdout]).toEqual([0, "From Ben Okafor's Word review: nothing new\n"]);
    expect(readFileSync(path('budget.signet')).equals(before)).toBe(true);
  });

  it('refuses a Word file not sent from Signet and one sent from another message with exit 2, the file as it was', async () => {
    expect((await signet('export', 'other.signet', '--docx', 'other-sent.docx')).code).toBe(0);
    writeFileSync(path('other-review.docx'), await wordReviewOf(readFileSync(path('other-sent.docx'))));
    const before = readFileSync(path('budget.signet'));
    const plain = await signet('merge', 'budget.signet', 'draft.docx');
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('draft.docx: draft.docx was not sent from Signet (it has no Signet mark); nothing was merged (it can still be opened as a new message); budget.signet is as it was');
    const foreign = await signet('merge', 'budget.signet', 'other-review.docx');
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('was sent from another message, not from "Budget statement"');
    writeFileSync(path('text.docx'), 'not a Word file');
    const renamed = await signet('merge', 'budget.signet', 'text.docx');
    expect(renamed.code).toBe(2);
    expect(readFileSync(path('budget.signet')).equals(before)).toBe(true);
    expect(existsSync(path('budget.signet.lock'))).toBe(false);
  });

  it('says which changes and comments signed in Word with another roster member’s name came in as the recipient’s', async () => {
    const doc = await budgetMessage('m-3');
    signOff(doc, 'Draft'); // Amina, Ben and Carmen on the roster
    const sent = (await makeWordCopy(doc, date)).bytes;
    recordVersion(doc, { kind: 'workflow', author: AUTHOR, name: 'Sent to Ben Okafor as a Word file', source: wordReviewSource('Ben Okafor') });
    writeFileSync(path('roster.signet'), encodeMessageFile(doc));
    writeFileSync(path('roster-review.docx'), await wordReviewOf(sent));
    const merged = await signet('merge', 'roster.signet', 'roster-review.docx');
    expect([merged.code, merged.stderr]).toEqual([0, '']);
    expect(merged.stdout).toBe('From Ben Okafor\'s Word review: 3 suggestions, 2 comments; 1 comment signed "Carmen Ruiz" in Word brought in as Ben Okafor\'s\n');
    const thread = listThreads(loadLog(readFileSync(path('roster.signet')), 'roster.signet').doc)[0]!;
    expect(thread.comments.map((c) => [c.author.name, c.text])).toEqual([
      ['Ben Okafor', 'Which roads?'],
      ['Ben Okafor', 'The ring road.'],
    ]);
  });
});
