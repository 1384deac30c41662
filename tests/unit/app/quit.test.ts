// Quitting with a message whose last words cannot be saved (a full disk): Signet asks, and keeping
// it open leaves a window to work in, since the window that was closed to quit is gone by then.
import { open as openFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { QuitGuard, type AfterFailedSave } from '../../../electron/app/quit';
import { newMessageDoc, setTitle } from '../../../shared/document/message';
import { testServices, type TestServices } from '../../helpers/services';

let running: TestServices | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await running?.dispose();
  running = null;
});

/** Services with one open message that has words not yet on disk, and a disk that is full from now on. */
async function unsavedOnFullDisk() {
  running = await testServices();
  const { services } = running;
  const call = async <T>(channel: string, ...args: unknown[]): Promise<T> => {
    const reply = await services.dispatch(channel, args);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.value as T;
  };
  const path = await call<string>('message.create', { template: 'blank', title: 'New Year message' });
  const editor = newMessageDoc();
  Y.applyUpdate(editor, (await call<{ state: Uint8Array }>('message.open', path)).state);
  const probe = await openFile(path, 'r');
  await probe.close();
  const handle = Object.getPrototypeOf(probe) as { write: () => Promise<unknown> };
  const full = vi.spyOn(handle, 'write').mockRejectedValue(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
  const before = Y.encodeStateVector(editor);
  setTitle(editor, 'New Year message, second draft');
  await call('message.update', path, Y.encodeStateAsUpdate(editor, before));
  return { services, path, freeSpace: () => full.mockRestore() };
}

function app(services: { closeAll(): Promise<void> }, answer: AfterFailedSave) {
  const seen = { asked: [] as string[], quit: 0, windows: 0 };
  const guard = new QuitGuard({
    closeAll: () => services.closeAll(),
    ask: async (error) => (seen.asked.push(error.message), answer),
    quit: () => void (seen.quit += 1),
    showWindow: () => void (seen.windows += 1),
  });
  return { guard, seen };
}

describe('quitting while the disk is full', () => {
  it('keeps Signet open with a window again, the words kept, and quits once they can be saved', async () => {
    const { services, path, freeSpace } = await unsavedOnFullDisk();
    const { guard, seen } = app(services, 'keep-open');
    expect(guard.beforeQuit()).toBe(false);
    await vi.waitFor(() => expect(seen.windows).toBe(1), { timeout: 10_000 });
    expect(seen.asked).toEqual([expect.stringContaining(path)]);
    expect(seen.quit).toBe(0);
    expect(services.open.get(path)?.doc.getMap('meta').toJSON()).toMatchObject({ title: 'New Year message, second draft' });

    freeSpace();
    expect(guard.beforeQuit()).toBe(false);
    await vi.waitFor(() => expect(seen.quit).toBe(1), { timeout: 10_000 });
    expect(services.open.size).toBe(0);
    // The quit that follows goes through.
    expect(guard.beforeQuit()).toBe(true);
    expect(seen.windows).toBe(1);
  });

  it('quits when the person chooses to lose the unsaved words', async () => {
    const { services } = await unsavedOnFullDisk();
    const { guard, seen } = app(services, 'quit');
    expect(guard.beforeQuit()).toBe(false);
    await vi.waitFor(() => expect(seen.quit).toBe(1), { timeout: 10_000 });
    expect(seen.windows).toBe(0);
    expect(guard.leaving).toBe(true);
  });

  it('asks once however many times quit is chosen while saving', async () => {
    const { services } = await unsavedOnFullDisk();
    const { guard, seen } = app(services, 'keep-open');
    expect([guard.beforeQuit(), guard.beforeQuit(), guard.beforeQuit()]).toEqual([false, false, false]);
    await vi.waitFor(() => expect(seen.windows).toBe(1), { timeout: 10_000 });
    expect(seen.asked).toHaveLength(1);
  });

  it('at a Windows shutdown, saves what it can without asking (nobody is there to answer) and quits', async () => {
    const { services } = await unsavedOnFullDisk();
    const { guard, seen } = app(services, 'keep-open');
    expect(guard.sessionEnding()).toBe(true);
    await vi.waitFor(() => expect(seen.quit).toBe(1), { timeout: 10_000 });
    expect(seen.asked).toEqual([]);
    expect(guard.sessionEnding()).toBe(false);
  });
});
