// A writer killed at a random instant (SIGKILL: no handlers, no flushing) must leave files that
// open and hold every change it had reported as on disk. Each writer process types into several
// messages at once, so one kill catches them in different states: mid-append, mid-flush,
// mid-compaction, mid-open. The next writer reopens the same files, taking over the dead one's
// locks and cutting off its torn tails, and carries on.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMessageFile } from '../../../electron/services/files/message-file';
import { createMessageFile } from '../../../electron/services/files/message-store';
import { writePlainText } from '../../../electron/services/document/compose';
import { messageParagraphs, newMessageDoc } from '../../../shared/document';
import { ensureBuiltServices, ROOT } from '../../helpers/built-services';
import { prng, tempFolder, testSeed } from '../../helpers/editing';

const WRITER = join(ROOT, 'tests/helpers/crash-writer.mjs');
const FILES_PER_WRITER = 8;
const MIN_ROUNDS = 200;
const PARALLEL = 2;

const seed = testSeed();
const random = prng(seed);
const folder = tempFolder('crash');
afterAll(() => folder.remove());

interface Round {
  writer: number;
  file: number;
  killedAfterMs: number | null;
  durable: number;
  found: number;
}

interface WriterRun {
  killedAfterMs: number | null;
  durable: number[];
  closed: (number | null)[];
  problems: string[];
}

/** Runs one writer over `files` and kills it `killAfterMs` after it is ready (or, if negative, after spawning). */
function runWriter(files: string[], writerSeed: number, killAfterMs: number): Promise<WriterRun> {
  const config = {
    files,
    seed: writerSeed,
    edits: 150 + Math.floor(random() * 400),
    flushDelayMs: [1, 5, 20, 60][Math.floor(random() * 4)],
    compactThreshold: 1_000 + Math.floor(random() * 12_000),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, JSON.stringify(config)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: WriterRun = { killedAfterMs: null, durable: files.map(() => -1), closed: files.map(() => null), problems: [] };
    let buffered = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | null = null;
    const spawnedAt = Date.now();
    let readyAt = 0;
    const kill = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // From here on, nothing the writer says counts: only what it said before the kill.
      run.killedAfterMs = Date.now() - (readyAt || spawnedAt);
      child.stdout.removeAllListeners('data');
      child.kill('SIGKILL');
    };
    if (killAfterMs < 0) killTimer = setTimeout(kill, -killAfterMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const [what, index, value] = line.split(' ');
        if (what === 'durable') run.durable[Number(index)] = Math.max(run.durable[Number(index)], Number(value));
        else if (what === 'closed') run.closed[Number(index)] = Number(value);
        else if (what === 'ready' && killAfterMs >= 0) {
          readyAt = Date.now();
          killTimer = setTimeout(kill, killAfterMs);
        } else if (what === 'readonly' || what === 'error') run.problems.push(line);
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      if (signal !== 'SIGKILL' && code !== 0) run.problems.push(`writer exited with ${code ?? signal}: ${stderr.trim()}`);
      resolve(run);
    });
  });
}

/** The words after the scratch paragraph; they must be t0, t1, ... in order. */
function wordsOf(paragraphs: string[]): string[] {
  return paragraphs
    .slice(1)
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);
}

describe('a writer killed at a random moment', () => {
  beforeAll(() => ensureBuiltServices(), 300_000);

  it(`leaves files that open with every change reported durable (at least ${MIN_ROUNDS} kills; seed ${seed})`, async () => {
    const started = Date.now();
    const groups = Array.from({ length: PARALLEL }, (_, g) =>
      Array.from({ length: FILES_PER_WRITER }, (_, f) => join(folder.path, `group${g}-message${f}.signet`)),
    );
    for (const path of groups.flat()) {
      const doc = newMessageDoc();
      writePlainText(doc, 'scratch');
      await createMessageFile(path, doc);
    }
    const rounds: Round[] = [];
    const failures: string[] = [];
    let writers = 0;
    let finishedWithoutKill = 0;

    async function lane(files: string[]) {
      while (rounds.length < MIN_ROUNDS) {
        const writer = (writers += 1);
        const writerSeed = Math.floor(random() * 2 ** 31);
        // Mostly during typing; now and then while it is still opening the files.
        const killAfterMs = random() < 0.1 ? -Math.floor(200 + random() * 900) : Math.floor(random() * 700);
        const run = await runWriter(files, writerSeed, killAfterMs);
        const context = `seed ${seed} (SIGNET_TEST_SEED=${seed}), writer ${writer} (seed ${writerSeed}), killed ${run.killedAfterMs ?? 'never'} ms in`;
        for (const problem of run.problems) failures.push(`${context}: ${problem}`);
        if (run.killedAfterMs === null) finishedWithoutKill += 1;
        for (const [file, path] of files.entries()) {
          let words: string[];
          try {
            words = wordsOf(messageParagraphs((await readMessageFile(path)).doc));
          } catch (error) {
            failures.push(`${context}: ${path} does not open: ${(error as Error).message}`);
            continue;
          }
          const expected = words.map((_, i) => `t${i}`);
          if (words.join(' ') !== expected.join(' ')) {
            failures.push(`${context}: ${path} holds words out of order: …${words.slice(-5).join(' ')}`);
          }
          const durable = Math.max(run.durable[file], run.closed[file] ?? -1);
          if (words.length < durable) {
            failures.push(`${context}: ${path} holds ${words.length} words but ${durable} were reported on disk`);
          }
          rounds.push({ writer, file, killedAfterMs: run.killedAfterMs, durable, found: words.length });
        }
      }
    }
    await Promise.all(groups.map(lane));

    // No leftovers that a user would see in the library (temporary files start with a dot).
    const visible = readdirSync(folder.path).filter((n) => !n.startsWith('.') && !n.endsWith('.signet') && !n.endsWith('.signet.lock'));
    expect(visible).toEqual([]);
    expect(failures, failures.slice(0, 10).join('\n')).toEqual([]);
    expect(rounds.length).toBeGreaterThanOrEqual(MIN_ROUNDS);
    // The test proves something only if writers were killed after reporting changes as on disk.
    const killedWithDurable = rounds.filter((r) => r.killedAfterMs !== null && r.durable > 0).length;
    expect(killedWithDurable, `seed ${seed}`).toBeGreaterThan(MIN_ROUNDS / 2);
    const total = rounds.reduce((sum, r) => sum + r.found, 0);
    console.log(
      `crash test: ${rounds.length} rounds by ${writers} writers (${finishedWithoutKill} finished before their kill), ` +
        `${killedWithDurable} killed after reporting changes on disk, ${total} words checked, ` +
        `${Math.round((Date.now() - started) / 100) / 10} s, seed ${seed}`,
    );
  }, 180_000);
});
