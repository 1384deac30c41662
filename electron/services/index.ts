// The plain-Node services, as one entry the test harness and benchmarks can load from the build.
export { createServices, toIpcError, type Host, type Services } from './handlers';
export { SettingsStore, defaultSettings } from './settings';
export { Library, newMessage } from './library';
export * from './message-file';
export { OpenMessage, createMessageFile } from './message-store';
