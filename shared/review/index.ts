// Review: comment threads on the words, suggestions in them, and the review rounds noted in the message (who a copy
// went to). Other features use it only through this file.
export * from './comments';
export * from './rounds';
export * from './guard';
export * from './suggestions';
export * from './suggest';
export * from './reviewer-copy';
export { mendMergedMarks, stateOf } from './merged-marks';
