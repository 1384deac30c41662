// The live server's SQLite file: each accepted change logged before it is acknowledged, folded into the state.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LiveStore } from '../../../electron/services/live/store';

let dir = '';
afterEach(async () => void (dir && (await rm(dir, { recursive: true, force: true }))));

describe('the live store', () => {
  it('keeps every appended change through a reopen, before and after compaction', async () => {
    dir = await mkdtemp(join(tmpdir(), 'signet-live-'));
    const doc = new Y.Doc({ gc: false });
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    let store = await LiveStore.open(dir);
    doc.getText('t').insert(0, 'one ');
    await store.append('m', updates[0]);
    await store.compact('m', doc);
    doc.getText('t').insert(4, 'two');
    await store.append('m', updates[1]);
    await store.close();
    store = await LiveStore.open(dir);
    const back = new Y.Doc({ gc: false });
    Y.applyUpdate(back, (await store.fetch('m'))!);
    expect(back.getText('t').toString()).toBe('one two');
    expect(await store.fetch('unknown')).toBeNull();
    await store.close();
  });

  it('commits changes appended together, and close waits for those still queued', async () => {
    dir = await mkdtemp(join(tmpdir(), 'signet-live-'));
    const doc = new Y.Doc({ gc: false });
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 300; i++) doc.getText('t').insert(i, 'x');
    let store = await LiveStore.open(dir);
    const first = store.append('m', updates[0]);
    const rest = updates.slice(1).map((u) => store.append('m', u));
    await first;
    await store.close();
    await Promise.all(rest);
    store = await LiveStore.open(dir);
    const back = new Y.Doc({ gc: false });
    Y.applyUpdate(back, (await store.fetch('m'))!);
    expect(back.getText('t').toString()).toBe('x'.repeat(300));
    await store.close();
  });
});
