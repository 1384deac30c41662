export { DEFAULT_PORT, parseLiveAddress, type LiveAddress } from './address';
export type { LivePerson, LiveSession, LiveStatus } from './session';
