// The message file: replays an editing trace through the app's editor model (a headless Lexical
// editor bound to its own Y.Doc with the app's binding, as the renderer's is) and sends every Yjs
// update it makes to an OpenMessage, which appends and flushes them to a .signet file. Measures
// append+flush per batch, opening the compacted file against applying the same state in memory,
// and the compacted file's size against the bare Yjs state.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { collectGarbage, median, quantile, round } from './measure.mjs';
import { TraceReplayer } from './trace.mjs';

export const title = 'Message file: trace replay, append+flush, open, size';

const plural = (n, word, suffix = 's') => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : suffix}`;

/**
 * Options (from the command line): --lexical-batch N transactions per Lexical update (default
 * 10), --flush-every N transactions per append+flush (default 50), --open-runs N (default 21),
 * --dir PATH for the message file (default: a temporary folder), --keep to leave the file there.
 */
export async function run({ trace, services: s, args, log }) {
  const lexicalBatch = Math.max(1, Number(args['lexical-batch'] ?? 10));
  const flushEvery = Math.max(lexicalBatch, Number(args['flush-every'] ?? 50));
  const openRuns = Math.max(3, Number(args['open-runs'] ?? 21));
  const folder = mkdtempSync(join(args.dir ?? tmpdir(), 'signet-bench-'));
  const path = join(folder, 'trace.signet');
  try {
    await s.createMessageFile(path, s.newMessage('blank', 'Benchmark'));
    const message = await s.OpenMessage.open(path);
    if (message.readOnly) throw new Error(`${path} opened read-only: ${message.readOnlyReason}`);

    // The renderer's side: its own copy of the document, the app's binding, updates sent over.
    const copy = s.newMessageDoc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(message.doc));
    let outbox = [];
    let yjsUpdates = 0;
    copy.on('update', (update) => {
      outbox.push(update);
      yjsUpdates += 1;
    });
    const { editor, dispose } = s.createMessageEditor(copy);
    const replayer = new TraceReplayer(s, editor);
    replayer.reset(trace.startContent);
    const send = () => {
      for (const update of outbox) message.applyFromEditor(update);
      outbox = [];
    };
    send();
    await message.flush();
    yjsUpdates = 0;

    const lexicalMs = [];
    const appendMs = [];
    let lexicalUpdates = 0;
    let compactions = 0;
    let size = statSync(path).size;
    const txns = trace.txns;
    const started = performance.now();
    let nextReport = started + 10_000;
    for (let i = 0; i < txns.length; i += lexicalBatch) {
      const end = Math.min(txns.length, i + lexicalBatch);
      const t0 = performance.now();
      editor.update(
        () => {
          for (let t = i; t < end; t += 1) for (const [pos, del, text] of txns[t].patches) replayer.patch(pos, del, text);
        },
        { discrete: true },
      );
      lexicalMs.push(performance.now() - t0);
      lexicalUpdates += 1;
      if (end % flushEvery < lexicalBatch || end === txns.length) {
        const t1 = performance.now();
        send();
        await message.flush();
        appendMs.push(performance.now() - t1);
        const now = statSync(path).size;
        if (now < size) compactions += 1;
        size = now;
      }
      if (performance.now() > nextReport) {
        log(`  … ${Math.round((100 * end) / txns.length)}% of the trace replayed`);
        nextReport += 10_000;
      }
    }
    const replaySeconds = (performance.now() - started) / 1000;
    if (message.saveStatus.state !== 'saved') throw new Error(`the message was not saved: ${JSON.stringify(message.saveStatus)}`);
    dispose();

    const expected = trace.endContent;
    const inEditorModel = replayer.text();
    if (inEditorModel !== expected) throw new Error('replaying the trace did not give its endContent (the replayer is wrong)');
    const inMessage = s.messageParagraphs(message.doc).join('\n');
    if (inMessage !== expected) throw new Error('the message document does not hold the trace\'s endContent after the replay');

    copy.destroy();
    const logBytes = statSync(path).size;
    const stateBytes = Y.encodeStateAsUpdate(message.doc);
    await message.close(); // compacts
    const fileBytes = readFileSync(path);
    const records = s.parseLog(fileBytes, path).records.length;
    if (records !== 1) throw new Error(`the closed file holds ${records} records; compaction should leave one`);

    // Opening from disk to a ready document, against applying the same state bytes in memory.
    const opened = await s.readMessageFile(path);
    if (s.messageParagraphs(opened.doc).join('\n') !== expected) throw new Error('the compacted file does not hold the trace\'s endContent');
    const state = Y.encodeStateAsUpdate(opened.doc);
    const openMs = [];
    const applyMs = [];
    const readMs = [];
    const loadMs = [];
    const timeOpen = async () => {
      collectGarbage();
      const t0 = performance.now();
      const { doc } = await s.readMessageFile(path);
      const ms = performance.now() - t0;
      doc.destroy();
      return ms;
    };
    const timeRead = async () => {
      collectGarbage();
      const t0 = performance.now();
      await readFile(path);
      return performance.now() - t0;
    };
    const bytes = readFileSync(path);
    const timeLoad = () => {
      collectGarbage();
      const t0 = performance.now();
      const { doc } = s.loadLog(bytes, path);
      const ms = performance.now() - t0;
      doc.destroy();
      return ms;
    };
    const timeApply = () => {
      collectGarbage();
      const t0 = performance.now();
      const fresh = s.newMessageDoc();
      Y.applyUpdate(fresh, state);
      const ms = performance.now() - t0;
      fresh.destroy();
      return ms;
    };
    // Each run after a garbage collection, in alternating order (open first, then apply first),
    // so that neither side always runs on a warmer or busier machine. The first pair warms the
    // JIT and the page cache and is not counted.
    for (let r = 0; r <= openRuns; r += 1) {
      let open;
      let apply;
      if (r % 2 === 0) {
        open = await timeOpen();
        apply = timeApply();
      } else {
        apply = timeApply();
        open = await timeOpen();
      }
      const read = await timeRead();
      const load = timeLoad();
      if (r > 0) {
        loadMs.push(load);
        openMs.push(open);
        applyMs.push(apply);
        readMs.push(read);
      }
    }
    const open = median(openMs);
    const apply = median(applyMs);

    log(
      `  replayed ${plural(txns.length, 'transaction')} (${plural(trace.patchCount, 'patch', 'es')}) of ${trace.path} in ${round(replaySeconds, 1)} s;\n` +
        `  every patch was applied, ${lexicalBatch} transaction${lexicalBatch === 1 ? '' : 's'} per Lexical update (${plural(lexicalUpdates, 'Lexical update')},` +
        ` ${plural(yjsUpdates, 'Yjs update')}), since one Lexical update per transaction is too slow for a benchmark run;\n` +
        `  appended and flushed every ${flushEvery} transactions (${plural(appendMs.length, 'batch', 'es')}, ${plural(compactions, 'compaction')} on the way);\n` +
        `  the text matched endContent exactly (${plural(expected.length, 'character')}); open timings are medians of ${openRuns} warm runs each, alternating, each after a garbage collection.`,
    );
    return [
      { name: 'append+flush per batch, median', value: round(median(appendMs)), unit: 'ms', goal: 5 },
      { name: 'append+flush per batch, p95', value: round(quantile(appendMs, 0.95)), unit: 'ms' },
      { name: 'append+flush per batch, max', value: round(Math.max(...appendMs)), unit: 'ms' },
      { name: 'open compacted file vs Y.applyUpdate', value: round(open), unit: 'ms', baseline: round(apply), ratio: round(open / apply), goal: 1.3 },
      { name: 'open: reading the bytes alone (fs.readFile)', value: round(median(readMs)), unit: 'ms' },
      { name: 'open: checking and applying them alone (loadLog)', value: round(median(loadMs)), unit: 'ms' },
      { name: 'compacted file size vs Yjs state', value: fileBytes.length, unit: 'bytes', baseline: stateBytes.length, ratio: round(fileBytes.length / stateBytes.length), goal: 1.2 },
      { name: 'log size before compaction', value: logBytes, unit: 'bytes', baseline: stateBytes.length, ratio: round(logBytes / stateBytes.length) },
      { name: `Lexical update (${lexicalBatch} txns), median`, value: round(median(lexicalMs)), unit: 'ms' },
      { name: `Lexical update (${lexicalBatch} txns), p95`, value: round(quantile(lexicalMs, 0.95)), unit: 'ms' },
      { name: 'trace replay with append+flush, total', value: round(replaySeconds, 2), unit: 's' },
    ];
  } finally {
    if (args.keep) log(`  kept ${path}`);
    else rmSync(folder, { recursive: true, force: true });
  }
}
