// Revision history: replays an editing trace as the app edits a message over several sessions.
// Each session opens the message (the main process's document loaded from its file, and the
// renderer's own copy with a headless Lexical editor bound by the app's binding, a new Yjs client
// each time); the editor's updates go to the main document, where MessageHistory registers the
// session's client to its person, collects the session's deletions and records an automatic
// version every 1,000 transactions; three people take turns, a new session every 50 versions.
// Then it times what the history panel does with that message (list the versions, show one,
// compare two distant ones, restore one), each beside Y.createDocFromSnapshot of the same
// version(s), the Yjs operation they all rest on; and weighs the file with and without
// attribution, and with and without versions, by replaying the editor's updates again without
// them.
import { writeFileSync } from 'node:fs';
import { median, round, rounds, timeOnce } from './measure.mjs';
import { TraceReplayer } from './trace.mjs';

export const title = 'Revision history: automatic versions over the trace; panel, show, compare, restore; attribution size';

const PEOPLE = [
  { name: 'Ana Ortiz', title: 'Speechwriter' },
  { name: 'Ben Adeyemi', title: 'Senior speechwriter' },
  { name: 'Chloé Martin', title: 'Head of speechwriting' },
];
const FILE = 'history-bench.signet';
const REOPEN = 'reopen';
// The origin of changes the main process sends to the renderer's copy (versions, people, deletions).
const FROM_MAIN = Symbol('from-main');

const plural = (n, word, suffix = 's') => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : suffix}`;

/**
 * Options: --version-every N transactions per automatic version (default 1000), --session-versions
 * N versions per editing session (default 50), --lexical-batch N transactions per Lexical update
 * (default 10, as the file benchmark), --history-runs N timed runs per figure (default 7),
 * --save FILE to write the replayed message (with its versions) there, for profiling.
 */
export async function run({ trace, services: s, args, log }) {
  const Y = s.Y;
  const lexicalBatch = Math.max(1, Number(args['lexical-batch'] ?? 10));
  const versionEvery = Math.max(lexicalBatch, Number(args['version-every'] ?? 1000));
  const sessionVersions = Math.max(1, Number(args['session-versions'] ?? 50));
  const runs = Math.max(3, Number(args['history-runs'] ?? 7));
  const txns = trace.txns;

  // Closing a message and opening it again: the main process's document is its file, loaded.
  const reopen = (doc) => s.loadLog(s.encodeMessageFile(doc), FILE).doc;
  const initialFile = s.encodeMessageFile(s.newMessage('blank', 'Benchmark'));
  let main = s.loadLog(initialFile, FILE).doc;

  // What the editor sent and when versions were recorded, to replay without attribution or versions.
  const events = [];
  const recordMs = [];
  let person = PEOPLE[0];

  /** Opens an editing session on `main` for `who`: its history, the renderer's copy and editor. */
  function openSession(who) {
    person = who;
    // MessageHistory reads only the message's document; writing the file is the file
    // benchmark's subject, so a stand-in for the OpenMessage holds the document here.
    const history = new s.MessageHistory({ doc: main }, async () => person, { quietMs: 3_600_000 });
    const copy = s.newMessageDoc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(main));
    const outbox = [];
    copy.on('update', (update, origin) => {
      if (origin !== FROM_MAIN) outbox.push(update);
    });
    const forward = (update, origin) => {
      if (origin !== s.FROM_EDITOR) Y.applyUpdate(copy, update, FROM_MAIN);
    };
    main.on('update', forward);
    const { editor, dispose } = s.createMessageEditor(copy);
    return {
      history,
      editor,
      replayer: new TraceReplayer(s, editor),
      send() {
        for (const update of outbox) {
          Y.applyUpdate(main, update, s.FROM_EDITOR);
          history.noteEdit(update);
          events.push(update);
        }
        outbox.length = 0;
      },
      async record(kind) {
        const t0 = performance.now();
        const version = await history.record(kind);
        recordMs.push(performance.now() - t0);
        if (version) events.push({ kind, at: version.at, author: person });
        return version;
      },
      async close() {
        const before = main.getMap('versions').size;
        await history.close(); // records a 'closed' version when the text changed since the last one
        const closed = s.listVersions(main)[0];
        if (main.getMap('versions').size > before) events.push({ kind: closed.kind, at: closed.at, author: person });
        dispose();
        main.off('update', forward);
        copy.destroy();
        main = reopen(main);
        events.push(REOPEN);
      },
    };
  }

  let sessions = 1;
  let session = openSession(PEOPLE[0]);
  session.replayer.reset(trace.startContent);
  session.send();
  let inSession = 0;
  let uneven = 0;
  const started = performance.now();
  let nextReport = started + 10_000;
  for (let i = 0; i < txns.length; i += lexicalBatch) {
    const end = Math.min(txns.length, i + lexicalBatch);
    const { editor, replayer } = session;
    editor.update(
      () => {
        for (let t = i; t < end; t += 1) for (const [pos, del, text] of txns[t].patches) replayer.patch(pos, del, text);
      },
      { discrete: true },
    );
    session.send();
    if (Math.floor(end / versionEvery) > Math.floor(i / versionEvery)) {
      if (!(await session.record('quiet'))) throw new Error(`no version was recorded after transaction ${end}`);
      inSession += 1;
      if (inSession === sessionVersions && end < txns.length) {
        await session.close();
        session = openSession(PEOPLE[sessions % PEOPLE.length]);
        sessions += 1;
        uneven += session.replayer.adopt();
        inSession = 0;
      }
    }
    if (performance.now() > nextReport) {
      log(`  … ${Math.round((100 * end) / txns.length)}% of the trace replayed`);
      nextReport += 10_000;
    }
  }
  await session.close();
  const replaySeconds = (performance.now() - started) / 1000;
  const expected = trace.endContent;
  if (s.messageParagraphs(main).join('\n') !== expected) throw new Error("the message document does not hold the trace's endContent after the replay");
  if (typeof args.save === 'string') {
    writeFileSync(args.save, s.encodeMessageFile(main));
    log(`  saved the message to ${args.save}`);
  }

  // The same editor updates and versions, without attribution (no session registered to a
  // person, no deletions recorded; recordVersion still names the version's author), and without
  // versions at all.
  function replayWithout({ versions }) {
    let doc = s.loadLog(initialFile, FILE).doc;
    for (const event of events) {
      if (event instanceof Uint8Array) Y.applyUpdate(doc, event, s.FROM_EDITOR);
      else if (!versions) continue;
      else if (event === REOPEN) doc = reopen(doc);
      else s.recordVersion(doc, { kind: event.kind, author: event.author, at: new Date(event.at) });
    }
    if (s.messageParagraphs(doc).join('\n') !== expected) throw new Error("replaying the editor's updates again did not give the trace's endContent");
    return doc;
  }
  const bare = replayWithout({ versions: true });
  const textOnly = replayWithout({ versions: false });
  const withAttribution = s.encodeMessageFile(main).length;
  const withoutAttribution = s.encodeMessageFile(bare).length;
  const withoutVersions = s.encodeMessageFile(textOnly).length;
  const versionCount = bare.getMap('versions').size;
  if (main.getMap('versions').size !== versionCount) throw new Error('the replay without attribution recorded a different number of versions');
  const snapshotBytes = [...main.getMap('versions').values()].reduce((n, entry) => n + entry.get('snapshot').length, 0);
  // What the same versions would take as whole snapshots (each with the whole delete set so far).
  const wholeSnapshotBytes = [...main.getMap('versions').keys()].reduce((n, id) => n + Y.encodeSnapshotV2(s.versionSnapshot(main, id)).length, 0);
  const deletionRecords = main.getArray('deletions').toArray();
  const deletionBytes = deletionRecords.reduce((n, record) => n + record.ds.length, 0);
  const peopleEntries = main.getMap('people').size;
  bare.destroy();
  textOnly.destroy();

  // The versions the panel works with: one about 10% in, and the latest.
  const list = s.listVersions(main);
  const oldestFirst = [...list].reverse();
  const early = oldestFirst[Math.floor(oldestFirst.length / 10)];
  const latest = oldestFirst[oldestFirst.length - 1];
  const earlyAt = oldestFirst.indexOf(early) + 1;
  const snapshot = (id) => s.versionSnapshot(main, id);
  const earlySnapshot = snapshot(early.id);
  const latestSnapshot = snapshot(latest.id);
  const fromSnapshot = (snap) => () => {
    const { ms, result } = timeOnce(() => Y.createDocFromSnapshot(main, snap, new Y.Doc({ gc: false })));
    result.destroy();
    return ms;
  };
  // Showing a version, as the history panel's VersionView does: its content read in place from
  // the message's history, made into the blocks it draws (the drawing itself is not timed here).
  const show = (version) => () => {
    const { ms, result } = timeOnce(() => s.unchanged(s.versionContent(main, version.id)));
    const copy = s.versionDoc(main, version.id);
    const drawn = result.filter((b) => b.kind !== 'rule' && b.kind !== 'page-break').map((b) => b.runs.map((r) => r.text).join(''));
    if (drawn.join('\n\n') !== s.messageText(copy)) throw new Error(`the blocks shown for version ${version.id} do not hold its text`);
    copy.destroy();
    return ms;
  };
  // Reading a version in place (versionContent) must give what reading its rebuilt document gives.
  for (const version of [early, latest]) {
    const copy = s.versionDoc(main, version.id);
    const plain = (content) => JSON.stringify(content, (key, value) => (key === 'origins' ? undefined : value));
    if (plain(s.versionContent(main, version.id, { origins: true })) !== plain(s.readContent(copy, { origins: true }))) {
      throw new Error(`reading version ${version.id} in place differs from reading its rebuilt document`);
    }
    copy.destroy();
  }
  const state = Y.encodeStateAsUpdate(main);
  let comparison;
  const medians = rounds(
    {
      'createDocFromSnapshot early': fromSnapshot(earlySnapshot),
      'createDocFromSnapshot latest': fromSnapshot(latestSnapshot),
      panel: () => {
        const { ms, result } = timeOnce(() => s.listVersions(main));
        if (result.length !== versionCount) throw new Error('the panel did not list every version');
        return ms;
      },
      'show early': show(early),
      'show latest': show(latest),
      compare: () => {
        const { ms, result } = timeOnce(() => s.compareVersions(main, early.id, latest.id));
        comparison = result;
        return ms;
      },
      restore: () => timeRestore(s, state, early),
    },
    runs,
  );
  const earlyBase = medians['createDocFromSnapshot early'];
  const latestBase = medians['createDocFromSnapshot latest'];

  const changed = comparison.blocks.flatMap((b) => b.runs).filter((r) => r.change !== 'same');
  const byPerson = comparison.people.map((p, k) => `${p.name} ${changed.filter((r) => r.by === k).length}`);
  const unattributed = changed.filter((r) => r.by === undefined).length;
  const sum = comparison.summary;
  log(
    `  replayed ${plural(txns.length, 'transaction')} of ${trace.path} in ${round(replaySeconds, 1)} s, ${lexicalBatch} per Lexical update,\n` +
      `  in ${plural(sessions, 'editing session')} (${PEOPLE.map((p) => p.name).join(', ')} in turn, a new Yjs client each, ${sessionVersions} versions a session;` +
      ` ${plural(uneven, 'paragraph')} reopened as other than one text node);\n` +
      `  ${plural(versionCount, 'version')} (one every ${versionEvery.toLocaleString('en')} transactions and one on the last close), ${plural(peopleEntries, 'client')} registered to a person,\n` +
      `  ${plural(deletionRecords.length, 'deletion record')} (${deletionBytes.toLocaleString('en')} bytes of delete sets), ${snapshotBytes.toLocaleString('en')} bytes of version snapshots;\n` +
      `  the text matched endContent exactly in all three replays (with attribution, without it, without versions);\n` +
      `  compared version ${earlyAt} of ${versionCount} (${early.words.toLocaleString('en')} words) with version ${versionCount} (${latest.words.toLocaleString('en')} words):` +
      ` ${sum.wordsAdded.toLocaleString('en')} words added, ${sum.wordsRemoved.toLocaleString('en')} removed, ${sum.paragraphsChanged.toLocaleString('en')} paragraphs changed;\n` +
      `  changed runs by person: ${byPerson.join(', ') || 'none'}, ${unattributed} unattributed; restored version ${earlyAt} and checked its digest;\n` +
      `  timings are medians of ${runs} warm runs each, in rotating order, each after a garbage collection.`,
  );
  // Each goal is on the time itself; the ratio to Yjs's own operation says where the time goes.
  const vs = (name, value, baseline, goal) => ({
    name,
    value: round(value),
    unit: 'ms',
    baseline: round(baseline),
    ratio: round(value / baseline),
    ...(goal === undefined ? {} : { goal, goalOn: 'value' }),
  });
  return [
    vs('panel: list versions (listVersions) vs createDocFromSnapshot of the latest', medians.panel, latestBase, 200),
    vs(`show version ${earlyAt} (read in place, blocks to draw) vs its createDocFromSnapshot`, medians['show early'], earlyBase, 300),
    vs(`show version ${versionCount}, the latest (read in place, blocks to draw) vs its createDocFromSnapshot`, medians['show latest'], latestBase, 300),
    vs(`compare versions ${earlyAt} and ${versionCount} (compareVersions) vs both createDocFromSnapshot`, medians.compare, earlyBase + latestBase, 500),
    vs(`restore version ${earlyAt} (restoreVersion) vs its createDocFromSnapshot`, medians.restore, earlyBase, 500),
    { name: 'bare Y.createDocFromSnapshot, version ' + earlyAt, value: round(earlyBase), unit: 'ms' },
    { name: 'bare Y.createDocFromSnapshot, latest version', value: round(latestBase), unit: 'ms' },
    { name: 'file with attribution vs without', value: withAttribution, unit: 'bytes', baseline: withoutAttribution, ratio: round(withAttribution / withoutAttribution), goal: 1.1 },
    { name: 'version snapshots as stored (deletions since the version before) vs whole snapshots', value: snapshotBytes, unit: 'bytes', baseline: wholeSnapshotBytes, ratio: round(snapshotBytes / wholeSnapshotBytes) },
    { name: 'file with versions (no attribution) vs without versions', value: withoutAttribution, unit: 'bytes', baseline: withoutVersions, ratio: round(withoutAttribution / withoutVersions) },
    { name: 'recording an automatic version (MessageHistory.record), median', value: round(median(recordMs)), unit: 'ms' },
    { name: 'recording an automatic version, max', value: round(Math.max(...recordMs)), unit: 'ms' },
    { name: 'trace replay with versions, total', value: round(replaySeconds, 2), unit: 's' },
  ];
}

/**
 * Restoring `version` as the renderer does: a copy of the whole message and its editor (untimed),
 * then the restore, timed; checks that the text is the version's.
 */
export function timeRestore(s, state, version) {
  const copy = s.newMessageDoc();
  s.Y.applyUpdate(copy, state);
  const { editor, dispose } = s.createMessageEditor(copy);
  const { ms } = timeOnce(() => s.restoreVersion(editor, copy, version.id));
  if (s.messageDigest(copy) !== version.digest) throw new Error('after restoring, the text is not the version it restored');
  dispose();
  copy.destroy();
  return ms;
}
