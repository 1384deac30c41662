// A writer killed while compacting leaves a hidden temporary file beside the message; the next
// writer to take the lock removes it, but never one that belongs to a process still running.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { newMessage } from '../../../electron/services/library/library';
import { OpenMessage, createMessageFile } from '../../../electron/services/files/message-store';

it('removes a dead writer’s temporary file when the message is opened, and keeps a live one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'signet-temps-'));
  try {
    const path = join(dir, 'Speech.signet');
    await createMessageFile(path, newMessage('speech'));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has ended
    await writeFile(join(dir, `.Speech.signet.${dead}.1700000000000.tmp`), 'half a compaction');
    await writeFile(join(dir, `.Speech.signet.${process.pid}.1700000000001.tmp`), 'still being written');
    const message = await OpenMessage.open(path);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([`.Speech.signet.${process.pid}.1700000000001.tmp`]);
    await message.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
