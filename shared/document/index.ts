// The document: one Yjs Doc per message, its content read as data, the editor's nodes and binding,
// templates, counts and the paste sanitiser. Other features use it only through this file.
export * from './message';
export * from './content';
export * from './person';
export * from './names';
export * from './nodes';
export * from './suggestion-node';
export * from './binding';
export type { CaretEnds, Carets, OtherCaret } from './carets';
export * from './templates';
export * from './counts';
export * from './sanitize';
export * from './update-places';
export * from './word';
