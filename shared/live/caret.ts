// Where someone's caret and selection are in a live message: two Yjs relative positions (anchor and
// focus), which stay on the same characters through concurrent edits. The renderer makes them
// from the editor's selection, the main process puts them in this person's awareness state, and
// every receiver checks what a peer sent against this schema and against its own copy of the
// message before drawing it: a hostile peer may send anything.
import { z } from 'zod';
import * as Y from 'yjs';
import { TEXT_ROOT, textRoot } from '../document';

const id = z.object({ client: z.number().int().min(0).max(2 ** 32), clock: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict();

/**
 * One end of a selection, as Y.relativePositionToJSON writes it. A root type is named only as the
 * message text's own root: Yjs makes a root type of any name it is asked to resolve, so a stranger's
 * name would add one to the reader's document.
 */
const position = z
  .object({ type: id.optional(), tname: z.literal(TEXT_ROOT).optional(), item: id.optional(), assoc: z.number().int().min(-1).max(0).optional() })
  .strict()
  .refine((p) => p.item !== undefined || p.type !== undefined || p.tname !== undefined, 'names no place');

export const Caret = z.object({ anchor: position, focus: position }).strict();
export type Caret = z.infer<typeof Caret>;

/** The caret as Yjs relative positions (made by the renderer's editor binding). */
export function caretFromPositions(anchor: Y.RelativePosition, focus: Y.RelativePosition): Caret | null {
  const parsed = Caret.safeParse({ anchor: Y.relativePositionToJSON(anchor), focus: Y.relativePositionToJSON(focus) });
  return parsed.success ? parsed.data : null;
}

export function positionsOf(caret: Caret): { anchor: Y.RelativePosition; focus: Y.RelativePosition } {
  return { anchor: Y.createRelativePositionFromJSON(caret.anchor), focus: Y.createRelativePositionFromJSON(caret.focus) };
}

/** Whether `type` is the message text or inside it (not a comment, a record or the title). */
function inText(doc: Y.Doc, type: Y.AbstractType<unknown>): boolean {
  const root = textRoot(doc);
  for (let t: Y.AbstractType<unknown> | null = type; t; t = (t._item?.parent as Y.AbstractType<unknown> | undefined) ?? null) {
    if (t === root) return true;
  }
  return false;
}

/** A peer's caret if it is one and both its ends are in this copy's text; otherwise null. */
export function checkedCaret(value: unknown, doc: Y.Doc): Caret | null {
  const parsed = Caret.safeParse(value);
  if (!parsed.success) return null;
  const { anchor, focus } = positionsOf(parsed.data);
  const ends = [anchor, focus].map((p) => Y.createAbsolutePositionFromRelativePosition(p, doc));
  return ends.every((end) => end !== null && inText(doc, end.type)) ? parsed.data : null;
}
