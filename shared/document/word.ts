// What a Word file brought into a new message, as data: the main process counts it
// (electron/services/document/word-read.ts, word-write.ts), the app and the tool say it in words.

/** What a Word file had that a message cannot hold, counted. */
export interface WordLeftOut {
  images: number;
  tables: number;
  textBoxes: number;
  /** Fields other than links: their shown words are kept as plain words. */
  fields: number;
  headers: number;
  footers: number;
  footnotes: number;
  endnotes: number;
  equations: number;
  /** Tracked paragraph splits and joins, and tracked paragraph formatting: left as the file shows them. */
  paragraphChanges: number;
}

/** The things counted in "2 images and 1 table were not imported", in the order they are named. */
export const WORD_LEFT_OUT = ['images', 'tables', 'textBoxes', 'equations', 'headers', 'footers', 'footnotes', 'endnotes'] as const satisfies readonly (keyof WordLeftOut)[];

export interface WordImportSummary {
  /** The Word file's name. */
  file: string;
  /** Suggestions made of its open tracked changes. */
  suggestions: number;
  threads: number;
  replies: number;
  /** The Word authors of those, in the order they first appear. */
  people: string[];
  /** Threads Word had marked done, which come in open. */
  done: number;
  leftOut: WordLeftOut;
}
