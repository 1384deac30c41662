// Merging a Word review back into the message it was sent from. The returned .docx is read the
// way a Word file is imported (word-read.ts, word-write.ts) into a scratch document, so tracked
// changes arrive as suggestion marks by their Word author and comments as threads. Its text
// before those tracked changes is compared with the text sent (shared/history's comparison) to
// find the edits made with Track Changes off. Everything then becomes suggestions and threads on
// the message's own words, never accepted text: suggestions change nothing of the text as it
// stands, so every offset in it stays valid while they are made. Ids come from the change itself,
// so merging the same file twice brings nothing new.
import { createHash } from 'node:crypto';
import { $createRangeSelection, $getNodeByKey, $getRoot, $getSelection, $isElementNode, $isLineBreakNode, $isParagraphNode, $isRangeSelection, $isTextNode, $setSelection, type ElementNode, type LexicalNode, type TextFormatType, type TextNode } from 'lexical';
import * as Y from 'yjs';
import type { BindingV2 } from '@lexical/yjs';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import {
  $createSuggestionNode,
  $isSuggestionNode,
  bringsCharacters,
  blockText,
  contentDigest,
  isTextBlock,
  newMessageDoc,
  readContent,
  readMeta,
  PARAGRAPH_KINDS,
  type Block,
  type ParagraphKind,
  type MessageContent,
  type Person,
  type SuggestionMark,
  type SuggestionNode,
} from '../../../shared/document';
import { compareContent, listVersions, versionContent } from '../../../shared/history';
import { $suggestDeletion, $suggestFormat, $suggestLines, createThread, listDecisions, listSuggestions, listThreads, reply, textPosition, type Suggester } from '../../../shared/review';
import { messageState } from '../../../shared/signoff';
import { wordReviewSource } from '../../../shared/version-names';
import type { MergeSummary } from '../../../shared/ipc';
import { WORD_COPY_NAMESPACE } from '../export/word-copy';
import { createMessageEditor } from '../document/headless-editor';
import { openWordPackage, parseXml } from '../document/word-package';
import { readWord, type WordParagraphChange } from '../document/word-read';
import { writeWord } from '../document/word-write';
import { WordAuthors, type SignedAs } from './word-authors';

/** A Word file that was not sent from this message: nothing is merged (it can still be opened as a new message). */
export class WordReviewRefused extends Error {
  constructor(reason: string) {
    super(`${reason}; nothing was merged (it can still be opened as a new message)`);
    this.name = 'WordReviewRefused';
  }
}

export interface WordMergeSummary {
  /** Whose review it is: the person it was sent to (the version "Sent to … as a Word file"), else its first Word author who names nobody on the message (word-authors.ts). */
  from: string;
  suggestions: number;
  /** Word comments and replies that came in. */
  comments: number;
  /** Changes and comments on words this message no longer has as they were sent (or on new paragraphs), left out. */
  leftOut: number;
  /** Word names of roster members (or of the sender) other than `from`, whose changes and comments came in as `from`'s. */
  broughtIn: SignedAs[];
  /** Tracked changes to paragraphs (a heading, list or alignment changed), not brought in: a suggestion cannot change a paragraph's kind yet. Absent when none. */
  paragraphChanges?: WordParagraphChange[];
}

interface Mark {
  id: string;
  digest: string;
  /** The text sent, as the copy carries it, when its digest is the one stated. */
  content: MessageContent | null;
}

/** The Signet mark in the copy's custom XML part, or null when it has none. */
function readMark(bytes: Uint8Array): Mark | null {
  const { parts } = openWordPackage(bytes);
  for (const [name, part] of parts) {
    if (!/^customXml\/item\d+\.xml$/i.test(name)) continue;
    const root = parseXml(part, name).documentElement;
    if (!root || root.namespaceURI !== WORD_COPY_NAMESPACE) continue;
    const message = root.getElementsByTagNameNS(WORD_COPY_NAMESPACE, 'message')[0];
    const id = message?.getAttribute('id') ?? '';
    const digest = message?.getAttribute('digest') ?? '';
    return { id, digest, content: sentContent(root.getElementsByTagNameNS(WORD_COPY_NAMESPACE, 'text')[0]?.textContent ?? '', digest) };
  }
  return null;
}

function sentContent(json: string, digest: string): MessageContent | null {
  try {
    const value = JSON.parse(json) as { title?: unknown; blocks?: unknown };
    if (typeof value.title !== 'string' || !Array.isArray(value.blocks)) return null;
    const blocks = (value.blocks as Block[]).map((b) => ({ ...b, runs: (b.runs ?? []).map((r) => ({ text: String(r.text ?? ''), format: Number(r.format ?? 0), ...(r.link ? { link: String(r.link) } : {}) })) }));
    const content = { title: value.title, blocks };
    return contentDigest(content) === digest ? content : null;
  } catch {
    return null;
  }
}

interface Sent {
  content: MessageContent;
  /** Whom it was sent to, and by whom, as the version "Sent to … as a Word file" records; null for a copy that records none. */
  to: string | null;
  by: string | null;
}

/** The text that was sent, trusted first from the message itself (as it stands, or a version), then from the copy. */
function findSent(doc: Y.Doc, mark: Mark): Sent | null {
  const versions = listVersions(doc).filter((v) => v.digest === mark.digest);
  const sending = versions.find((v) => (v.source ?? '').startsWith(wordReviewSource('')));
  const to = sending ? sending.source!.slice(wordReviewSource('').length) : null;
  const by = sending?.author.name ?? null;
  const now = readContent(doc);
  if (contentDigest(now) === mark.digest) return { content: now, to, by };
  if (versions[0]) return { content: versionContent(doc, versions[0].id), to, by };
  return mark.content ? { content: mark.content, to, by } : null;
}

// ── The blocks of text in a Lexical tree, in readContent's order ──────────────────────────────

const CONTAINERS = new Set(['root', 'list', 'signature']);
const BLOCKS = new Set(['paragraph', 'heading', 'quote', 'list', 'listitem', 'signature']);

function $textBlocks(): ElementNode[] {
  const out: ElementNode[] = [];
  const walk = (el: ElementNode) => {
    for (const child of el.getChildren()) {
      if (!$isElementNode(child)) continue;
      if (CONTAINERS.has(child.getType()) || child.getChildren().some((c) => $isElementNode(c) && BLOCKS.has(c.getType()))) walk(child);
      else out.push(child);
    }
  };
  walk($getRoot());
  return out;
}

/** Words not in the text as it stands: a pending insertion or paragraph mark. */
const $pending = (node: LexicalNode) => $isSuggestionNode(node) && node.getMarks().some((m) => bringsCharacters(m.kind));

/** A block's inline pieces in order: text nodes and line breaks ('\n'). */
function $pieces(block: ElementNode): LexicalNode[] {
  const out: LexicalNode[] = [];
  const walk = (el: ElementNode) => {
    for (const c of el.getChildren()) {
      if ($isTextNode(c) || $isLineBreakNode(c)) out.push(c);
      else if ($isElementNode(c)) walk(c);
    }
  };
  walk(block);
  return out;
}

const pieceText = (n: LexicalNode) => ($isTextNode(n) ? n.getTextContent() : '\n');

/** Where `offset` characters of the block's text as it stands fall: in a text node, after the one ending there when `end`. */
function $pointIn(block: ElementNode, offset: number, end: boolean): { key: string; offset: number; type: 'text' | 'element' } {
  let seen = 0;
  for (const n of $pieces(block)) {
    if ($pending(n)) continue;
    const size = pieceText(n).length;
    const inside = end ? offset > seen && offset <= seen + size : offset >= seen && offset < seen + size;
    if (inside && $isTextNode(n)) return { key: n.getKey(), offset: offset - seen, type: 'text' };
    seen += size;
  }
  return { key: block.getKey(), offset: block.getChildrenSize(), type: 'element' };
}

/** A caret at the very start or end of a block, outside every word in it (pending ones too). */
function $selectEdge(block: ElementNode, edge: 'start' | 'end') {
  const selection = $createRangeSelection();
  const offset = edge === 'start' ? 0 : block.getChildrenSize();
  selection.anchor.set(block.getKey(), offset, 'element');
  selection.focus.set(block.getKey(), offset, 'element');
  $setSelection(selection);
  return selection;
}

function $select(block: ElementNode, from: number, to: number) {
  const selection = $createRangeSelection();
  const a = $pointIn(block, from, from > 0 && from === to);
  const b = from === to ? a : $pointIn(block, to, true);
  selection.anchor.set(a.key, a.offset, a.type);
  selection.focus.set(b.key, b.offset, b.type);
  $setSelection(selection);
  return selection;
}

// ── What the review proposes, on the text sent ────────────────────────────────────────────────

/** One proposal on a block of the text sent: words [from, to) deleted, `text` put in at `to`; or, with `paragraphs`, new paragraphs at its start or end. */
interface Proposal {
  block: number;
  from: number;
  to: number;
  text: string;
  format: number;
  author: string;
  at: string | null;
  /** Paragraphs added in Word with Track Changes off, as lines: a split and an insertion at the block's start or end. */
  paragraphs?: 'start' | 'end';
  /** Added paragraphs: the kinds each split mark gives the paragraphs beside it, in order. */
  kinds?: Pick<SuggestionMark, 'kindBefore' | 'kindAfter'>[];
  /** Added paragraphs: where each returned block's words start in `text`, by the block's index in the returned file. */
  rows?: Map<number, number>;
  /** A tracked format change (w:rPrChange) on words [from, to): their format before it; `format` is theirs after. */
  before?: number;
}

/** A paragraph the review adds: its words, its kind in the returned file, and its index there. */
interface Added {
  text: string;
  kind: ParagraphKind | undefined;
  row: number;
}

const paragraphKindOf = (kind: string): ParagraphKind | undefined => (PARAGRAPH_KINDS.includes(kind as ParagraphKind) ? (kind as ParagraphKind) : undefined);

/**
 * Paragraphs the review adds (with Track Changes off) after sent block `after` (-1: before the
 * first), split from the end of that block, or from the start of the first; each split mark says
 * what kind the paragraphs beside it become, so a new paragraph is a paragraph between two
 * headings too, and the words sent stay where they are (splitting from their end moves only the new words).
 */
function addedParagraphs(after: number, added: Added[], sent: Block[]): Proposal | null {
  if (!added.length || !sent.length) return null;
  const atStart = after < 0;
  const lines = added.map((a) => a.text);
  const text = atStart ? `${lines.join('\n')}\n` : `\n${lines.join('\n')}`;
  const kinds = atStart
    ? added.map((a, i) => ({ kindBefore: a.kind, kindAfter: i + 1 < added.length ? added[i + 1]!.kind : paragraphKindOf(sent[0]!.kind) }))
    : added.map((a, i) => ({ kindBefore: i > 0 ? added[i - 1]!.kind : undefined, kindAfter: a.kind }));
  const rows = new Map<number, number>();
  let offset = atStart ? 0 : 1;
  for (const a of added) {
    rows.set(a.row, offset);
    offset += a.text.length + 1;
  }
  return { block: atStart ? 0 : after, from: 0, to: 0, text, format: 0, author: '', at: null, paragraphs: atStart ? 'start' : 'end', kinds, rows };
}

/** One piece of the returned file's block: its words, format and marks, and where it starts among all its text nodes. */
interface Piece {
  text: string;
  format: number;
  marks: SuggestionMark[];
  /** Characters of text nodes before it in the document (-1 for a line break). */
  count: number;
}

/** What kind of paragraph a block of the returned file is, where a split can make one of that kind. */
function $kindOf(block: ElementNode): ParagraphKind | undefined {
  if ($isHeadingNode(block)) return block.getTag();
  if ($isQuoteNode(block)) return 'quote';
  return $isParagraphNode(block) ? 'paragraph' : undefined;
}

interface Returned {
  blocks: Piece[][];
  kinds: (ParagraphKind | undefined)[];
}

/** The returned file's text blocks, each as pieces, and their kinds, read from the scratch document. */
function readReturned(doc: Y.Doc): Returned {
  const { editor, dispose } = createMessageEditor(doc);
  try {
    return editor.getEditorState().read(() => {
      const counts = new Map<string, number>();
      let seen = 0;
      for (const node of $getRoot().getAllTextNodes()) {
        counts.set(node.getKey(), seen);
        seen += node.getTextContentSize();
      }
      const blocks = $textBlocks();
      const pieces = blocks.map((block) =>
        $pieces(block).map((n) => ({
          text: pieceText(n),
          format: $isTextNode(n) ? n.getFormat() : 0,
          marks: $isSuggestionNode(n) ? n.getMarks() : [],
          count: counts.get(n.getKey()) ?? -1,
        })),
      );
      return { blocks: pieces, kinds: blocks.map($kindOf) };
    });
  } finally {
    dispose();
  }
}

const isInsert = (p: Piece) => p.marks.some((m) => m.kind === 'insert');
// One run of plain words: compared word by word, a word Word split across runs (a tracked change
// inside it) must still be one word, and formats are not compared.
const plainBlock = (runs: { text: string }[]): Block => ({ kind: 'paragraph', runs: [{ text: runs.map((r) => r.text).join(''), format: 0 }] });

/** Stretches of two texts that are the same: [before offset, after offset, length]. */
type Same = [number, number, number][];

/** The returned blocks paired with the blocks sent, and in each pair the words that are the same. */
function pairBlocks(sent: Block[], base: Block[], kinds: (ParagraphKind | undefined)[]): { pairs: Map<number, { sent: number; same: Same; untracked: Proposal[] }>; added: Proposal[] } {
  const comparison = compareContent({ title: '', blocks: sent.map((b) => plainBlock(b.runs)) }, { title: '', blocks: base });
  const pairs = new Map<number, { sent: number; same: Same; untracked: Proposal[] }>();
  const added: Proposal[] = [];
  let adding: Added[] = [];
  let [s, r] = [0, 0];
  const flush = () => {
    const proposal = addedParagraphs(s - 1, adding, sent);
    if (proposal) added.push(proposal);
    adding = [];
  };
  for (const block of comparison.blocks) {
    if (block.change !== 'added' && block.change !== 'moved-to') flush();
    if (block.change === 'removed' || block.change === 'moved-from') {
      const text = blockText(sent[s]!);
      pairs.set(-1 - s, { sent: s, same: [], untracked: text ? [{ block: s, from: 0, to: text.length, text: '', format: 0, author: '', at: null }] : [] });
      s += 1;
    } else if (block.change === 'added' || block.change === 'moved-to') {
      const text = blockText(base[r]!);
      if (text.trim()) adding.push({ text, kind: kinds[r], row: r }); // a paragraph added in Word with Track Changes off
      r += 1;
    } else {
      const same: Same = [];
      const untracked: Proposal[] = [];
      let [a, b] = [0, 0];
      for (const run of block.runs) {
        const n = run.text.length;
        if (run.change === 'removed') {
          const last = untracked[untracked.length - 1];
          if (last && last.to === a && !last.text) last.to += n;
          else untracked.push({ block: s, from: a, to: a + n, text: '', format: 0, author: '', at: null });
          a += n;
        } else if (run.change === 'added') {
          const last = untracked[untracked.length - 1];
          if (last && last.to === a) last.text += run.text;
          else untracked.push({ block: s, from: a, to: a, text: run.text, format: run.format, author: '', at: null });
          b += n;
        } else {
          same.push([a, b, n]);
          a += n;
          b += n;
        }
      }
      pairs.set(r, { sent: s, same, untracked });
      s += 1;
      r += 1;
    }
  }
  flush();
  return { pairs, added };
}

/** An offset in the returned text as an offset in the text sent, or null inside words only the review has. */
function toSent(same: Same, at: number): number | null {
  for (const [a, b, n] of same) if (at >= b && at <= b + n) return a + (at - b);
  return same.length === 0 && at === 0 ? 0 : null;
}

/** The tracked changes of one returned block, on the text sent. */
function trackedProposals(pieces: Piece[], sent: number, same: Same): { proposals: Proposal[]; leftOut: number } {
  const byId = new Map<string, { from: number; to: number; text: string; format: number; author: string; at: string }>();
  const formats: { from: number; to: number; format: number; before: number; author: string; at: string }[] = [];
  let at = 0;
  for (const p of pieces) {
    for (const m of p.marks) {
      if (m.kind === 'format' && !isInsert(p)) formats.push({ from: at, to: at + p.text.length, format: p.format, before: m.before ?? 0, author: m.author.name, at: m.at });
      if (m.kind !== 'insert' && m.kind !== 'delete') continue;
      const found = byId.get(m.id) ?? { from: at, to: at, text: '', format: p.format, author: m.author.name, at: m.at };
      if (m.kind === 'insert') found.text += p.text;
      else found.to = at + p.text.length;
      byId.set(m.id, found);
    }
    if (!isInsert(p)) at += p.text.length;
  }
  const proposals: Proposal[] = [];
  let leftOut = 0;
  for (const c of byId.values()) {
    const [from, to] = [toSent(same, c.from), toSent(same, c.to)];
    if (from === null || to === null) leftOut += 1;
    else proposals.push({ block: sent, from, to, text: c.text, format: c.format, author: c.author, at: c.at });
  }
  for (const f of formats) {
    const [from, to] = [toSent(same, f.from), toSent(same, f.to)];
    if (from === null || to === null || to === from) leftOut += 1;
    else proposals.push({ block: sent, from, to, text: '', format: f.format, before: f.before, author: f.author, at: f.at });
  }
  return { proposals, leftOut };
}

// ── Onto the message ──────────────────────────────────────────────────────────────────────────

/** Blocks sent paired with the message's blocks now: the same words, in order; a block edited since pairs with none. */
function pairWithNow(sent: Block[], now: Block[]): Map<number, number> {
  const out = new Map<number, number>();
  let j = 0;
  sent.forEach((block, i) => {
    const text = blockText(block);
    for (let k = j; k < now.length; k += 1) {
      if (blockText(now[k]!) === text) {
        out.set(i, k);
        j = k + 1;
        return;
      }
    }
  });
  return out;
}

const hash = (...parts: (string | number)[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);

/** Merges a Word review (the .docx's bytes) into `doc` as suggestions and threads. Throws WordReviewRefused or WordFileError, changing nothing. */
export async function mergeWordReview(doc: Y.Doc, bytes: Uint8Array, file: string, now = new Date()): Promise<WordMergeSummary> {
  const mark = readMark(bytes);
  const meta = readMeta(doc);
  if (!mark) throw new WordReviewRefused(`${file} was not sent from Signet (it has no Signet mark)`);
  if (!meta.id || mark.id !== meta.id) throw new WordReviewRefused(`${file} was sent from another message, not from "${meta.title || 'Untitled message'}"`);
  const sent = findSent(doc, mark);
  if (!sent) throw new WordReviewRefused(`the text ${file} was sent with is neither in this message's history nor in the file`);

  const scratch = newMessageDoc();
  try {
    const imported = await readWord(bytes);
    const written = writeWord(scratch, imported, now);
    const returned = readReturned(scratch);
    const members = [...messageState(doc).roster.map((m) => m.name), ...(sent.by ? [sent.by] : [])];
    const names = new WordAuthors(members, sent.to, written.people);
    const from = names.from;
    const sentBlocks = sent.content.blocks.filter(isTextBlock);
    const base = returned.blocks.map((pieces) => plainBlock(pieces.filter((p) => !isInsert(p))));
    const paired = pairBlocks(sentBlocks, base, returned.kinds);
    let leftOut = 0;
    const proposals: Proposal[] = paired.added.map((p) => ({ ...p, author: from }));
    for (const [r, pair] of paired.pairs) {
      proposals.push(...pair.untracked.map((p) => ({ ...p, author: from })));
      if (r < 0) continue;
      const tracked = trackedProposals(returned.blocks[r]!, pair.sent, pair.same);
      proposals.push(...tracked.proposals);
      leftOut += tracked.leftOut;
    }
    const nowBlocks = readContent(doc).blocks.filter(isTextBlock);
    const toNow = pairWithNow(sentBlocks, nowBlocks);
    const placed = place(doc, mark.id, proposals, toNow, names, now);
    // Threads after the suggestions: one on a paragraph the review added goes on its new words.
    const added = paired.added.map((p, i) => ({ rows: p.rows!, text: p.text, id: placed.ids[i]! }));
    const threads = placeThreads(doc, imported.threads, { spans: written.spans, returned: returned.blocks, pairs: paired.pairs, toNow, added }, names, now);
    const paragraphChanges = imported.paragraphChanges.length ? { paragraphChanges: imported.paragraphChanges } : {};
    return { from, suggestions: placed.made, comments: threads.made, leftOut: leftOut + placed.leftOut + threads.leftOut, broughtIn: names.broughtIn(), ...paragraphChanges };
  } finally {
    scratch.destroy();
  }
}

/** Makes each proposal a suggestion on the message's words, unless one with its id is there (or was decided). */
function place(doc: Y.Doc, messageId: string, proposals: Proposal[], toNow: Map<number, number>, names: WordAuthors, now: Date): { made: number; leftOut: number; ids: (string | null)[] } {
  const known = new Set([...listSuggestions(doc).map((s) => s.id), ...listDecisions(doc).map((d) => d.id)]);
  let [made, leftOut] = [0, 0];
  const ids: (string | null)[] = [];
  const { editor, dispose } = createMessageEditor(doc);
  try {
    editor.update(
      () => {
        const blocks = $textBlocks();
        for (const p of proposals) {
          const block = toNow.has(p.block) ? blocks[toNow.get(p.block)!] : undefined;
          if (!block) {
            leftOut += 1;
            ids.push(null);
            continue;
          }
          const author = names.as(p.author);
          const id = hash(messageId, p.block, p.from, p.to, p.text, author, p.paragraphs ?? '', p.before === undefined ? '' : `format ${p.before}>${p.format}`);
          ids.push(id);
          if (known.has(id)) continue;
          known.add(id);
          const who: Suggester = { author: { name: author, title: '' }, newId: () => id, now: () => (p.at ? new Date(p.at) : now) };
          if (p.paragraphs) {
            $suggestLines($selectEdge(block, p.paragraphs), p.text, who);
            $giveKinds(id, p.kinds ?? []);
          } else if (p.before !== undefined) {
            if (!$suggestFormatOf(block, p, who)) {
              leftOut += 1; // the words would not take the format Word gave them: said, not made to look merged
              continue;
            }
          } else {
            if (p.to > p.from) $suggestDeletion($select(block, p.from, p.to), who, false, id);
            if (p.text) $insertSuggestion(block, p.to, p.text, p.format, who, id);
          }
          names.count(p.author, 'changes');
          made += 1;
        }
        $setSelection(null);
      },
      { discrete: true },
    );
  } finally {
    dispose();
  }
  return { made, leftOut, ids };
}

/** The text nodes of one suggestion, in document order. */
const $nodesOf = (id: string): SuggestionNode[] => $getRoot().getAllTextNodes().filter((n): n is SuggestionNode => $isSuggestionNode(n) && n.getMarks().some((m) => m.id === id));

/** Each split mark of suggestion `id`, in order, says what kind the paragraphs beside it become. */
function $giveKinds(id: string, kinds: Pick<SuggestionMark, 'kindBefore' | 'kindAfter'>[]): void {
  const splits = $nodesOf(id).filter((n) => n.getMark('split')?.id === id);
  splits.forEach((node, i) => {
    const mark = node.getMark('split')!;
    const { kindBefore, kindAfter } = kinds[i] ?? {};
    node.addMark({ ...mark, ...(kindBefore ? { kindBefore } : {}), ...(kindAfter ? { kindAfter } : {}) });
  });
}

const FORMAT_TYPES: [TextFormatType, number][] = [['bold', 1], ['italic', 2], ['strikethrough', 4], ['underline', 8]];

/** A tracked format change as one format suggestion (one id) on the message's words: each format Word changed, set as Word set it. */
function $suggestFormatOf(block: ElementNode, p: Proposal, who: Suggester): boolean {
  // Words pending in the message (someone's insertion) are no words as they stand, and $suggestFormat
  // leaves them as they are: each stretch of words between them is reformatted on its own, or taking
  // bold off words around an insertion that is not bold would turn it on, never off, and do nothing.
  const stretches = $stretchesAsTheyStand(block, p.from, p.to);
  let done = true;
  for (const [type, bit] of FORMAT_TYPES) {
    if ((p.before! & bit) === (p.format & bit)) continue;
    const on = (p.format & bit) !== 0;
    const right = (from: number, to: number) => $select(block, from, to).extract().filter((t) => $isTextNode(t) && !$pending(t)).every((t) => (t as TextNode).hasFormat(type) === on);
    for (const [from, to] of stretches) {
      // $suggestFormat turns a format on unless every word has it: words partly bold take it twice to end without it.
      for (let turn = 0; turn < 2 && !right(from, to); turn += 1) $suggestFormat($select(block, from, to), type, who);
      done &&= right(from, to);
    }
  }
  return done;
}

/** Words [from, to) of a block as it stands, cut where pending words sit between them. */
function $stretchesAsTheyStand(block: ElementNode, from: number, to: number): [number, number][] {
  const cuts: number[] = [];
  let seen = 0;
  for (const n of $pieces(block)) {
    if ($pending(n) && seen > from && seen < to && cuts[cuts.length - 1] !== seen) cuts.push(seen);
    if (!$pending(n)) seen += pieceText(n).length;
  }
  const edges = [from, ...cuts, to];
  return edges.slice(1).map((end, i) => [edges[i]!, end]);
}

/** Puts `text` in at `offset` of the block's text as it stands, marked as an insertion (after the words deleted there, in a replace). */
function $insertSuggestion(block: ElementNode, offset: number, text: string, format: number, who: Suggester, id: string): void {
  const node = $createSuggestionNode({ id, kind: 'insert', author: who.author, at: who.now().toISOString() }, text, format);
  const point = $select(block, offset, offset);
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  const at = point.anchor.getNode();
  if ($isTextNode(at)) {
    const o = point.anchor.offset;
    if (o === 0) at.insertBefore(node);
    else if (o >= at.getTextContentSize()) at.insertAfter(node);
    else (at.splitText(o)[0] as TextNode).insertAfter(node);
  } else if ($isElementNode(at)) at.append(node);
}

interface ThreadsPlaced {
  made: number;
  leftOut: number;
}

/** Paragraphs the review added, as placed: where each returned block's words start in the suggestion's text, and its id. */
interface AddedPlaced {
  rows: Map<number, number>;
  text: string;
  id: string | null;
}

/** Where the returned file's words are: each thread's span in it, its blocks, their pairing with the text sent (or with the paragraphs added), and that with the message now. */
interface Layout {
  spans: Map<number, { start: number; end: number }>;
  returned: Piece[][];
  pairs: Map<number, { sent: number; same: Same }>;
  toNow: Map<number, number>;
  added: AddedPlaced[];
}

interface Anchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  quote: string;
}

const quoteOf = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Each Word thread on the same words of the message, unless a thread with its first comment is there already (then only its new replies). */
function placeThreads(doc: Y.Doc, threads: Awaited<ReturnType<typeof readWord>>['threads'], layout: Layout, names: WordAuthors, now: Date): ThreadsPlaced {
  let [made, leftOut] = [0, 0];
  const existing = listThreads(doc);
  const { editor, binding, dispose } = createMessageEditor(doc);
  try {
    const anchors = editor.getEditorState().read(() => {
      const blocks = $textBlocks();
      return threads.map((_, i) => {
        const span = layout.spans.get(i);
        const start = span && whereIn(layout, span.start, false);
        const end = span && whereIn(layout, span.end, true);
        if (!start || !end) return null;
        if ('added' in start || 'added' in end) return 'added' in start && 'added' in end ? $anchorOnAdded(binding.binding, layout.added[start.added]!, start.at, end.at) : null;
        if (start.block !== end.block) return null;
        return $anchorOnSent(binding.binding, layout.toNow.has(start.block) ? blocks[layout.toNow.get(start.block)!] : undefined, start.at, end.at);
      });
    });
    threads.forEach((thread, i) => {
      const [first, ...rest] = thread.comments;
      const anchor = anchors[i];
      if (!first) return;
      if (!anchor) {
        leftOut += 1 + rest.length;
        return;
      }
      const person = (name: string): Person => ({ name: names.as(name), title: '' });
      const at = (date: string | null) => (date ? new Date(date) : now);
      const same = existing.find((t) => t.quote === anchor.quote && t.comments[0]?.author.name === names.as(first.author) && t.comments[0]?.text === first.text.trim());
      const id = same?.id ?? createThread(doc, { ...anchor, text: first.text, author: person(first.author), at: at(first.date) });
      if (!same) {
        made += 1;
        names.count(first.author, 'comments');
      }
      for (const r of rest) {
        if (same?.comments.some((c) => c.author.name === names.as(r.author) && c.text === r.text.trim())) continue;
        reply(doc, id, person(r.author), r.text, at(r.date));
        made += 1;
        names.count(r.author, 'comments');
      }
    });
  } finally {
    dispose();
  }
  return { made, leftOut };
}

/** A thread's anchor on words [from, to) of a message block as it stands. */
function $anchorOnSent(binding: BindingV2, block: ElementNode | undefined, from: number, to: number): Anchor | null {
  if (!block) return null;
  const a = $pointIn(block, from, false);
  const b = $pointIn(block, Math.max(from, to), true);
  if (a.type !== 'text' || b.type !== 'text') return null;
  const start = textPosition(binding, $nodeByKey(a.key), a.offset, 0);
  const end = textPosition(binding, $nodeByKey(b.key), b.offset, -1);
  const quote = quoteOf($pieces(block).filter((n) => !$pending(n)).map(pieceText).join('').slice(from, to));
  return start && end ? { start, end, quote } : null;
}

/** A thread's anchor on words [from, to) of the text of the suggestion that brings the paragraphs the review added (its new words, pending). */
function $anchorOnAdded(binding: BindingV2, added: AddedPlaced, from: number, to: number): Anchor | null {
  const words = added.text.slice(from, to);
  if (!added.id || to <= from || words.includes('\n')) return null;
  const nodes = $nodesOf(added.id);
  const point = (at: number, end: boolean) => {
    let seen = 0;
    for (const n of nodes) {
      const size = n.getTextContentSize();
      if (end ? at > seen && at <= seen + size : at >= seen && at < seen + size) return { node: n, offset: at - seen };
      seen += size;
    }
    return null;
  };
  const [a, b] = [point(from, false), point(to, true)];
  if (!a || !b) return null;
  const start = textPosition(binding, a.node, a.offset, 0);
  const end = textPosition(binding, b.node, b.offset, -1);
  return start && end ? { start, end, quote: quoteOf(words) } : null;
}

const $nodeByKey = (key: string) => $getNodeByKey(key) as TextNode;

/** A count of the returned file's text-node characters as a block and offset of the text sent, or as an offset in the text of the paragraphs added. */
function whereIn(layout: Layout, count: number, end: boolean): { block: number; at: number } | { added: number; at: number } | null {
  for (const [r, pieces] of layout.returned.entries()) {
    let base = 0;
    for (const p of pieces) {
      const size = p.count < 0 ? 0 : p.text.length;
      const inside = p.count >= 0 && (end ? count > p.count && count <= p.count + size : count >= p.count && count < p.count + size);
      if (inside) return onBlock(layout, r, isInsert(p) ? base : base + (count - p.count));
      if (!isInsert(p)) base += p.text.length;
    }
  }
  return null;
}

function onBlock(layout: Layout, r: number, offset: number): { block: number; at: number } | { added: number; at: number } | null {
  const pair = layout.pairs.get(r);
  const at = pair ? toSent(pair.same, offset) : null;
  if (pair) return at !== null ? { block: pair.sent, at } : null;
  const added = layout.added.findIndex((a) => a.rows.has(r));
  return added >= 0 ? { added, at: layout.added[added]!.rows.get(r)! + offset } : null;
}

/** What "Merge a copy…" answers for a Word review: the Signet merge's summary shape, with what the Word review brought. */
export function mergeSummaryOf(summary: WordMergeSummary): MergeSummary {
  const nothingNew = !summary.suggestions && !summary.comments;
  const empty = { wordsAdded: 0, wordsRemoved: 0, paragraphsChanged: 0, newReplies: 0, newVersions: 0, newRecords: 0, closedSuggestions: 0, closedUnlogged: 0 };
  return { ...empty, nothingNew, newSuggestions: summary.suggestions, newThreads: summary.comments, people: [{ name: summary.from, title: '' }] };
}
