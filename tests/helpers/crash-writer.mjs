// A writer for the crash test, run as its own process so that it can be killed at any instant.
// It opens each message with OpenMessage from the built services bundle, types into it through
// the app's editor binding, and after every completed flush prints how many words of that message
// are on disk:  "durable <file index> <words>". The parent kills it with SIGKILL at a random moment.
//
// Every change is one word, "t<n>", added to the last paragraph (every ninth starts a new one);
// every fourth change also rewrites the first paragraph, so the log holds deletions too. Whatever
// a reader finds after the kill must be t0, t1, ... t<m-1> in order, with m at least the last
// number reported durable.
//
// Usage: node crash-writer.mjs '{"files":[...],"seed":1,"edits":400,"flushDelayMs":20,"compactThreshold":8000}'
import * as Y from 'yjs';

const services = await import(new URL('../../out/main/services.js', import.meta.url).href);
const {
  OpenMessage,
  createMessageEditor,
  messageParagraphs,
  newMessageDoc,
  $getRoot,
  $createParagraphNode,
  $createTextNode,
  $isParagraphNode,
  $isTextNode,
} = services;

const config = JSON.parse(process.argv[2]);
let seed = config.seed >>> 0;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const say = (line) => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The words after the first paragraph, which is scratch space. */
function wordsOf(doc) {
  return messageParagraphs(doc)
    .slice(1)
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);
}

const messages = [];
for (const [index, path] of config.files.entries()) {
  const state = { index, path, words: 0, applied: 0 };
  const message = await OpenMessage.open(path, {
    flushDelayMs: config.flushDelayMs,
    retryDelayMs: 50,
    compactThreshold: config.compactThreshold,
    // 'saved' is only set once the queue is empty after a flushed write: every word typed so far
    // is on disk.
    onStatus: (status) => {
      if (status.state === 'saved') say(`durable ${index} ${state.words}`);
      if (status.state === 'error') say(`error ${index} ${status.detail}`);
    },
  });
  if (message.readOnly) {
    say(`readonly ${index} ${message.readOnlyReason}`);
    process.exit(3);
  }
  const words = wordsOf(message.doc);
  state.words = words.length;
  // The renderer's copy of the message, with the app's binding, sending each change over.
  const copy = newMessageDoc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(message.doc));
  copy.on('update', (update) => message.applyFromEditor(update));
  const { editor, dispose } = createMessageEditor(copy);
  Object.assign(state, { message, editor, dispose });
  messages.push(state);
  say(`opened ${index} ${state.words} torn ${message.tornBytes}`);
}
say('ready');

function typeWord(state) {
  const n = state.words;
  state.editor.update(
    () => {
      const root = $getRoot();
      if (root.getChildrenSize() < 2 || n % 9 === 0) root.append($createParagraphNode());
      const last = root.getLastChild();
      const text = last.getFirstChild();
      const word = `t${n}`;
      if ($isTextNode(text)) text.spliceText(text.getTextContentSize(), 0, ` ${word}`, false);
      else last.append($createTextNode(word));
      if (n % 4 === 0) {
        const scratch = root.getFirstChild();
        if ($isParagraphNode(scratch)) scratch.clear().append($createTextNode(`scratch ${Math.floor(random() * 1e6)}`));
      }
    },
    { discrete: true },
  );
  state.words = n + 1;
}

for (let i = 0; i < config.edits; i += 1) {
  const state = messages[Math.floor(random() * messages.length)];
  typeWord(state);
  const r = random();
  if (r < 0.05) {
    await state.message.flush();
  } else if (r < 0.25) {
    await sleep(Math.floor(random() * 6));
  }
}
for (const state of messages) {
  state.dispose();
  await state.message.close();
  say(`closed ${state.index} ${state.words}`);
}
say('done');
