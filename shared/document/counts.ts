// Word counts and speaking time: the one function behind the status bar, the library and
// `signet info`, so that every place shows the same numbers.

export interface Pace {
  /** Words a minute for alphabetic text. */
  wordsPerMinute: number;
  /** Characters a minute for Chinese, Japanese and Korean text. */
  cjkCharactersPerMinute: number;
}

export const DEFAULT_PACE: Pace = { wordsPerMinute: 130, cjkCharactersPerMinute: 250 };

export interface Counts {
  /** Alphabetic words plus CJK characters (each CJK character is read as a word). */
  words: number;
  /** Every character except line breaks, spaces included. */
  characters: number;
  speakingSeconds: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_ALL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-.]*/gu;

export function countText(text: string, pace: Pace = DEFAULT_PACE): Counts {
  let cjk = 0;
  let words = 0;
  // CJK runs count character by character; what is left between them counts by words.
  const rest = CJK.test(text)
    ? text.replace(CJK_ALL, () => {
        cjk += 1;
        return ' ';
      })
    : text;
  for (const _ of rest.matchAll(WORD)) words += 1;
  let characters = 0;
  for (const ch of text) if (ch !== '\n' && ch !== '\r') characters += 1;
  const speakingSeconds = Math.round(
    (words / pace.wordsPerMinute) * 60 + (cjk / pace.cjkCharactersPerMinute) * 60,
  );
  return { words: words + cjk, characters, speakingSeconds };
}

/** "2 min 05 s" style, for the status bar and the library. */
export function formatSpeakingTime(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}
