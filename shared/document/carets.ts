// The editor binding's provider, which holds no connection: the main process runs the live one. Its
// awareness is where Lexical's collaboration code reads and writes carets, so through it this
// person's caret is followed (as Yjs relative positions, which stay on their characters through
// others' edits) and the carets of others in a live session are drawn, by @lexical/yjs's own code.
import { syncCursorPositions, type BindingV2, type Provider, type UserState } from '@lexical/yjs';
import type * as Y from 'yjs';

/** One end and the other of a selection; both the same for a caret. */
export interface CaretEnds {
  anchor: Y.RelativePosition;
  focus: Y.RelativePosition;
}

/** Someone else's caret: their awareness client, name, colour and where it is. */
export interface OtherCaret extends CaretEnds {
  client: number;
  name: string;
  color: string;
}

export interface Carets {
  /** Tells `send` where this person's caret is on each move (null: not in the text), until the returned stop. */
  follow(send: (ends: CaretEnds | null) => void): () => void;
  /** Draws `others` into `container` (an element over the text); and again after each change to the text. */
  show(container: HTMLElement | null, others: OtherCaret[]): void;
}

export function caretsProvider(): { provider: Provider; carets(binding: BindingV2): Carets } {
  let local: UserState | null = null;
  let follower: ((ends: CaretEnds | null) => void) | null = null;
  const others = new Map<number, UserState>();
  const setLocal = (state: UserState | null) => {
    local = state;
    follower?.(state?.anchorPos && state.focusPos ? { anchor: state.anchorPos, focus: state.focusPos } : null);
  };
  const provider = {
    awareness: {
      getLocalState: () => local,
      getStates: () => others,
      on: () => {},
      off: () => {},
      setLocalState: setLocal,
      setLocalStateField: (field: string, value: unknown) => local && setLocal({ ...local, [field]: value }),
    },
    connect: () => {},
    disconnect: () => {},
    on: () => {},
    off: () => {},
  } as Provider;
  const carets = (binding: BindingV2): Carets => ({
    follow(send) {
      // Lexical keeps a caret only once there is a local state to keep it in.
      local = { name: '', color: '', focusing: true, anchorPos: null, focusPos: null, awarenessData: {} };
      follower = send;
      return () => {
        follower = null;
        local = null;
      };
    },
    show(container, people) {
      others.clear();
      for (const p of people) others.set(p.client, { name: p.name, color: p.color, focusing: true, anchorPos: p.anchor, focusPos: p.focus, awarenessData: {} });
      binding.cursorsContainer = container;
      syncCursorPositions(binding, provider);
    },
  });
  return { provider, carets };
}
