// How deeply a message's types nest. Yjs applies any depth, but everything that reads the text
// (its words, digest, editor) walks it recursively, so a hostile copy nested thousands deep would
// fail far from the file with "Maximum call stack size exceeded". Reading a message measures the
// depth here, without recursion, and refuses one deeper than any the editor makes.
import * as Y from 'yjs';

/** Far deeper than a message gets (a list nested in a list, in a quote, in a table cell …). */
export const MAX_NESTING = 100;

export interface Deepest {
  depth: number;
  /** The item that starts the deepest type, to say which record brought it. */
  client: number;
  clock: number;
}

/** The deepest type in the document, deleted ones included (past versions show them); every item is visited once. */
export function deepestNesting(doc: Y.Doc): Deepest {
  const depths = new Map<Y.AbstractType<unknown>, number>();
  const depthOf = (type: Y.AbstractType<unknown>): number => {
    const chain: Y.AbstractType<unknown>[] = [];
    let at: Y.AbstractType<unknown> | null = type;
    let base = 0;
    while (at) {
      const known = depths.get(at);
      if (known !== undefined) {
        base = known;
        break;
      }
      chain.push(at);
      const parent: unknown = at._item?.parent;
      at = parent instanceof Y.AbstractType ? parent : null;
    }
    for (let i = chain.length - 1; i >= 0; i -= 1) depths.set(chain[i], (base += 1));
    return base;
  };
  let deepest: Deepest = { depth: 0, client: 0, clock: 0 };
  for (const structs of doc.store.clients.values()) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) continue;
      const depth = depthOf(struct.content.type as Y.AbstractType<unknown>);
      if (depth > deepest.depth) deepest = { depth, client: struct.id.client, clock: struct.id.clock };
    }
  }
  return deepest;
}
