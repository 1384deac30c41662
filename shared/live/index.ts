export { DEFAULT_PORT, parseLiveAddress, type LiveAddress } from './address';
export { parseMessageId } from './message-id';
export { Caret, caretFromPositions, checkedCaret, positionsOf } from './caret';
export type { LivePerson, LiveSession, LiveStatus } from './session';
