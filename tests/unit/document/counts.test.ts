import { describe, expect, it } from 'vitest';
import { countText, formatSpeakingTime } from '../../../shared/document';

describe('word counts and speaking time', () => {
  it('counts English words at 130 a minute', () => {
    expect(countText('The quick brown fox jumps over the lazy dog.')).toEqual({ words: 9, characters: 44, speakingSeconds: 4 });
    expect(countText("Mayor's well-known e.g. 2027 plan")).toMatchObject({ words: 5 });
    expect(countText('')).toEqual({ words: 0, characters: 0, speakingSeconds: 0 });
  });
  it('counts Chinese, Japanese and Korean by character at 250 a minute', () => {
    expect(countText('新年快乐，祝大家幸福')).toEqual({ words: 9, characters: 10, speakingSeconds: 2 });
    expect(countText('こんにちは')).toMatchObject({ words: 5 });
    expect(countText('안녕하세요')).toMatchObject({ words: 5 });
  });
  it('counts mixed text each part its own way', () => {
    // 3 English words (1.38 s) + 4 Chinese characters (0.96 s)
    expect(countText('Happy New Year 新年快乐')).toEqual({ words: 7, characters: 19, speakingSeconds: 2 });
  });
  it('uses the pace set in Settings', () => {
    const words = Array.from({ length: 260 }, () => 'word').join(' ');
    expect(countText(words).speakingSeconds).toBe(120);
    expect(countText(words, { wordsPerMinute: 100, cjkCharactersPerMinute: 250 }).speakingSeconds).toBe(156);
  });
  it('formats speaking time', () => {
    expect(formatSpeakingTime(4)).toBe('4 s');
    expect(formatSpeakingTime(125)).toBe('2 min 05 s');
  });
});
