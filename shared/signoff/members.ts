// The people on a message's roster: who they are, their public key, and what they may do. A key
// is 32 bytes as 64 lowercase hex digits; its fingerprint is how people compare it aloud.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import type { Person } from '../history';

export const ROLES = ['owner', 'author', 'reviewer', 'approver', 'signatory'] as const;
export type Role = (typeof ROLES)[number];

/** A person as others know them: what a member card carries. The public key is 64 hex digits. */
export interface Member {
  publicKey: string;
  name: string;
  titles: string[];
  organisation: string;
  email: string;
}

export interface RosterMember extends Member {
  roles: Role[];
}

export const HEX_KEY = /^[0-9a-f]{64}$/;

/** What is wrong with a public key, or null: 32 bytes as hex that are a usable Ed25519 point. */
export function publicKeyProblem(key: unknown): string | null {
  if (typeof key !== 'string') return 'the public key is missing';
  if (!HEX_KEY.test(key)) return `the public key must be 64 lowercase hexadecimal digits (32 bytes); this one has ${key.length} characters`;
  let problem = pointProblems.get(key);
  if (problem === undefined) {
    problem = pointProblem(key);
    // Every roster of every message names the same handful of keys: decompress each once.
    if (pointProblems.size > 4096) pointProblems.clear();
    pointProblems.set(key, problem);
  }
  return problem;
}

const pointProblems = new Map<string, string | null>();

function pointProblem(key: string): string | null {
  try {
    // A small-order key would let one signature pass for many messages.
    if (ed25519.Point.fromHex(key, false).isSmallOrder()) return 'the public key is a weak (small-order) point';
  } catch {
    return 'the public key is not an Ed25519 public key';
  }
  return null;
}

// Crockford's base32: no I, L, O or U, so nothing is misread when spoken or copied by hand.
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A key's fingerprint to read aloud and compare: SHA-256 of the key, its first 100 bits as 4 groups of 5 characters. */
export function fingerprint(publicKey: string): string {
  let known = fingerprints.get(publicKey);
  if (known === undefined) {
    if (fingerprints.size > 4096) fingerprints.clear();
    fingerprints.set(publicKey, (known = computeFingerprint(publicKey)));
  }
  return known;
}

// A message's thousands of records come from a handful of keys.
const fingerprints = new Map<string, string>();

function computeFingerprint(publicKey: string): string {
  const hash = sha256(hexToBytes(publicKey));
  let out = '';
  for (let bit = 0; out.length < 20; bit += 5) {
    const byte = bit >> 3;
    const pair = (hash[byte] << 8) | hash[byte + 1];
    out += BASE32[(pair >> (11 - (bit & 7))) & 31];
  }
  return out.replace(/(.{5})(?=.)/g, '$1 ');
}

/** A member's details checked one by one, so that a bad card or roster says everything that is wrong. */
export function checkMember(value: unknown): { member: Member; problems: [] } | { member: null; problems: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { member: null, problems: ['it is not an object'] };
  const v = value as Record<string, unknown>;
  const problems: string[] = [];
  const keyProblem = publicKeyProblem(v.publicKey);
  if (keyProblem) problems.push(keyProblem);
  if (typeof v.name !== 'string' || !v.name.trim()) problems.push('the name is missing');
  if (!Array.isArray(v.titles) || !v.titles.every((t) => typeof t === 'string')) problems.push('the titles must be a list of words');
  if (typeof v.organisation !== 'string') problems.push('the organisation must be words (it may be empty)');
  if (typeof v.email !== 'string' || (v.email !== '' && !/^[^\s@]+@[^\s@]+$/.test(v.email))) problems.push('the email address is not one');
  if (problems.length) return { member: null, problems };
  const member = { publicKey: v.publicKey, name: v.name, titles: [...(v.titles as string[])], organisation: v.organisation, email: v.email } as Member;
  return { member, problems: [] };
}

/** A member as a Person, for versions and attribution. */
export const personOf = (member: Member): Person => ({ name: member.name, title: member.titles.join(', ') });

/** A roster's members with their roles, or what is wrong with the first bad one. */
export function parseMembers(value: unknown): RosterMember[] | string {
  if (!Array.isArray(value)) return 'its members are not a list';
  const members: RosterMember[] = [];
  for (const [i, raw] of value.entries()) {
    const { member, problems } = checkMember(raw);
    const roles = (raw as { roles?: unknown })?.roles;
    if (!member) return `member ${i + 1}: ${problems.join('; ')}`;
    if (!Array.isArray(roles) || !roles.every((x) => ROLES.includes(x))) return `member ${i + 1} (${member.name}): the roles are not a list of roles`;
    if (members.some((m) => m.publicKey === member.publicKey)) return `member ${i + 1} (${member.name}) is listed twice`;
    members.push({ ...member, roles: [...roles] });
  }
  return members;
}
