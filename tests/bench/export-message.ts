// The export benchmark's side in TypeScript (scripts/bench/export.mjs builds it into
// out/bench-export/export-message.js when that is missing or older than its sources, and imports
// it): the export services the built services bundle does not carry, and a signed statement of
// about ten A4 pages made the way the app makes one. Its words come from content.ts, as the typing
// benchmark's do, written through a headless editor bound to the message as the app's editor is,
// and the sign-off steps are signed and checked by shared/signoff.ts, a 'workflow' version before
// each (as in electron/cli/sample.ts). Keys are made from fixed seeds, so every run signs alike.
import { $createHeadingNode } from '@lexical/rich-text';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type * as Y from 'yjs';
import { $createParagraphNode, $createTextNode, $getRoot, createMessageEditor } from '../../electron/services/headless-editor';
import { newMessage } from '../../electron/services/library';
import { personOf, type Member, type Role, type RosterMember } from '../../shared/members';
import { $createSignatureNode } from '../../shared/nodes';
import { signerFromSecretKey, type RecordKind, type Signer } from '../../shared/records';
import { approve, changeRoster, messageState, recordStepVersion, sendForReview, signMessage } from '../../shared/signoff';
import { benchParagraphs } from './content';

export { htmlCopy, makeCopy, sealPdf } from '../../electron/services/export';
export { ChromiumPrinter, NO_CHROMIUM, findChromium } from '../../electron/services/chromium';
export { fontCss } from '../../electron/services/fonts';
export { buildManifest, defaultLayout, manifestState } from '../../shared/export/manifest';
export { copyText, renderCopy } from '../../shared/export/render';
export { messageText } from '../../shared/message';
export { countText } from '../../shared/counts';
export { PDFDocument } from 'pdf-lib';

const ORGANISATION = 'City of Aldport';

interface BenchPerson {
  member: RosterMember;
  signer: Signer;
}

function person(name: string, title: string, roles: Role[]): BenchPerson {
  const signer = signerFromSecretKey(sha256(utf8ToBytes(`signet export bench: ${name}`)));
  const email = `${name.toLowerCase().replace(/ /g, '.')}@aldport.example`;
  return { signer, member: { publicKey: signer.publicKey, name, titles: [title], organisation: ORGANISATION, email, roles } };
}

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
  const amina = person('Amina Yusuf', 'Head of Speechwriting', ['owner', 'author']);
  const ben = person('Ben Okafor', 'Chief of Staff', ['approver']);
  const carmen = person('Carmen Ruiz', 'Mayor', ['approver', 'signatory']);
  const doc = newMessage('blank', 'Statement on the Harbour district recovery', 'en', personOf(amina.member));

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
        root.append($createSignatureNode().append(line('Thank you.'), line(carmen.member.name), line('Mayor of Aldport'), line('Aldport, 14 March')));
      },
      { discrete: true },
    );
  } finally {
    dispose();
  }
  // Sign-off, each step after a 'workflow' version of the text it is about.
  const step = (who: BenchPerson, kind: RecordKind, take: (signer: Signer) => void) => {
    recordStepVersion(doc, who.member as Member, kind);
    take(who.signer);
  };
  step(amina, 'roster', (signer) => changeRoster(doc, signer, [amina.member, ben.member, carmen.member]));
  const plan = { approvers: [ben.member.publicKey, carmen.member.publicKey], signatory: carmen.member.publicKey, due: null };
  step(amina, 'review-requested', (signer) => sendForReview(doc, signer, plan));
  step(ben, 'approved', (signer) => approve(doc, signer, { comment: 'Clear and complete. Approved.' }));
  step(carmen, 'approved', (signer) => approve(doc, signer));
  step(carmen, 'signed', (signer) => signMessage(doc, signer, { comment: 'For publication on the city website.' }));
  const state = messageState(doc).state;
  if (state !== 'Signed') throw new Error(`the benchmark's statement came out ${state}, not Signed`);
  return { doc, paragraphs: paragraphs.length, headings, bold };
}
