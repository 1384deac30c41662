// History at scale: a ten-page speech with 2,000 versions, made from a seed with the app's own
// code (a headless editor bound as the app's is, three people in turn, a new Yjs client every 50
// versions, each person's deletions recorded), then what the history panel does with it: list the
// versions, show one, compare two distant ones, restore one; goals are issue 4's (200 / 300 / 500
// / 500 ms), and Y.createDocFromSnapshot of the same version(s) is the baseline.
import { rounds, round, timeOnce, mulberry32 } from './measure.mjs';
import { editSomewhere, writePages } from './office.mjs';
import { timeRestore } from './history.mjs';

export const title = 'History at scale: 2,000 versions of a ten-page speech; panel, show, compare, restore';

const PEOPLE = [
  { name: 'Ana Ortiz', title: 'Speechwriter' },
  { name: 'Ben Adeyemi', title: 'Senior speechwriter' },
  { name: 'Chloé Martin', title: 'Head of speechwriting' },
];

/** The message: `pages` pages written, then `versions` versions with an edit between each two. */
function makeMessage(s, { versions, pages, seed }) {
  const Y = s.Y;
  const random = mulberry32(seed);
  let doc = s.loadLog(s.encodeMessageFile(s.newMessage('blank', 'History at scale')), 'scale.signet').doc;
  const open = () => {
    const deletions = [];
    const watch = (tr) => {
      if (tr.deleteSet.clients.size > 0) deletions.push(tr.deleteSet);
    };
    doc.on('afterTransaction', watch);
    return { ...s.createMessageEditor(doc), deletions, watch };
  };
  let session = open();
  writePages(s, session.editor, random, pages);
  const start = Date.parse('2026-01-05T09:00:00Z');
  for (let v = 0; v < versions; v += 1) {
    const person = PEOPLE[Math.floor(v / 50) % PEOPLE.length];
    if (v > 0) editSomewhere(s, session.editor, random);
    if (session.deletions.length) s.recordDeletions(doc, person, Y.mergeDeleteSets(session.deletions.splice(0)));
    s.recordVersion(doc, { kind: 'quiet', author: person, at: new Date(start + v * 600_000) });
    if ((v + 1) % 50 === 0) {
      // Closing and opening the message again: a new Yjs client for the next session.
      session.dispose();
      doc.off('afterTransaction', session.watch);
      doc = s.loadLog(s.encodeMessageFile(doc), 'scale.signet').doc;
      session = open();
    }
  }
  session.dispose();
  doc.off('afterTransaction', session.watch);
  return doc;
}

/** Options: --versions N (default 2000), --pages N (default 10), --seed N, --history-runs N (default 5). */
export async function run({ services: s, args, log }) {
  const Y = s.Y;
  const versions = Math.max(10, Number(args.versions ?? 2000));
  const pages = Math.max(1, Number(args.pages ?? 10));
  const runs = Math.max(3, Number(args['history-runs'] ?? 5));
  const t0 = performance.now();
  const doc = makeMessage(s, { versions, pages, seed: Number(args.seed ?? 20261203) });
  const list = s.listVersions(doc);
  if (list.length !== versions) throw new Error(`made ${list.length} versions, not ${versions}`);
  const oldestFirst = [...list].reverse();
  const earlyAt = Math.floor(versions / 10);
  const early = oldestFirst[earlyAt - 1];
  const latest = oldestFirst[versions - 1];
  log(`  made ${versions.toLocaleString('en')} versions of a ${pages}-page message (${latest.words.toLocaleString('en')} words, ${s.encodeMessageFile(doc).length.toLocaleString('en')} bytes) in ${round((performance.now() - t0) / 1000, 1)} s`);
  const state = Y.encodeStateAsUpdate(doc);
  const fromSnapshot = (id) => () => {
    const snap = s.versionSnapshot(doc, id);
    const { ms, result } = timeOnce(() => Y.createDocFromSnapshot(doc, snap, new Y.Doc({ gc: false })));
    result.destroy();
    return ms;
  };
  const show = (version) => () => timeOnce(() => s.unchanged(s.versionContent(doc, version.id))).ms;
  const medians = rounds(
    {
      base_early: fromSnapshot(early.id),
      base_latest: fromSnapshot(latest.id),
      panel: () => timeOnce(() => s.listVersions(doc)).ms,
      show_early: show(early),
      show_latest: show(latest),
      compare: () => timeOnce(() => s.compareVersions(doc, early.id, latest.id)).ms,
      restore: () => timeRestore(s, state, early),
    },
    runs,
  );
  log(`  medians of ${runs} warm runs each, in rotating order, each after a garbage collection`);
  const vs = (name, value, baseline, goal) => ({ name, value: round(value), unit: 'ms', baseline: round(baseline), ratio: round(value / baseline), goal, goalOn: 'value' });
  return [
    vs(`panel: list ${versions} versions vs createDocFromSnapshot of the latest`, medians.panel, medians.base_latest, 200),
    vs(`show version ${earlyAt} vs its createDocFromSnapshot`, medians.show_early, medians.base_early, 300),
    vs(`show version ${versions} vs its createDocFromSnapshot`, medians.show_latest, medians.base_latest, 300),
    vs(`compare versions ${earlyAt} and ${versions} vs both createDocFromSnapshot`, medians.compare, medians.base_early + medians.base_latest, 500),
    vs(`restore version ${earlyAt} vs its createDocFromSnapshot`, medians.restore, medians.base_early, 500),
  ];
}
