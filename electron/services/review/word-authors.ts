// Who a Word review's changes and comments are shown as. A Word author is free text that anyone
// can type ("Ada Mensah" in Word's options), so it never makes a change or comment a member's:
// a name that is a roster member's, or the sender's, is the recipient's own words only when it
// names the recipient; any other such name is brought in as the recipient's, and the merge says so.
// Names of nobody on the message (a colleague who commented in the recipient's copy) are kept as
// written: they can pass for no one who decides, approves or signs here, and who said what in the
// reviewer's office is worth keeping. Every suggestion still waits for Ada's decision.

import { lookAlikeKey, nameKey } from '../../../shared/document';

/** One name in Word that was not taken as written: how many changes and comments it signed. */
export interface SignedAs {
  /** The name as Word has it. */
  signed: string;
  changes: number;
  comments: number;
}

export class WordAuthors {
  /** Whose review it is: the recipient, else (a copy that records none) the first Word author who names nobody on the message. */
  readonly from: string;
  private readonly protectedNames: Set<string>;
  private readonly signed = new Map<string, SignedAs>();

  /** `members`: the roster's names and the sender's; `recipient`: whom the copy was sent to, if the message records it; `authors`: the Word authors, in order. */
  constructor(members: readonly string[], recipient: string | null, authors: readonly string[]) {
    // Members' names are kept by their look-alike key, so one written in Cyrillic or Greek letters drawn like theirs passes for no one either.
    this.protectedNames = new Set(members.map(lookAlikeKey).filter(Boolean));
    this.from = recipient ?? authors.find((a) => lookAlikeKey(a) && !this.protectedNames.has(lookAlikeKey(a))) ?? 'the Word reviewer';
  }

  /** The name a change or comment signed `name` in Word is shown as. */
  as(name: string): string {
    if (nameKey(name) === nameKey(this.from)) return this.from;
    // A look-alike of the recipient's own name is shown as theirs and still counted: it is not what they are called.
    const key = lookAlikeKey(name);
    return key && key !== lookAlikeKey(this.from) && !this.protectedNames.has(key) ? name : this.from;
  }

  /** Counts one change or comment made under `name` as Word signed it, when it is not shown as written. */
  count(name: string, what: 'changes' | 'comments'): void {
    if (!nameKey(name) || this.as(name) === name || nameKey(name) === nameKey(this.from)) return;
    const entry = this.signed.get(name) ?? { signed: name, changes: 0, comments: 0 };
    entry[what] += 1;
    this.signed.set(name, entry);
  }

  /** The names brought in as `from`'s, in the order first met. */
  broughtIn(): SignedAs[] {
    return [...this.signed.values()];
  }
}
