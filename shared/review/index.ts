// Review: comment threads on the words, and the review rounds noted in the message (who a copy
// went to). Other features use it only through this file.
export * from './comments';
export * from './rounds';
export * from './guard';
