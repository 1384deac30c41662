// A Word copy of a message, for a reviewer without Signet: written with the `docx` library,
// headings as Word's heading styles (so the navigation pane works), formats, lists, quotes, links,
// page breaks and the signature block, the open comment threads as Word comments on their words.
// It is a draft for review, never a final copy: every page's header says so, and it carries no
// certificate. What Signet needs to map it back (the message's id, the digest of the text sent)
// is in a custom XML part, which Word keeps and does not show.
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  ExternalHyperlink,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  TextRun,
  type ICommentOptions,
  type ParagraphChild,
} from 'docx';
import { unzipSync, zipSync } from 'fflate';
import type * as Y from 'yjs';
import { canonicalContent, contentDigest, readContent, readMeta, type Block, type MessageContent, type Run } from '../../../shared/document';
import { placeThreads } from '../../../shared/review';

/** The namespace of the custom XML part a Word copy carries. */
export const WORD_COPY_NAMESPACE = 'urn:signet:word-copy:1';
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
const ALIGN: Record<number, (typeof AlignmentType)[keyof typeof AlignmentType]> = { 2: AlignmentType.CENTER, 3: AlignmentType.RIGHT, 4: AlignmentType.JUSTIFIED };

export interface WordCopy {
  bytes: Uint8Array;
  /** Open comment threads carried as Word comments, and those whose words could not be found in one paragraph. */
  comments: number;
  commentsLeftOut: number;
}

/** Where a comment starts or ends in a block's text. */
interface Edge {
  at: number;
  id: number;
  end: boolean;
}

const blockText = (b: Block) => b.runs.map((r) => r.text).join('');

/** Open threads on words within one paragraph, placed in document order on the first match after the one before. */
function placeComments(doc: Y.Doc, blocks: Block[]): { edges: Map<number, Edge[]>; comments: ICommentOptions[]; leftOut: number } {
  const edges = new Map<number, Edge[]>();
  const comments: ICommentOptions[] = [];
  let leftOut = 0;
  let from = { block: 0, at: 0 };
  for (const placed of placeThreads(doc)) {
    if (placed.thread.resolved || !placed.anchored || !placed.text.trim()) continue;
    // The thread's words may hold a pending insertion, which the text as it stands has not:
    // then the longest start of them that it has (at least three characters).
    let found: { block: number; at: number; length: number } | null = null;
    const words = placed.text.trim();
    for (let length = words.length; length >= Math.min(3, words.length) && !found; length -= 1) {
      for (let b = from.block; b < blocks.length && !found; b += 1) {
        const at = blockText(blocks[b]!).indexOf(words.slice(0, length).trimEnd(), b === from.block ? from.at : 0);
        if (at >= 0) found = { block: b, at, length: words.slice(0, length).trimEnd().length };
      }
    }
    if (!found) {
      leftOut += 1;
      continue;
    }
    from = { block: found.block, at: found.at };
    const id = comments.length;
    const [first, ...replies] = placed.thread.comments.filter((c) => !c.deleted);
    if (!first) continue;
    comments.push({ id, author: first.author.name, date: new Date(first.at), children: [new Paragraph(first.text)] });
    for (const r of replies) comments.push({ id: comments.length, parentId: id, author: r.author.name, date: new Date(r.at), children: [new Paragraph(r.text)] });
    const list = edges.get(found.block) ?? [];
    list.push({ at: found.at, id, end: false }, { at: found.at + found.length, id, end: true });
    edges.set(found.block, list);
  }
  return { edges, comments, leftOut };
}

function textRuns(run: Run, text: string): TextRun[] {
  const lines = text.split('\n');
  const format = { bold: !!(run.format & 1), italics: !!(run.format & 2), strike: !!(run.format & 4), underline: run.format & 8 ? {} : undefined };
  // A link's words in Word's Hyperlink style, so a reader sees them as a link (the docx library defines the style).
  const style = run.link ? 'Hyperlink' : undefined;
  return lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, style, ...format }));
}

/** A block's runs, cut where comments start and end. */
function children(block: Block, edges: Edge[]): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  const sorted = [...edges].sort((a, b) => a.at - b.at || Number(a.end) - Number(b.end));
  let at = 0;
  let next = 0;
  const flushEdges = (upTo: number) => {
    while (next < sorted.length && sorted[next]!.at <= upTo) {
      const e = sorted[next++]!;
      if (e.end) out.push(new CommentRangeEnd(e.id), new TextRun({ children: [new CommentReference(e.id)] }));
      else out.push(new CommentRangeStart(e.id));
    }
  };
  for (const run of block.runs) {
    let offset = 0;
    while (offset < run.text.length) {
      flushEdges(at + offset);
      const cut = next < sorted.length ? Math.min(run.text.length, sorted[next]!.at - at) : run.text.length;
      const piece = run.text.slice(offset, Math.max(cut, offset + 1));
      const made = textRuns(run, piece);
      out.push(...(run.link ? [new ExternalHyperlink({ link: run.link, children: made })] : made));
      offset += piece.length;
    }
    at += run.text.length;
  }
  flushEdges(Number.MAX_SAFE_INTEGER);
  return out;
}

function paragraphOf(block: Block, edges: Edge[]): Paragraph {
  const kids = children(block, edges);
  const alignment = block.align ? ALIGN[block.align] : undefined;
  const level = Number(block.kind.slice(1));
  if (/^h[1-6]$/.test(block.kind)) return new Paragraph({ heading: HEADINGS[level - 1], alignment, children: kids });
  if (block.kind === 'quote') return new Paragraph({ style: 'Quote', alignment, children: kids });
  if (block.kind === 'bullet' || block.kind === 'check') return new Paragraph({ bullet: { level: Math.min(block.depth ?? 0, 8) }, alignment, children: kids });
  if (block.kind === 'number') return new Paragraph({ numbering: { reference: 'numbers', level: Math.min(block.depth ?? 0, 8) }, alignment, children: kids });
  if (block.kind === 'page-break') return new Paragraph({ children: [new PageBreak()] });
  if (block.kind === 'signature') return new Paragraph({ keepNext: true, keepLines: true, alignment, children: kids });
  return new Paragraph({ alignment, children: kids });
}

/** The custom XML part and its properties, added to the package `docx` wrote. */
function withCustomXml(bytes: Uint8Array, id: string, content: MessageContent, sentAt: string): Uint8Array {
  const parts = unzipSync(bytes);
  const enc = (s: string) => new TextEncoder().encode(s);
  const dec = (b: Uint8Array) => new TextDecoder().decode(b);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  // The text sent, so that a merge finds edits made with Track Changes off even when the message's
  // history has no version of it (`signet export` records none); it counts only if its digest is the one stated.
  const sent = esc(canonicalContent(content));
  parts['customXml/item1.xml'] = enc(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<signet xmlns="${WORD_COPY_NAMESPACE}"><message id="${esc(id)}" digest="${esc(contentDigest(content))}" sent="${esc(sentAt)}"/><text>${sent}</text></signet>`,
  );
  parts['customXml/itemProps1.xml'] = enc(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ds:datastoreItem ds:itemID="{${crypto.randomUUID().toUpperCase()}}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="${WORD_COPY_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>`,
  );
  parts['customXml/_rels/item1.xml.rels'] = enc(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>',
  );
  const rels = dec(parts['word/_rels/document.xml.rels']!);
  parts['word/_rels/document.xml.rels'] = enc(rels.replace('</Relationships>', '<Relationship Id="rIdSignetCustomXml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml" Target="../customXml/item1.xml"/></Relationships>'));
  let types = dec(parts['[Content_Types].xml']!);
  if (!/Extension="xml"/.test(types)) types = types.replace('<Default ', '<Default Extension="xml" ContentType="application/xml"/><Default ');
  parts['[Content_Types].xml'] = enc(types.replace('</Types>', '<Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/></Types>'));
  return zipSync(parts);
}

/** The message as it stands (pending suggestions not in it), as a Word draft for review. */
export async function makeWordCopy(doc: Y.Doc, now = new Date()): Promise<WordCopy> {
  const content = readContent(doc);
  const meta = readMeta(doc);
  const { edges, comments, leftOut } = placeComments(doc, content.blocks);
  const document = new Document({
    title: content.title || meta.title,
    subject: 'Draft for review',
    description: 'A draft sent from Signet for review: not a final copy, and it proves nothing about who approved or signed it.',
    creator: 'Signet',
    // Signet's own typeface where it is installed (Word falls back to its own otherwise), and room between paragraphs.
    styles: { default: { document: { run: { font: 'Source Serif 4', size: 24 }, paragraph: { spacing: { after: 160, line: 300 } } } }, paragraphStyles: [{ id: 'Quote', name: 'Quote', basedOn: 'Normal', run: { italics: true }, paragraph: { indent: { left: 720, right: 720 } } }] },
    numbering: {
      config: [{ reference: 'numbers', levels: Array.from({ length: 9 }, (_, level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })) }],
    },
    comments: { children: comments },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'DRAFT FOR REVIEW — not a final copy', bold: true, color: 'A00000' })] })] }) },
        children: content.blocks.map((block, i) => paragraphOf(block, edges.get(i) ?? [])),
      },
    ],
  });
  const bytes = withCustomXml(await Packer.toBuffer(document), meta.id, content, now.toISOString());
  return { bytes, comments: edges.size ? [...edges.values()].reduce((n, l) => n + l.length / 2, 0) : 0, commentsLeftOut: leftOut };
}
