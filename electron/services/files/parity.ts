// The parity each record of a format-2 file carries, so that damage to any one stretch of a
// record (a flipped bit, a bad sector smaller than a block) can be repaired rather than costing
// the words in it. The record's payload is cut into at most GROUP blocks and the parity is their
// XOR (as RAID 5 does across disks): a block that is wrong can be rebuilt from the others and the
// parity. Which block is wrong is found by trying each and keeping the rebuild whose CRC-32 is the
// record's; at most GROUP tries, each a CRC over the payload, and only when reading a damaged file.
import { crc32 } from 'node:zlib';

/** Blocks per record: the parity costs 1/GROUP of each large record. */
const GROUP = 16;
/** Below GROUP × MIN_BLOCK bytes, blocks stay this big, so that small records do not carry many tiny blocks. */
const MIN_BLOCK = 64;

/** The size of each block of an n-byte payload, and so of its parity. */
export function paritySize(n: number): number {
  return Math.max(Math.min(n, MIN_BLOCK), Math.ceil(n / GROUP));
}

function xorBlocks(payload: Uint8Array, size: number, skip: number, into: Uint8Array): void {
  for (let start = 0, index = 0; start < payload.length; start += size, index += 1) {
    if (index === skip) continue;
    const end = Math.min(start + size, payload.length);
    for (let i = start; i < end; i += 1) into[i - start] ^= payload[i];
  }
}

/** The XOR of the payload's blocks (the last one padded with zeros). */
export function parityOf(payload: Uint8Array): Buffer {
  const parity = Buffer.alloc(paritySize(payload.length));
  xorBlocks(payload, parity.length, -1, parity);
  return parity;
}

/**
 * The payload as it was written, from a copy with one block damaged and the parity, or null when
 * no single block explains the damage. `expected` is the record's CRC-32 of its payload.
 */
export function repairPayload(damaged: Uint8Array, parity: Uint8Array, expected: number): Buffer | null {
  const size = parity.length;
  if (size === 0 || size !== paritySize(damaged.length)) return null;
  const blocks = Math.ceil(damaged.length / size);
  for (let bad = 0; bad < blocks; bad += 1) {
    const rebuilt = Buffer.from(parity);
    xorBlocks(damaged, size, bad, rebuilt);
    const candidate = Buffer.from(damaged);
    const start = bad * size;
    candidate.set(rebuilt.subarray(0, Math.min(size, damaged.length - start)), start);
    if (crc32(candidate) === expected) return candidate;
  }
  return null;
}
