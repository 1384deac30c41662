// The library: searching the list of messages.
export * from './search';
