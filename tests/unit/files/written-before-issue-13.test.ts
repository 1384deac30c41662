// A message written by Signet before issue 13 (tests/fixtures/written-before-issue-13.signet: a
// renamed version, an edited reply, a deleted comment, a resolved and a reopened thread, a roster, a
// review, an approval and a request for changes, all made by overwriting entries as Signet did then)
// still reads as it did, and takes the new append-only changes: a copy that renames, resolves and
// signs off on it merges under the guard.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMessageFile } from '../../../electron/services/files/message-file';
import { mergeCopy } from '../../../electron/services/review/merge';
import { findVersion, listVersions, renameVersion } from '../../../shared/history';
import { listThreads, setResolved } from '../../../shared/review';
import { messageState, verifyRecords } from '../../../shared/signoff';
import { copyOf } from '../../helpers/history';

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/written-before-issue-13.signet');
const ANN = { name: 'Ann Lee', title: 'Speechwriter' };

describe('a message written before the append-only logs', () => {
  it('reads as Signet read it then: names, comments, resolved threads and the sign-off state', async () => {
    const { doc } = await readMessageFile(FIXTURE);
    expect(listVersions(doc).map((v) => [v.kind, v.name, v.note])).toEqual([
      ['workflow', 'Sent for review', ''],
      ['named', 'First draft (for Ben)', 'sent round'],
    ]);
    const threads = listThreads(doc).sort((a, b) => a.comments[0].at.localeCompare(b.comments[0].at));
    expect(threads.map((t) => [t.resolved, t.resolvedBy?.name ?? null, t.comments.map((c) => (c.deleted ? '(deleted)' : c.text))])).toEqual([
      [true, 'Ann Lee', ['Say "new harbour"?', 'Done, thank you.']],
      [false, null, ['(deleted)', 'Where?']],
      [false, null, ['Reopened one']],
    ]);
    expect(threads[0].comments[1].editedAt).toBe('2026-01-02T10:06:00.000Z');
    expect(verifyRecords(doc).map((c) => c.status)).toEqual(['verified', 'verified', 'verified', 'verified']);
    expect(messageState(doc).state).toBe('Changes requested');
  });

  it('takes new changes as log entries, and a copy carrying them merges into the old file under the guard', async () => {
    const { doc } = await readMessageFile(FIXTURE);
    const before = readFileSync(FIXTURE);
    const copy = copyOf(doc);
    const draft = findVersion(copy, 'First draft (for Ben)')!;
    renameVersion(copy, draft.id, 'First draft', 'as sent to Ben');
    const reopened = listThreads(copy).find((t) => t.comments[0].text === 'Reopened one')!;
    setResolved(copy, reopened.id, true, ANN);
    const summary = mergeCopy(doc, copy);
    expect(summary.nothingNew).toBe(false);
    expect(findVersion(doc, 'First draft')).toMatchObject({ id: draft.id, note: 'as sent to Ben' });
    expect(listThreads(doc).find((t) => t.id === reopened.id)).toMatchObject({ resolved: true, resolvedBy: ANN });
    // Reading it changed nothing on disk.
    expect(readFileSync(join(FIXTURE)).equals(before)).toBe(true);
  });
});
