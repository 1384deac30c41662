// The plain-Node services, as one entry the test harness and benchmarks can load from the build.
export { createServices, toIpcError, type Host, type Services } from './services';
export { SettingsStore, defaultSettings } from './files/settings';
export { Library, newMessage } from './library/library';
export * from './files/message-file';
export { FROM_EDITOR, OpenMessage, createMessageFile, type OpenOptions, type SaveStatus } from './files/message-store';
export * from './document/headless-editor';
export { bindMessageEditor } from '../../shared/document/binding';
export { MESSAGE_NODES } from '../../shared/document/nodes';
export { messageParagraphs, messageText, newMessageDoc, readMeta, textRoot } from '../../shared/document/message';
export { MessageHistory, compareVersions, wantsVersion } from './history/history';
export { MergeRefused, checkSameMessage, copyDoc, hasNews, incomingUpdate, mergeCopy, readCopy, type MergeSummary } from './review/merge';
export { createThread, listThreads, reply } from '../../shared/review/comments';
export { attribution, listVersions, recordDeletions, recordVersion, registerPerson, versionContent, versionDoc, versionSnapshot } from '../../shared/history/versions';
export { unchanged } from '../../shared/history/compare';
export { contentParagraphs } from '../../shared/document/message';
export { compareContent } from '../../shared/history/compare';
export { messageDigest, readContent } from '../../shared/document/content';
export { restoreVersion } from '../../shared/history/restore';
// The bundle's own Yjs, so that scripts loading the bundle (benchmarks) build snapshots and
// documents with the same copy the services use.
export * as Y from 'yjs';
