// The plain-Node services, as one entry the test harness and benchmarks can load from the build.
export { createServices, toIpcError, type Host, type Services } from './handlers';
export { SettingsStore, defaultSettings } from './settings';
export { Library, newMessage } from './library';
export * from './message-file';
export { FROM_EDITOR, OpenMessage, createMessageFile, type OpenOptions, type SaveStatus } from './message-store';
export * from './headless-editor';
export { bindMessageEditor } from '../../shared/binding';
export { MESSAGE_NODES } from '../../shared/nodes';
export { messageParagraphs, messageText, newMessageDoc, readMeta, textRoot } from '../../shared/message';
export { MessageHistory, compareVersions, wantsVersion } from './history';
export { MergeRefused, checkSameMessage, copyDoc, hasNews, incomingUpdate, mergeCopy, readCopy, type MergeSummary } from './merge';
export { createThread, listThreads, reply } from '../../shared/comments';
export { attribution, listVersions, recordDeletions, recordVersion, registerPerson, versionContent, versionDoc, versionSnapshot } from '../../shared/versions';
export { unchanged } from '../../shared/compare';
export { contentParagraphs } from '../../shared/message';
export { compareContent } from '../../shared/compare';
export { messageDigest, readContent } from '../../shared/content';
export { restoreVersion } from '../../shared/restore';
// The bundle's own Yjs, so that scripts loading the bundle (benchmarks) build snapshots and
// documents with the same copy the services use.
export * as Y from 'yjs';
