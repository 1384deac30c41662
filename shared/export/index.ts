// Export: the manifest a copy carries, its layout, the page rendered from it, and the check that
// a copy's words are the words approved. Other features use it only through this file.
export * from './manifest';
export * from './layout';
export * from './render';
export * from './style';
export * from './tree';
export * from './check';
export * from './certificate';
export * from './seal';
export * from './cms';
export * from './pdf-signature';
export * from './words';
export * from './fonts';
export * from './read-copy';
export * from './trust';
export * from './verdict';
export * from './pictures';
export * from './drawn';
export * from './reasons';
