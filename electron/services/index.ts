// The plain-Node services, as one entry the test harness and benchmarks can load from the build.
export { createServices, type Services } from './services';
export { toIpcError } from './errors';
export type { Host } from './host';
export { SettingsStore, defaultSettings } from './files/settings';
export { Library, newMessage } from './library/library';
export * from './files/message-file';
export * from './files/recovery';
export * from './files/backups';
export { FROM_EDITOR, OpenMessage, createMessageFile, type OpenOptions, type SaveStatus } from './files/message-store';
export * from './document/headless-editor';
export { bindMessageEditor } from '../../shared/document';
export { MESSAGE_NODES } from '../../shared/document';
export { messageParagraphs, messageText, newMessageDoc, readMeta, textRoot } from '../../shared/document';
export { MessageHistory, compareVersions, wantsVersion } from './history/history';
export { CopyRefused, MergeRefused, checkCopy, checkSameMessage, copyDoc, hasNews, incomingUpdate, mergeCopy, readCopy, type MergeSummary } from './review/merge';
export { createThread, listThreads, reply } from '../../shared/review';
export { attribution, listVersions, recordDeletions, recordVersion, registerPerson, versionContent, versionDoc, versionSnapshot } from '../../shared/history';
export { unchanged } from '../../shared/history';
export { contentParagraphs } from '../../shared/document';
export { compareContent } from '../../shared/history';
export { messageDigest, readContent } from '../../shared/document';
export { restoreVersion } from '../../shared/history';
// The bundle's own Yjs, so that scripts loading the bundle (benchmarks) build snapshots and
// documents with the same copy the services use.
export * as Y from 'yjs';
// For the status benchmark, which signs thousands of records as the app would.
export { changeRoster, messageState, recordHash, signRecord, signerFromSecretKey } from '../../shared/signoff';
// For the library benchmark, which takes a thousand messages through the workflow as the app would.
export { approve, recordStepVersion, requestChanges, sendForReview, signMessage } from '../../shared/signoff';
export { useNodeSignatureCheck } from './signoff/signature-check';
// The library's search, as the renderer runs it, for the library benchmark.
export { search, searchIndex } from '../../shared/library';
// For the suggestions benchmark: suggesting as the editor does, listing and deciding as the app and the tool do.
export { $suggestInsertion, decideSuggestions, listSuggestions, randomSuggestionId } from '../../shared/review';
export { $getSelection, $isRangeSelection } from 'lexical';
// For the Word benchmark: a .docx imported beside the same HTML, and a Word review merged back.
export { importWord } from './document/word-write';
export { writeHtml } from './document/compose';
export { makeWordCopy } from './export/word-copy';
export { mergeWordReview } from './review/word-merge';
// For the live benchmark, whose clients prove their keys to `signet serve` as the app's do.
export { connectionToken } from './live/auth';
