// Restoring a version: the editor's text becomes the version's as one ordinary change, so it is
// saved, merged and undone like any other edit and no history is rewritten. Only what differs is
// written, so words the version shares with the current text keep their authors, and comments
// anchored to them keep their place.
import {
  $getRoot,
  $isElementNode,
  $parseSerializedNode,
  type LexicalEditor,
  type LexicalNode,
  type SerializedElementNode,
  type SerializedLexicalNode,
} from 'lexical';
import type * as Y from 'yjs';
import { createDetachedEditor } from '../document';
import { diffLists } from './diff';
import { versionDoc } from './versions';

/** The Lexical nodes of a version, read through the same binding the editor uses. */
export function versionNodes(doc: Y.Doc, versionId: string): SerializedLexicalNode[] {
  const version = versionDoc(doc, versionId);
  const { editor: reader, binding } = createDetachedEditor(version);
  try {
    return reader.getEditorState().toJSON().root.children;
  } finally {
    binding.dispose();
    version.destroy();
  }
}

/**
 * Makes the editor's content equal to the version's. Call it on an editor bound to `doc`.
 *
 * Paragraphs the version shares with the current text are matched first and left alone, wherever
 * they stand, so they keep their authors (and anything anchored in them). Each run of differing
 * paragraphs is its own update, last first: the binding matches children by content from both
 * ends, so one changed stretch at a time lets it keep everything around it. A paragraph that
 * differs but keeps its kind is rewritten in place, so only its differing characters change.
 * The updates follow each other at once, so undo takes them back as one step.
 */
export function restoreVersion(editor: LexicalEditor, doc: Y.Doc, versionId: string): void {
  const target = versionNodes(doc, versionId);
  const current = editor.getEditorState().toJSON().root.children;
  for (const hunk of hunks(current, target).reverse()) editor.update(() => $applyHunk(hunk), { discrete: true });
}

interface Hunk {
  /** Where the stretch starts in the current children. */
  at: number;
  removed: SerializedLexicalNode[];
  added: SerializedLexicalNode[];
}

function hunks(current: SerializedLexicalNode[], target: SerializedLexicalNode[]): Hunk[] {
  const out: Hunk[] = [];
  let at = 0;
  let j = 0;
  for (const change of diffLists(current.map(key), target.map(key))!) {
    if (!change.added && !change.removed) {
      at += change.count;
      j += change.count;
      continue;
    }
    let hunk = out[out.length - 1];
    if (!hunk || hunk.at + hunk.removed.length !== at) out.push((hunk = { at, removed: [], added: [] }));
    if (change.removed) {
      hunk.removed.push(...current.slice(at, at + change.count));
      at += change.count;
    } else {
      hunk.added.push(...target.slice(j, j + change.count));
      j += change.count;
    }
  }
  return out;
}

function $applyHunk({ at, removed, added }: Hunk): void {
  const root = $getRoot();
  const nodes = root.getChildren().slice(at, at + removed.length);
  let last: LexicalNode | null = at > 0 ? root.getChildAtIndex(at - 1) : null;
  const next = root.getChildAtIndex(at + removed.length);
  const place = (node: LexicalNode) => {
    if (last) last.insertAfter(node);
    else if (next) next.insertBefore(node);
    else root.append(node);
    last = node;
  };
  for (let k = 0; k < Math.max(nodes.length, added.length); k += 1) {
    const old = nodes[k];
    const json = added[k];
    if (old && json && $isElementNode(old) && sameShell(removed[k], json)) {
      old.clear().append(...(json as SerializedElementNode).children.map((child) => $parseSerializedNode(child)));
      last = old;
    } else {
      old?.remove();
      if (json) place($parseSerializedNode(json));
    }
  }
}

const key = (node: SerializedLexicalNode) => JSON.stringify(node);

/** Two serialized elements alike in everything but their children. */
function sameShell(a: SerializedLexicalNode, b: SerializedLexicalNode): boolean {
  const shell = (n: SerializedLexicalNode) => JSON.stringify({ ...n, children: undefined });
  return 'children' in a && 'children' in b && shell(a) === shell(b);
}
