// Comparing two versions of a message: which paragraphs were added, removed, moved or changed,
// and within a changed paragraph which words, with who did each. Paragraphs are matched first
// (so a moved paragraph is a move, not a rewrite), then words within the paragraphs that pair up.
// Formatting is compared word by word, so making a word bold or a link is a format change, not a
// deletion and an insertion. The result is plain data: the app, the command line and exports
// all render the same comparison.
import * as Y from 'yjs';
import { diffLists } from './diff';
import { blockText, type Block, type BlockKind, type Origin, type MessageContent, type Run, countText, type Person } from '../document';

/** Who inserted and who deleted each item of a document (history/versions.ts builds one from the file). */
export interface Attribution {
  people: Person[];
  /** Index into `people` of who inserted, or deleted, the item with this id. */
  insertedBy(client: number): number | undefined;
  deletedBy(client: number, clock: number): number | undefined;
}

export type RunChange = 'same' | 'added' | 'removed' | 'format';
export type BlockChange = 'same' | 'changed' | 'added' | 'removed' | 'moved-from' | 'moved-to';

export interface DiffRun {
  text: string;
  change: RunChange;
  format: number;
  link?: string;
  /** Index into Comparison.people of who made this change. */
  by?: number;
}

export interface DiffBlock {
  kind: BlockKind;
  depth?: number;
  align?: number;
  indent?: number;
  change: BlockChange;
  /** The block's kind, alignment and indent before, when one of them changed. */
  was?: { kind: BlockKind; align?: number; indent?: number };
  runs: DiffRun[];
}

export interface ComparisonSummary {
  wordsAdded: number;
  wordsRemoved: number;
  /** Paragraphs added, removed, changed or moved. */
  paragraphsChanged: number;
  paragraphsMoved: number;
}

export interface Comparison {
  blocks: DiffBlock[];
  people: Person[];
  summary: ComparisonSummary;
}

// Past this many word edits inside one paragraph, it is shown as replaced rather than searched.
const MAX_WORD_EDITS = 5000;
// Two paragraphs pair up (rather than one removed, one added) when this share of their words match.
const PAIRING = 0.4;

interface Token {
  text: string;
  format: number;
  link?: string;
  /** The document items that hold its characters. */
  origins?: Origin[];
}

const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}\p{M}'’]+|\s+|[^\s]/gu;

const blockKey = (b: Block) => `${b.kind}\u0000${b.depth ?? ''}\u0000${blockText(b)}`;

export function compareContent(before: MessageContent, after: MessageContent, who?: Attribution): Comparison {
  const out: DiffBlock[] = [];
  const summary: ComparisonSummary = { wordsAdded: 0, wordsRemoved: 0, paragraphsChanged: 0, paragraphsMoved: 0 };
  const changes = diffLists(before.blocks.map(blockKey), after.blocks.map(blockKey))!;

  // Hunks: runs of removed and added paragraphs between unchanged ones.
  const hunks: { removed: Block[]; added: Block[]; at: number }[] = [];
  const order: ({ same: [Block, Block] } | { hunk: number })[] = [];
  let i = 0;
  let j = 0;
  for (const change of changes) {
    if (!change.added && !change.removed) {
      for (let k = 0; k < change.count; k += 1) order.push({ same: [before.blocks[i++], after.blocks[j++]] });
      continue;
    }
    const last = order[order.length - 1];
    let hunk = last && 'hunk' in last ? hunks[last.hunk] : undefined;
    if (!hunk) {
      hunk = { removed: [], added: [], at: hunks.length };
      hunks.push(hunk);
      order.push({ hunk: hunk.at });
    }
    for (let k = 0; k < change.count; k += 1) (change.removed ? hunk.removed : hunk.added).push(change.removed ? before.blocks[i++] : after.blocks[j++]);
  }

  // A paragraph removed in one place and added unchanged in another was moved.
  const addedByKey = new Map<string, Block[]>();
  for (const h of hunks) for (const b of h.added) if (blockText(b).trim()) addedByKey.set(blockKey(b), [...(addedByKey.get(blockKey(b)) ?? []), b]);
  const moved = new Set<Block>();
  for (const h of hunks) {
    for (const b of h.removed) {
      const match = addedByKey.get(blockKey(b))?.find((a) => !moved.has(a));
      if (match) moved.add(b).add(match);
    }
  }

  const words = new Map<Block, Set<string>>();
  const ctx: Ctx = who ? { who, summary, words, before: itemsShown(before), after: itemsShown(after) } : { summary, words };
  for (const step of order) {
    if ('same' in step) out.push(sameBlock(step.same[0], step.same[1], ctx));
    else emitHunk(hunks[step.hunk], moved, out, ctx);
  }
  return { blocks: out, people: who?.people ?? [], summary };
}

interface Ctx {
  who?: Attribution;
  summary: ComparisonSummary;
  /** Each paragraph's distinct words, lower-cased, read once: pairing compares every removed paragraph with every added one. */
  words: Map<Block, Set<string>>;
  /** The items each side shows, when naming who made the changes. */
  before?: ItemsShown;
  after?: ItemsShown;
}

/** The items a content shows, as Yjs ranges (a delete set's shape, so Yjs can look them up). */
type ItemsShown = ReturnType<typeof Y.createDeleteSet>;

function itemsShown(content: MessageContent): ItemsShown {
  const shown = Y.createDeleteSet();
  for (const block of content.blocks) {
    for (const run of block.runs) {
      for (const o of run.origins ?? []) {
        const list = shown.clients.get(o.client) ?? [];
        list.push({ clock: o.clock, len: o.length } as (typeof list)[number]);
        shown.clients.set(o.client, list);
      }
    }
  }
  return Y.mergeDeleteSets([shown]);
}

function emitHunk(hunk: { removed: Block[]; added: Block[] }, moved: Set<Block>, out: DiffBlock[], ctx: Ctx) {
  const added = hunk.added;
  let next = 0;
  const flushAdded = (upTo: number) => {
    for (; next < upTo; next += 1) out.push(wholeBlock(added[next], moved.has(added[next]) ? 'moved-to' : 'added', ctx));
  };
  for (const removed of hunk.removed) {
    if (moved.has(removed)) {
      out.push(wholeBlock(removed, 'moved-from', ctx));
      continue;
    }
    const partner = added.findIndex((a, k) => k >= next && !moved.has(a) && similar(removed, a, ctx.words));
    if (partner < 0) {
      out.push(wholeBlock(removed, 'removed', ctx));
      continue;
    }
    flushAdded(partner);
    out.push(changedBlock(removed, added[partner], ctx));
    next = partner + 1;
  }
  flushAdded(added.length);
}

function similar(a: Block, b: Block, known: Map<Block, Set<string>>): boolean {
  const words = (x: Block) => {
    let set = known.get(x);
    if (!set) known.set(x, (set = new Set(blockText(x).toLowerCase().match(TOKEN)?.filter((t) => t.trim()) ?? [])));
    return set;
  };
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return wa.size === wb.size;
  // Even if every word of the smaller set matched, the share could not reach PAIRING.
  if ((2 * Math.min(wa.size, wb.size)) / (wa.size + wb.size) < PAIRING) return false;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared += 1;
  return (2 * shared) / (wa.size + wb.size) >= PAIRING;
}

const wordsIn = (text: string) => countText(text).words;

function wholeBlock(block: Block, change: BlockChange, ctx: Ctx): DiffBlock {
  const removing = change === 'removed' || change === 'moved-from';
  const runChange: RunChange = removing ? 'removed' : 'added';
  const runs = runsOf(tokens(block).map((t) => ({ token: t, change: runChange, by: author(t, runChange, ctx) })));
  const words = wordsIn(blockText(block));
  if (change === 'added') ctx.summary.wordsAdded += words;
  if (change === 'removed') ctx.summary.wordsRemoved += words;
  if (change === 'moved-to') ctx.summary.paragraphsMoved += 1;
  else ctx.summary.paragraphsChanged += change === 'moved-from' ? 0 : 1;
  return withShape(block, { kind: block.kind, change, runs });
}

function sameBlock(before: Block, after: Block, ctx: Ctx): DiffBlock {
  if (sameRuns(before, after) && sameShape(before, after)) {
    return withShape(after, { kind: after.kind, change: 'same', runs: after.runs.map((r) => runOf(r, 'same')) });
  }
  return changedBlock(before, after, ctx);
}

/** Whether two blocks hold the same runs: text, format and link, run by run. */
function sameRuns(a: Block, b: Block): boolean {
  if (a.runs.length !== b.runs.length) return false;
  return a.runs.every((r, i) => r.text === b.runs[i].text && r.format === b.runs[i].format && (r.link ?? '') === (b.runs[i].link ?? ''));
}

function changedBlock(before: Block, after: Block, ctx: Ctx): DiffBlock {
  const a = tokens(before);
  const b = tokens(after);
  const steps: Step[] = [];
  const diff = diffLists(
    a.map((t) => t.text),
    b.map((t) => t.text),
    MAX_WORD_EDITS,
  ) ?? [
    { removed: true, added: false, count: a.length },
    { added: true, removed: false, count: b.length },
  ];
  let i = 0;
  let j = 0;
  for (const part of diff) {
    for (let k = 0; k < part.count; k += 1) {
      if (part.removed) steps.push({ token: a[i++], change: 'removed', by: undefined });
      else if (part.added) steps.push({ token: b[j++], change: 'added', by: undefined });
      else {
        const [old, now] = [a[i++], b[j++]];
        const change = old.format !== now.format || old.link !== now.link ? 'format' : 'same';
        steps.push({ token: now, change, by: undefined });
      }
    }
  }
  for (const s of steps) {
    s.by = author(s.token, s.change, ctx);
    if (s.change === 'added') ctx.summary.wordsAdded += wordsIn(s.token.text);
    if (s.change === 'removed') ctx.summary.wordsRemoved += wordsIn(s.token.text);
  }
  const runs = runsOf(steps);
  const block = withShape(after, { kind: after.kind, change: 'same', runs });
  if (!sameShape(before, after)) block.was = shape(before);
  if (block.was || runs.some((r) => r.change !== 'same')) {
    block.change = 'changed';
    ctx.summary.paragraphsChanged += 1;
  }
  return block;
}

interface Step {
  token: Token;
  change: RunChange;
  by: number | undefined;
}

function author(token: Token, change: RunChange, ctx: Ctx): number | undefined {
  const o = token.origins?.[0];
  if (!o || !ctx.who || change === 'same') return undefined;
  if (change === 'format' && o.formattedBy !== undefined) return ctx.who.insertedBy(o.formattedBy);
  // A word changed in part (two → twelve, 2031 → 2032) keeps some of its characters, and those
  // are not the change: who made it inserted, or deleted, the characters the other side lacks.
  const removing = change === 'removed';
  const other = removing ? ctx.after! : ctx.before!;
  for (const span of token.origins!) {
    for (let clock = span.clock; clock < span.clock + span.length; clock += 1) {
      if (Y.isDeleted(other, Y.createID(span.client, clock))) continue;
      const by = removing ? ctx.who.deletedBy(span.client, clock) : ctx.who.insertedBy(span.client);
      if (by !== undefined) return by;
    }
  }
  // Every character is on both sides (a format taken off, or the editor reused the characters
  // elsewhere): whoever wrote them did not make this change, and nothing says who did.
  return undefined;
}

const shape = (b: Block) => {
  const s: NonNullable<DiffBlock['was']> = { kind: b.kind };
  if (b.align) s.align = b.align;
  if (b.indent) s.indent = b.indent;
  return s;
};
const sameShape = (a: Block, b: Block) => a.kind === b.kind && (a.align ?? 0) === (b.align ?? 0) && (a.indent ?? 0) === (b.indent ?? 0);

function withShape(block: Block, diff: DiffBlock): DiffBlock {
  if (block.depth !== undefined) diff.depth = block.depth;
  if (block.align) diff.align = block.align;
  if (block.indent) diff.indent = block.indent;
  return diff;
}

/** Content as a comparison with nothing changed, so one renderer draws both. */
export function unchanged(content: MessageContent): DiffBlock[] {
  return content.blocks.map((block) => withShape(block, { kind: block.kind, change: 'same', runs: block.runs.map((r) => runOf(r, 'same')) }));
}

/** A block's words, each with its format and the document items of its characters. */
function tokens(block: Block): Token[] {
  const out: Token[] = [];
  for (const run of block.runs) {
    for (const match of run.text.matchAll(TOKEN)) {
      const token: Token = { text: match[0], format: run.format };
      if (run.link !== undefined) token.link = run.link;
      const origins = run.origins && originsIn(run.origins, match.index, match[0].length);
      if (origins?.length) token.origins = origins;
      out.push(token);
    }
  }
  return out;
}

/** The items of the `length` characters from `offset` of a run whose items are `origins`. */
function originsIn(origins: Origin[], offset: number, length: number): Origin[] {
  const out: Origin[] = [];
  let start = 0;
  for (const o of origins) {
    const from = Math.max(offset, start);
    const to = Math.min(offset + length, start + o.length);
    if (from < to) out.push({ ...o, clock: o.clock + (from - start), length: to - from });
    start += o.length;
    if (start >= offset + length) break;
  }
  return out;
}

function runOf(run: Run, change: RunChange): DiffRun {
  const out: DiffRun = { text: run.text, change, format: run.format };
  if (run.link !== undefined) out.link = run.link;
  return out;
}

/** Joins neighbouring words that share a change, a format and an author into one run. */
function runsOf(steps: Step[]): DiffRun[] {
  const runs: DiffRun[] = [];
  for (const { token, change, by } of steps) {
    const last = runs[runs.length - 1];
    if (last && last.change === change && last.format === token.format && last.link === token.link && last.by === by) {
      last.text += token.text;
      continue;
    }
    const run: DiffRun = { text: token.text, change, format: token.format };
    if (token.link !== undefined) run.link = token.link;
    if (by !== undefined) run.by = by;
    runs.push(run);
  }
  return runs;
}

// ── A readable word diff for the command line ─────────────────────────────────────────────

const KIND_NAMES: Partial<Record<string, string>> = {
  paragraph: 'a paragraph', h1: 'heading', h2: 'heading 2', h3: 'heading 3', h4: 'heading 4', h5: 'heading 5', h6: 'heading 6',
  quote: 'quote', bullet: 'bulleted item', number: 'numbered item', check: 'checklist item', signature: 'signature block', rule: 'rule', 'page-break': 'page break',
};

/** The changed paragraphs as a unified word diff: [-removed-] and {+added+}, like git's. */
export function formatWordDiff(comparison: Comparison, from: string, to: string): string {
  const lines = [`--- ${from}`, `+++ ${to}`];
  const s = comparison.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`# ${plural(s.wordsAdded, 'word')} added, ${s.wordsRemoved} removed; ${plural(s.paragraphsChanged, 'paragraph')} changed, ${s.paragraphsMoved} moved`);
  let number = 0;
  for (const block of comparison.blocks) {
    const exists = block.change !== 'removed' && block.change !== 'moved-from';
    if (exists) number += 1;
    if (block.change === 'same') continue;
    const where = exists ? `paragraph ${number}` : `after paragraph ${number}`;
    // Said only where it tells something: a paragraph's kind when it is not a plain one, and how it changed.
    const notes = [block.kind === 'paragraph' ? '' : KIND_NAMES[block.kind] ?? block.kind];
    if (block.change === 'changed' && block.was) notes.push(`was ${KIND_NAMES[block.was.kind] ?? block.was.kind}`);
    else if (block.change !== 'changed') notes.push(block.change.replace('-', ' '));
    const said = notes.filter(Boolean).join(', ');
    lines.push(`@@ ${where}${said ? ` (${said})` : ''} @@`);
    lines.push(block.runs.map((r) => markRun(r, comparison.people)).join(''));
  }
  return lines.join('\n') + '\n';
}

function markRun(run: DiffRun, people: Person[]): string {
  const by = run.by !== undefined && people[run.by] ? ` (${people[run.by].name})` : '';
  if (run.change === 'added') return `{+${run.text}+}${by}`;
  if (run.change === 'removed') return `[-${run.text}-]${by}`;
  if (run.change === 'format') return `{~${run.text}~}${by}`;
  return run.text;
}
