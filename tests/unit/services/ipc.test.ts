// The IPC contract rejects bad arguments with a typed error before any handler runs.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/services/services';
import { testServices, type TestServices } from '../../helpers/services';

let setup: TestServices;
let dir: string;
let services: Services;
let path: string;

beforeAll(async () => {
  setup = await testServices();
  ({ dir, services } = setup);
  const created = await services.dispatch('message.create', [{ template: 'letter' }]);
  if (!created.ok) throw new Error(created.error.message);
  path = created.value as string;
});
afterAll(() => setup.dispose());

describe('IPC validation', () => {
  const rejects = async (channel: string, args: unknown[], message: RegExp) => {
    const before = await readFile(path);
    const files = await readdir(join(dir, 'lib'));
    const reply = await services.dispatch(channel, args);
    expect(reply).toEqual({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(message) } });
    // Nothing was touched.
    expect(await readFile(path)).toEqual(before);
    expect(await readdir(join(dir, 'lib'))).toEqual(files);
  };

  it('refuses an unknown channel', () => rejects('shell.openExternal', ['https://example.org'], /unknown channel/));
  it('refuses a relative path or a file that is not a message', async () => {
    await rejects('message.open', ['../../etc/passwd'], /absolute path to a \.signet file/);
    await rejects('message.open', ['/etc/passwd'], /absolute path to a \.signet file/);
    await rejects('message.trash', [42], /argument 0/);
  });
  it('refuses a rename to an empty or enormous title', async () => {
    await rejects('message.rename', [path, '   '], /argument 1/);
    await rejects('message.rename', [path, 'x'.repeat(201)], /argument 1/);
  });
  it('refuses an update that is not bytes, and extra arguments', async () => {
    const opened = await services.dispatch('message.open', [path]);
    expect(opened.ok).toBe(true);
    await rejects('message.update', [path, 'DROP TABLE'], /must be bytes/);
    await rejects('message.update', [path, [1, 2, 3]], /must be bytes/);
    await rejects('message.close', [path, 'extra'], /arguments/);
    await services.dispatch('message.close', [path]);
  });
  it('refuses settings out of range and a template that does not exist', async () => {
    await rejects('settings.set', [{ wordsPerMinute: 0 }], /argument 0/);
    await rejects('message.create', [{ template: 'ransom-note' }], /argument 0/);
  });
  it('answers a good call', async () => {
    const reply = await services.dispatch('library.list', []);
    expect(reply.ok && (reply.value as { title: string }[]).map((m) => m.title)).toEqual(['Letter']);
  });
  it('refuses messages outside the library that the person did not choose, and a library folder the page names', async () => {
    const { writeFile } = await import('node:fs/promises');
    const outside = join(dir, 'elsewhere.signet');
    await writeFile(outside, await readFile(path));
    const denied = await services.dispatch('message.open', [outside]);
    expect(denied).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('not in your library') } });
    expect(services.open.size).toBe(0);
    services.grant(outside);
    const chosen = await services.dispatch('message.open', [outside]);
    expect(chosen.ok).toBe(true);
    await services.dispatch('message.close', [outside]);
    const moved = await services.dispatch('settings.set', [{ libraryFolder: '/etc' }]);
    expect(moved).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
