// Revision history: versions (Yjs snapshots with names), comparing two texts and restoring one.
// Other features use it only through this file.
export * from './versions';
export * from './snapshots';
export * from './compare';
export * from './restore';

