// Sign-off: the roster of members, the signed records, and the workflow rules that compute a
// message's state from the records that verify. Other features use it only through this file.
export * from './members';
export * from './records';
export * from './workflow';
export * from './order';
export * from './cards';
