// Editing traces (see ../shared/data/traces/README.md): loading one, and replaying it into a
// message through a headless Lexical editor bound with the app's binding.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** Reads a gzip JSON trace and checks its shape, so a wrong file fails with a plain reason. */
export function loadTrace(path) {
  let trace;
  try {
    trace = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
  } catch (error) {
    throw new Error(`${path} is not a gzip-compressed JSON editing trace (${error.message})`);
  }
  const ok =
    trace &&
    typeof trace.endContent === 'string' &&
    (trace.startContent === undefined || typeof trace.startContent === 'string') &&
    Array.isArray(trace.txns) &&
    trace.txns.every((t) => Array.isArray(t.patches) && t.patches.every((p) => Array.isArray(p) && p.length === 3));
  if (!ok) throw new Error(`${path} does not have the shape { startContent, endContent, txns: [{ patches: [[pos, del, text]] }] }`);
  trace.startContent ??= '';
  trace.path = path;
  trace.patchCount = trace.txns.reduce((n, t) => n + t.patches.length, 0);
  return trace;
}

const codePoints = (s) => {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
};

/** The UTF-16 index of code point `k` in `s` (whose length in code points is `cpLength`). */
function unitIndex(s, cpLength, k) {
  if (s.length === cpLength) return k;
  let i = 0;
  for (let n = 0; n < k; n += 1) i += s.codePointAt(i) > 0xffff ? 2 : 1;
  return i;
}

/**
 * Applies trace patches to a Lexical editor bound to a message: each newline is a paragraph
 * break, each paragraph holds one text node. A plain mirror of the paragraphs turns the trace's
 * code-point positions into (paragraph, offset) without reading the editor back.
 *
 * Call `apply(patches)` inside `editor.update(...)`; `s` is the services bundle, which holds the
 * one copy of Lexical the editor uses.
 */
export class TraceReplayer {
  constructor(s, editor) {
    this.s = s;
    this.editor = editor;
    this.paragraphs = [''];
    this.lengths = [0];
    this.keys = [];
    // A cursor: the paragraph the last patch touched and where it starts, as edits cluster.
    this.at = 0;
    this.atStart = 0;
  }

  /** Replaces the editor's content with `text` (untimed setup). */
  reset(text) {
    const s = this.s;
    this.editor.update(
      () => {
        const root = s.$getRoot().clear();
        this.paragraphs = text.split('\n');
        this.lengths = this.paragraphs.map(codePoints);
        this.keys = this.paragraphs.map((line) => {
          const p = s.$createParagraphNode();
          if (line) p.append(s.$createTextNode(line));
          root.append(p);
          return p.getKey();
        });
      },
      { discrete: true },
    );
    this.at = 0;
    this.atStart = 0;
  }

  /**
   * Takes the editor's present paragraphs as the mirror (untimed setup), for an editor opened on
   * a message the trace was already partly replayed into, as when it is closed and opened again.
   * Returns how many paragraphs hold other than one text node (the next patch there rewrites it).
   */
  adopt() {
    const s = this.s;
    let uneven = 0;
    this.editor.getEditorState().read(() => {
      const blocks = s.$getRoot().getChildren();
      for (const block of blocks) {
        if (!s.$isParagraphNode(block)) throw new Error(`the message holds a ${block.getType()} where the trace replay puts only paragraphs`);
        const children = block.getChildren();
        if (children.length > 1 || (children.length === 1 && !s.$isTextNode(children[0]))) uneven += 1;
      }
      this.paragraphs = blocks.map((block) => block.getTextContent());
      this.lengths = this.paragraphs.map(codePoints);
      this.keys = blocks.map((block) => block.getKey());
    });
    this.at = 0;
    this.atStart = 0;
    return uneven;
  }

  locate(pos) {
    while (pos < this.atStart) {
      this.at -= 1;
      this.atStart -= this.lengths[this.at] + 1;
    }
    while (pos > this.atStart + this.lengths[this.at]) {
      this.atStart += this.lengths[this.at] + 1;
      this.at += 1;
      if (this.at >= this.paragraphs.length) throw new Error(`trace position ${pos} is past the end of the text`);
    }
    return [this.at, pos - this.atStart];
  }

  setText(paragraph, text) {
    const s = this.s;
    const first = paragraph.getFirstChild();
    if (paragraph.getChildrenSize() === 1 && s.$isTextNode(first)) {
      if (text) first.setTextContent(text);
      else first.remove();
    } else {
      paragraph.clear();
      if (text) paragraph.append(s.$createTextNode(text));
    }
  }

  /** Applies one patch: delete `del` code points at `pos`, then insert `text` there. */
  patch(pos, del, text) {
    const s = this.s;
    const [pi, oi] = this.locate(pos);
    let pj = pi;
    let oj = oi;
    let rest = del;
    while (rest > this.lengths[pj] - oj) {
      rest -= this.lengths[pj] - oj + 1;
      pj += 1;
      oj = 0;
      if (pj >= this.paragraphs.length) throw new Error(`trace deletes past the end of the text at ${pos}`);
    }
    oj += rest;
    const first = this.paragraphs[pi];
    const last = this.paragraphs[pj];
    const ui = unitIndex(first, this.lengths[pi], oi);
    const uj = unitIndex(last, this.lengths[pj], oj);
    const node = s.$getNodeByKey(this.keys[pi]);

    if (pi === pj && !text.includes('\n')) {
      // Typing or deleting inside one paragraph: what a keystroke does.
      const next = first.slice(0, ui) + text + first.slice(uj);
      const textNode = node.getFirstChild();
      if (node.getChildrenSize() === 1 && s.$isTextNode(textNode) && next) textNode.spliceText(ui, uj - ui, text, false);
      else this.setText(node, next);
      this.paragraphs[pi] = next;
      this.lengths[pi] += codePoints(text) - del;
      return;
    }
    // Enter, or a deletion across paragraph breaks: the first paragraph keeps its node (as
    // Lexical's own split does), the ones after it are removed or created.
    const parts = (first.slice(0, ui) + text + last.slice(uj)).split('\n');
    this.setText(node, parts[0]);
    for (let j = pi + 1; j <= pj; j += 1) s.$getNodeByKey(this.keys[j]).remove();
    const keys = [this.keys[pi]];
    let previous = node;
    for (const line of parts.slice(1)) {
      const p = s.$createParagraphNode();
      if (line) p.append(s.$createTextNode(line));
      previous.insertAfter(p);
      previous = p;
      keys.push(p.getKey());
    }
    this.paragraphs.splice(pi, pj - pi + 1, ...parts);
    this.lengths.splice(pi, pj - pi + 1, ...parts.map(codePoints));
    this.keys.splice(pi, pj - pi + 1, ...keys);
  }

  text() {
    return this.paragraphs.join('\n');
  }
}
