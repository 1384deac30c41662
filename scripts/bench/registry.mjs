// Every benchmark `npm run bench` runs, in order. To add one, write scripts/bench/<id>.mjs that
// exports
//
//   export const title = 'What it measures';
//   export async function run({ trace, services, args, root, log }) {
//     return [{ name, value, unit, baseline?, ratio?, goal? }, ...];
//   }
//
// and list it below. `trace` is the editing trace (loaded once, see trace.mjs), `services` the
// built out/main/services.js, `args` the command-line options (--name value), `root` the repository
// and `log` prints a line under the benchmark's heading. A `goal` is an upper bound: on `ratio`
// when the figure has one (value / baseline), otherwise on `value`; `goalOn: 'value'` puts it on
// the value of a figure that also shows a ratio. An entry with `withTrace: true` runs only when
// --trace names a trace (or --only names it), so that a plain `npm run bench` stays as it was.
export const benchmarks = [
  { id: 'file', load: () => import('./file.mjs') },
  // Typing latency in Chromium (the renderer's real editor beside a bare Lexical editor) and a
  // large paste; runs tests/bench/typing.bench.ts with Playwright.
  { id: 'typing', load: () => import('./typing.mjs') },
  // Start: from loading the page to a 40,000-word message shown and editable, the app's minified
  // renderer beside a bare Lexical editor; runs tests/bench/start.bench.ts with Playwright.
  { id: 'start', load: () => import('./start.mjs') },
  // Export of a signed 10-page statement: the PDF copy beside a bare page.pdf of the same HTML in
  // the same browser, and the HTML copy; builds tests/bench/export-message.ts into out/bench-export.
  { id: 'export', load: () => import('./export.mjs') },
  // Revision history over the whole trace (a version every 1,000 transactions): the panel, showing,
  // comparing and restoring versions beside Y.createDocFromSnapshot, and what attribution and
  // versions add to the file. Several minutes, so only with an explicit --trace.
  { id: 'history', load: () => import('./history.mjs'), withTrace: true },
  // Merging two copies with long histories (the whole trace in one, 1,000 random edits with
  // comments and versions in the other), both ways, beside Y.applyUpdate of the same bytes.
  // About a minute of setup (the trace replay), so only with an explicit --trace or --only merge.
  { id: 'merge', load: () => import('./merge.mjs'), withTrace: true },
  // `signet status` on 5,000 versions and 5,000 signed records (goal: under 2 s), beside `signet
  // text` on the same file; the records are signed in the run, about ten seconds of setup.
  { id: 'status', load: () => import('./status.mjs') },
  // A reviewer's copy with 500 suggestions merged back (beside Y.applyUpdate of the same bytes), and
  // accepting all 500 as `signet accept FILE all` does (goal: under 500 ms).
  { id: 'suggestions', load: () => import('./suggestions.mjs') },
  // A library of 1,000 messages made with the app's own code (office.mjs): listing it the first
  // time, after Signet restarts (the summary cache in the data folder) and warm, and searching its
  // text. Making the library takes a few minutes, so only with an explicit --trace or --only library.
  { id: 'library', load: () => import('./library.mjs'), withTrace: true },
  // A ten-page speech with 2,000 versions made from a seed with the app's own code: the history
  // panel, showing, comparing and restoring a version (issue 4's goals). A few minutes of setup, so
  // only with an explicit --trace or --only history-scale.
  { id: 'history-scale', load: () => import('./history-scale.mjs'), withTrace: true },
  // Word in and out (issue 19): importing a 50-page .docx beside the same content as HTML, and
  // merging a Word review with 200 tracked changes beside importing the same review as a new message.
  { id: 'word', load: () => import('./word.mjs') },
  // Live co-editing (issue 18): 50 clients in 5 messages typing through the built `signet serve`
  // for 60 s: updates lost, keystroke latency to the others, server memory and file size. A minute
  // of every core, so only with --only live.
  { id: 'live', load: () => import('./live.mjs'), withTrace: true },
];
