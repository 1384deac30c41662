// The export benchmark's side in TypeScript (scripts/bench/export.mjs builds it into
// out/bench-export/export-message.js when that is missing or older than its sources, and imports
// it): the export services the built services bundle does not carry, and a signed statement of
// about ten A4 pages made the way the app makes one. Its words come from content.ts, as the typing
// benchmark's do, written through a headless editor bound to the message as the app's editor is,
// and taken to Signed by the export tests' own sign-off (tests/helpers/signed.ts).
import { $createHeadingNode } from '@lexical/rich-text';
import type * as Y from 'yjs';
import { $createParagraphNode, $createTextNode, $getRoot, createMessageEditor } from '../../electron/services/document/headless-editor';
import { newMessage } from '../../electron/services/library/library';
import { $createSignatureNode } from '../../shared/document';
import { messageState } from '../../shared/signoff';
import { AUTHOR, CARMEN, signOff } from '../helpers/signed';
import { benchParagraphs } from './content';

export { htmlCopy, makeCopy, sealPdf } from '../../electron/services/export/make-copy';
export { exporterFromSigner } from '../../electron/services/export/exporter';
export { readCopyBytes, readCopyComparing } from '../../electron/services/export/read-copy';
export { drawnPageProblems } from '../../electron/services/export/drawn-pages';
export { checkCopy, copyVerdict } from '../../shared/export';
export { AMINA } from '../helpers/signed';
export { ChromiumPrinter, NO_CHROMIUM, findChromium } from '../../electron/services/export/chromium-printer';
export { fontCss } from '../../electron/services/export/fonts';
export { buildManifest, defaultLayout, manifestState } from '../../shared/export';
export { copyText, renderCopy } from '../../shared/export';
export { messageText } from '../../shared/document';
export { countText } from '../../shared/document';
export { PDFDocument } from 'pdf-lib';

export interface StatementMessage {
  doc: Y.Doc;
  paragraphs: number;
  headings: number;
  bold: number;
}

/**
 * A Signed message of `words` words of body in paragraphs of 3 to 7 sentences (about 80 words
 * each), a heading before every `headingEvery` paragraphs, one bold word in every
 * `boldEvery`-th paragraph, and a signature block at the end. In the Statement template (11.5 pt,
 * 1.5 lines) 3,200 words print on nine A4 pages, and the certificate makes ten.
 */
export function statementMessage({ words = 3_200, headingEvery = 15, boldEvery = 20 } = {}): StatementMessage {
  const doc = newMessage('blank', 'Statement on the Harbour district recovery', 'en', AUTHOR);

  // The author's words, written through a headless editor bound to the message as the app's
  // editor is (as compose.ts writes a template or an imported file); the client is hers (newMessage).
  const paragraphs = benchParagraphs(words, 3_200);
  let headings = 0;
  let bold = 0;
  const { editor, dispose } = createMessageEditor(doc);
  try {
    editor.update(
      () => {
        const root = $getRoot().clear();
        paragraphs.forEach((text, i) => {
          if (i % headingEvery === 0) {
            headings += 1;
            root.append($createHeadingNode('h2').append($createTextNode(`Part ${headings}: what the city will do`)));
          }
          const p = $createParagraphNode();
          const words = text.split(' ');
          if (i % boldEvery === boldEvery - 1 && words.length > 4) {
            bold += 1;
            p.append($createTextNode(`${words.slice(0, 3).join(' ')} `), $createTextNode(words[3]).toggleFormat('bold'), $createTextNode(` ${words.slice(4).join(' ')}`));
          } else {
            p.append($createTextNode(text));
          }
          root.append(p);
        });
        const line = (text: string) => $createParagraphNode().append($createTextNode(text));
        root.append($createSignatureNode().append(line('Thank you.'), line(CARMEN.member.name), line('Mayor of Aldport'), line('Aldport, 14 March')));
      },
      { discrete: true },
    );
  } finally {
    dispose();
  }
  signOff(doc, 'Signed');
  const state = messageState(doc).state;
  if (state !== 'Signed') throw new Error(`the benchmark's statement came out ${state}, not Signed`);
  return { doc, paragraphs: paragraphs.length, headings, bold };
}
