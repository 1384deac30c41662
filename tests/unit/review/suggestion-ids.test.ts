// Suggestion ids are made apart, in copies on machines that never talk to each other, and two
// suggestions sharing one would merge into one suggestion. So they are 128 random bits from the
// cryptographic generator, not a clock, a counter or Math.random.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSuggestionMark } from '../../../shared/document';
import { randomSuggestionId } from '../../../shared/review';

afterEach(() => vi.restoreAllMocks());

describe('suggestion ids', () => {
  it('are 128 bits (32 hex digits) and a mark carrying one reads back', () => {
    const id = randomSuggestionId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(parseSuggestionMark({ id, kind: 'insert', author: { name: 'Ben Okafor', title: '' }, at: '2026-12-03T12:00:00.000Z' })?.id).toBe(id);
  });

  it('never repeat in 50,000, and do not come from Math.random or the clock', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    vi.spyOn(Date, 'now').mockReturnValue(0);
    const ids = new Set(Array.from({ length: 50_000 }, randomSuggestionId));
    expect(ids.size).toBe(50_000);
  });

  it('use every bit: each of the 32 hex digits takes all 16 values over many ids', () => {
    const seen = Array.from({ length: 32 }, () => new Set<string>());
    for (let i = 0; i < 2_000; i += 1) [...randomSuggestionId()].forEach((c, d) => seen[d]!.add(c));
    expect(seen.map((s) => s.size)).toEqual(Array(32).fill(16));
  });
});
