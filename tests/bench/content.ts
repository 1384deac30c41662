// The benchmark's text: the same words in the same paragraphs for the real editor (written into a
// message file) and the bare editor (built in the page), and a large pasted HTML document shaped
// like what Word and Google Docs put on the clipboard. Deterministic, so every run types into and
// pastes the same thing. Runs in Node and in the page: no imports.

const VOCABULARY = (
  'the of and to in a is that for it as with was on be by this are which at from his an have or not ' +
  'people city council citizens government minister office residents community year years public ' +
  'service services work working together support new future plans budget health schools education ' +
  'families children transport housing safety thank you your patience commitment progress report ' +
  'week month important announce pleased welcome ceremony festival harbour bridge library hospital ' +
  'volunteers staff colleagues partners region national local responsibility decision agreement ' +
  'programme investment funding development infrastructure challenges opportunities achievements ' +
  'remember honour celebrate continue ensure provide improve strengthen deliver protect encourage'
).split(' ');

/** mulberry32: small and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (random: () => number, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

/**
 * Paragraphs of plain sentences holding exactly `words` words in all (as the status bar counts
 * them): 3 to 7 sentences of 8 to 24 words each, so about 500 paragraphs for 40,000 words.
 */
export function benchParagraphs(words: number, seed = 40_000): string[] {
  const random = prng(seed);
  const paragraphs: string[] = [];
  let left = words;
  while (left > 0) {
    const sentences: string[] = [];
    for (let s = between(random, 3, 7); s > 0 && left > 0; s -= 1) {
      const n = Math.min(left, between(random, 8, 24));
      left -= n;
      const sentence: string[] = [];
      for (let w = 0; w < n; w += 1) sentence.push(VOCABULARY[Math.floor(random() * VOCABULARY.length)]);
      if (n > 6) sentence[Math.floor(n / 2)] += ',';
      sentence[0] = sentence[0][0].toUpperCase() + sentence[0].slice(1);
      sentences.push(`${sentence.join(' ')}.`);
    }
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs;
}

/** The text a message file is written from: paragraphs separated by blank lines. */
export const benchPlainText = (words: number) => benchParagraphs(words).join('\n\n');

/** Marks the end of the pasted document, so the page can tell when all of it is in the editor. */
export const PASTE_END = 'End of the pasted document.';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * About `bytes` of clipboard HTML: alternately a Google Docs fragment (bold and italic as styled
 * spans, line-height and margins on every paragraph) and a Word fragment (MsoNormal paragraphs,
 * <b>/<i>, o:p elements, conditional comments), 200 paragraphs each, all with links, ending with
 * a paragraph holding PASTE_END. `formats` counts the bold, italic and link runs put in.
 */
export function pasteHtml(bytes: number, seed = 5): { html: string; plain: string; paragraphs: number; formats: Record<string, number> } {
  const random = prng(seed);
  const formats = { gdocsBold: 0, gdocsItalic: 0, gdocsLinks: 0, wordBold: 0, wordItalic: 0, wordLinks: 0 };
  const words = (n: number) => Array.from({ length: n }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]).join(' ');
  const gdocsSpan = (text: string, weight: number, style: string, decoration = 'none') =>
    `<span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;background-color:transparent;font-weight:${weight};font-style:${style};font-variant:normal;text-decoration:${decoration};vertical-align:baseline;white-space:pre;white-space:pre-wrap;">${escape(text)}</span>`;
  const gdocsParagraph = () => {
    const runs: string[] = [];
    for (let r = between(random, 3, 8); r > 0; r -= 1) {
      const kind = random();
      if (kind < 0.15) {
        formats.gdocsBold += 1;
        runs.push(gdocsSpan(words(between(random, 1, 4)), 700, 'normal'));
      } else if (kind < 0.25) {
        formats.gdocsItalic += 1;
        runs.push(gdocsSpan(words(between(random, 1, 4)), 400, 'italic'));
      } else if (kind < 0.32) {
        formats.gdocsLinks += 1;
        runs.push(`<a href="https://www.example.org/news/${Math.floor(random() * 1e6)}" style="text-decoration:none;">${gdocsSpan(words(between(random, 1, 3)), 400, 'normal', 'underline')}</a>`);
      } else runs.push(gdocsSpan(`${words(between(random, 8, 30))} `, 400, 'normal'));
    }
    return `<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:12pt;">${runs.join('')}</p>`;
  };
  const wordSpan = (text: string) =>
    `<span lang="EN-GB" style='font-size:12.0pt;line-height:115%;font-family:"Calibri",sans-serif;mso-ascii-theme-font:minor-latin'>${escape(text)}</span>`;
  const wordParagraph = () => {
    const runs: string[] = [];
    for (let r = between(random, 3, 8); r > 0; r -= 1) {
      const kind = random();
      if (kind < 0.15) {
        formats.wordBold += 1;
        runs.push(`<b>${wordSpan(words(between(random, 1, 4)))}</b>`);
      } else if (kind < 0.25) {
        formats.wordItalic += 1;
        runs.push(`<i>${wordSpan(words(between(random, 1, 4)))}</i>`);
      } else if (kind < 0.32) {
        formats.wordLinks += 1;
        runs.push(`<a href="https://www.example.gov/documents/${Math.floor(random() * 1e6)}">${wordSpan(words(between(random, 1, 3)))}</a>`);
      } else runs.push(wordSpan(`${words(between(random, 8, 30))} `));
    }
    return `<p class="MsoNormal" style='margin-bottom:8.0pt;line-height:115%'>${runs.join('')}<o:p></o:p></p>`;
  };
  const open = (gdocs: boolean) =>
    gdocs
      ? `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-${Math.floor(random() * 1e9).toString(16)}">`
      : '<!--StartFragment--><div class="WordSection1"><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->';
  const close = (gdocs: boolean) => (gdocs ? '</b>' : '</div><!--EndFragment-->');
  const parts: string[] = [];
  let size = 0;
  let paragraphs = 0;
  let gdocs = true;
  while (size < bytes) {
    if (paragraphs % 200 === 0) {
      if (paragraphs > 0) parts.push(close(gdocs));
      gdocs = paragraphs % 400 === 0;
      parts.push(open(gdocs));
    }
    const p = gdocs ? gdocsParagraph() : wordParagraph();
    parts.push(p);
    size += p.length;
    paragraphs += 1;
  }
  parts.push(`<p>${PASTE_END}</p>`, close(gdocs));
  const html = parts.join('');
  const plain = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return { html, plain, paragraphs: paragraphs + 1, formats };
}
