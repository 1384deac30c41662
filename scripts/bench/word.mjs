// Word in and out at the size of a real draft (issue 19). Import of a 50-page .docx (written by
// the `docx` library: headings, paragraphs with bold and italic words, a bulleted list now and
// then) with importWord, the path "New from Word file…" takes, beside the same content as HTML
// through writeHtml, the .html import's path. Then a Word review of that message's Word copy
// (makeWordCopy) with 200 tracked changes, made as Word makes them in the copy's own
// document.xml (an insertion after a bold run, or the bold run deleted, in alternate paragraphs),
// merged back with mergeWordReview beside importing the same review as a new message (the same
// file read, the same 200 suggestions made, but nothing to compare or place).
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import { collectGarbage, round, roundsAsync } from './measure.mjs';

export const title = 'Word: import of a 50-page .docx vs the same content as HTML; merge of a Word review with 200 tracked changes vs importing the same review';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const ADA = { name: 'Ada Lovelace', title: 'Speechwriter' };
const WORDS = 'the council will open the new harbour wall to every resident and visitor this year and report on its cost'.split(' ');

/** About 65 words of plain text for paragraph `i`, the same every run. */
const filler = (i) => Array.from({ length: 58 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ');

/** The draft: `pages` pages of ~500 words, a heading every 15 paragraphs and a list item every 10th; each paragraph "…, by June, …" with "by June" in bold. */
function content(pages) {
  const blocks = [];
  const n = Math.round(pages * 7.5);
  for (let i = 0; i < n; i += 1) {
    if (i % 15 === 0) blocks.push({ kind: 'heading', text: `Part ${i / 15 + 1}` });
    blocks.push({ kind: i % 10 === 9 ? 'item' : 'paragraph', before: `Paragraph ${i + 1}: ${filler(i)}, `, bold: 'by June', after: `, and ${WORDS[i % WORDS.length]} in time.` });
  }
  return blocks;
}

const escape = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function asHtml(blocks) {
  return blocks
    .map((b) => (b.kind === 'heading' ? `<h2>${escape(b.text)}</h2>` : `<${b.kind === 'item' ? 'ul><li' : 'p'}>${escape(b.before)}<strong>${escape(b.bold)}</strong>${escape(b.after)}</${b.kind === 'item' ? 'li></ul' : 'p'}>`))
    .join('\n');
}

async function asDocx(blocks) {
  const children = blocks.map((b) => {
    if (b.kind === 'heading') return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(b.text)] });
    const runs = [new TextRun(b.before), new TextRun({ text: b.bold, bold: true }), new TextRun(b.after)];
    return new Paragraph(b.kind === 'item' ? { numbering: { reference: 'bullets', level: 0 }, children: runs } : { children: runs });
  });
  const numbering = { config: [{ reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT }] }] };
  return new Uint8Array(await Packer.toBuffer(new Document({ numbering, sections: [{ children }] })));
}

/** The Word copy as a reviewer's Word saves it with Track Changes on: `n` changes in the copy's own document.xml. */
function reviewOf(sent, n) {
  const parts = unzipSync(sent);
  const xml = new DOMParser().parseFromString(strFromU8(parts['word/document.xml']), 'text/xml');
  let made = 0;
  const el = (name, attrs = {}) => {
    const e = xml.createElementNS(W, `w:${name}`);
    for (const [k, v] of Object.entries(attrs)) e.setAttributeNS(W, `w:${k}`, v);
    return e;
  };
  const tracked = (name) => el(name, { id: String(1000 + made), author: 'Ben Okafor', date: '2026-12-02T09:00:00Z' });
  for (const p of Array.from(xml.getElementsByTagNameNS(W, 'p'))) {
    if (made >= n) break;
    const bold = Array.from(p.getElementsByTagNameNS(W, 'r')).find((r) => r.getElementsByTagNameNS(W, 'b').length && r.textContent === 'by June');
    if (!bold) continue;
    if (made % 2 === 0) {
      const ins = tracked('ins');
      const run = el('r');
      const t = el('t');
      t.setAttribute('xml:space', 'preserve');
      t.appendChild(xml.createTextNode(' or sooner'));
      run.appendChild(t);
      ins.appendChild(run);
      bold.parentNode.insertBefore(ins, bold.nextSibling);
    } else {
      const del = tracked('del');
      bold.parentNode.insertBefore(del, bold);
      del.appendChild(bold);
      for (const t of Array.from(bold.getElementsByTagNameNS(W, 't'))) {
        const d = el('delText');
        d.setAttribute('xml:space', 'preserve');
        d.appendChild(xml.createTextNode(t.textContent));
        bold.replaceChild(d, t);
      }
    }
    made += 1;
  }
  if (made < n) throw new Error(`only ${made} paragraphs to change, not ${n}`);
  parts['word/document.xml'] = strToU8(new XMLSerializer().serializeToString(xml));
  return zipSync(parts);
}

/** Options: --word-pages N (default 50), --word-changes N (default 200), --word-runs N timed runs per figure (default 5). */
export async function run({ services: s, args, log }) {
  const pages = Number(args['word-pages'] ?? 50);
  const changes = Number(args['word-changes'] ?? 200);
  const runs = Number(args['word-runs'] ?? 5);
  const blocks = content(pages);
  const [docx, html] = [await asDocx(blocks), asHtml(blocks)];
  const blank = () => s.newMessage('blank', 'Word benchmark', 'en', ADA);

  // The two imports must make the same words, or the ratio compares different work.
  const [viaWord, viaHtml] = [blank(), blank()];
  await s.importWord(viaWord, docx);
  s.writeHtml(viaHtml, html);
  const words = (doc) => s.messageText(doc).split(/\s+/).filter(Boolean).length;
  if (words(viaWord) !== words(viaHtml)) throw new Error(`the .docx import has ${words(viaWord)} words, the HTML import ${words(viaHtml)}`);
  log(`  ${s.messageParagraphs(viaWord).length} paragraphs, ${words(viaWord)} words; the .docx is ${(docx.length / 1024).toFixed(0)} KiB, the HTML ${(html.length / 1024).toFixed(0)} KiB.`);

  // The message the copy is sent from, its Word copy, and Ben's review of it.
  const state = s.Y.encodeStateAsUpdate(viaWord);
  const fresh = () => {
    const doc = s.newMessageDoc();
    s.Y.applyUpdate(doc, state);
    return doc;
  };
  const review = reviewOf((await s.makeWordCopy(fresh())).bytes, changes);
  const timed = async (fn) => {
    collectGarbage();
    const t0 = performance.now();
    const result = await fn();
    return { ms: performance.now() - t0, result };
  };
  let merged = null;
  const medians = await roundsAsync(
    {
      importWord: async () => (await timed(() => s.importWord(blank(), docx))).ms,
      importHtml: async () => (await timed(async () => s.writeHtml(blank(), html))).ms,
      merge: async () => {
        const { ms, result } = await timed(() => s.mergeWordReview(fresh(), review, 'review.docx'));
        merged = result;
        return ms;
      },
      importReview: async () => (await timed(() => s.importWord(s.newMessageDoc(), review))).ms,
    },
    runs,
  );
  if (merged.suggestions !== changes || merged.leftOut !== 0) throw new Error(`the merge brought ${merged.suggestions} suggestions and left ${merged.leftOut} out, not ${changes} and 0`);
  log(`  the merge: ${merged.suggestions} suggestions from ${merged.from}'s review, ${merged.leftOut} left out; medians of ${runs} runs each after a warm-up, each after a garbage collection.`);
  return [
    { name: `import a ${pages}-page .docx (importWord) vs the same content as HTML (writeHtml)`, value: round(medians.importWord, 1), unit: 'ms', baseline: round(medians.importHtml, 1), ratio: round(medians.importWord / medians.importHtml, 2) },
    { name: `merge a Word review with ${changes} tracked changes (mergeWordReview) vs importing the same review as a new message`, value: round(medians.merge, 1), unit: 'ms', baseline: round(medians.importReview, 1), ratio: round(medians.merge / medians.importReview, 2) },
  ];
}
