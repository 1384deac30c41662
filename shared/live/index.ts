export { DEFAULT_PORT, parseLiveAddress, type LiveAddress } from './address';
export { parseMessageId } from './message-id';
export type { LivePerson, LiveSession, LiveStatus } from './session';
