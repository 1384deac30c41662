// Word files for the tests, made by a program rather than by hand: the `docx` library writes the
// OOXML (tracked changes, comments and replies among it), and LibreOffice, where it is installed,
// converts the project's own fixtures to .docx the way another office suite writes them.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { zipSync } from 'fflate';
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ICommentOptions,
  type ParagraphChild,
} from 'docx';

export const AUTHOR_BEN = 'Ben Okafor';
export const AUTHOR_CARMEN = 'Carmen Ruiz';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const date = new Date('2026-11-30T10:00:00Z');

/** A draft as a ministry would send it: every format Signet keeps, and things it cannot hold. */
export async function formattedDraft(): Promise<Uint8Array> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'steps',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)', alignment: AlignmentType.START },
          ],
        },
      ],
    },
    styles: { paragraphStyles: [{ id: 'Quote', name: 'Quote', basedOn: 'Normal', run: { italics: true } }] },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph('City of Aldport')] }) },
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun({ children: ['Page ', PageNumber.CURRENT] })] })] }) },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('New Year Address')] }),
          new Paragraph({
            children: [
              new TextRun('Dear residents, this year was '),
              new TextRun({ text: 'hard', bold: true }),
              new TextRun(', '),
              new TextRun({ text: 'long', italics: true }),
              new TextRun(', '),
              new TextRun({ text: 'shared', underline: {} }),
              new TextRun(' and '),
              new TextRun({ text: 'never easy', strike: true }),
              new TextRun('.'),
            ],
          }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('What we did')] }),
          new Paragraph({ numbering: { reference: 'steps', level: 0 }, children: [new TextRun('We rebuilt the bridge')] }),
          new Paragraph({ numbering: { reference: 'steps', level: 1 }, children: [new TextRun('on time')] }),
          new Paragraph({ numbering: { reference: 'steps', level: 0 }, children: [new TextRun('We opened the library')] }),
          new Paragraph({ bullet: { level: 0 }, children: [new TextRun('Parks')] }),
          new Paragraph({ bullet: { level: 1 }, children: [new TextRun('Riverside')] }),
          new Paragraph({ style: 'Quote', children: [new TextRun('A city is its people.')] }),
          new Paragraph({
            children: [
              new TextRun('Read more at '),
              new ExternalHyperlink({ link: 'https://aldport.example/plan', children: [new TextRun({ text: 'the plan', style: 'Hyperlink' })] }),
              new TextRun('.'),
            ],
          }),
          new Paragraph({ children: [new TextRun('First line'), new TextRun({ text: 'second line', break: 1 })] }),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG, transformation: { width: 10, height: 10 } })] }),
          new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('Budget')] }), new TableCell({ children: [new Paragraph('£3m')] })] })] }),
          new Paragraph({ children: [new TextRun('Before the break'), new PageBreak(), new TextRun('After the break')] }),
          new Paragraph('Yours sincerely,'),
          new Paragraph('Carmen Ruiz'),
          new Paragraph('Mayor of Aldport'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * A draft a reviewer marked up in Word: Ben inserted, deleted and replaced words with Track
 * Changes on, and commented; Carmen replied to his comment and commented on a second passage.
 */
export async function reviewedDraft(): Promise<Uint8Array> {
  const comments: ICommentOptions[] = [
    { id: 0, author: AUTHOR_BEN, date, children: [new Paragraph('Is this the figure from the budget?')] },
    { id: 1, author: AUTHOR_CARMEN, date: new Date('2026-11-30T11:00:00Z'), parentId: 0, children: [new Paragraph('Yes, checked with finance.')] },
    { id: 2, author: AUTHOR_CARMEN, date, children: [new Paragraph('Warmer, please.')] },
  ];
  const change = (id: number, author = AUTHOR_BEN) => ({ id, author, date: date.toISOString() });
  const body: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Budget statement')] }),
    new Paragraph({
      children: [
        new TextRun('We will spend '),
        // Word gives a reply the range and a reference of its own, on the same words.
        new CommentRangeStart(0),
        new CommentRangeStart(1),
        new TextRun('three million pounds'),
        new CommentRangeEnd(0),
        new TextRun({ children: [new CommentReference(0)] }),
        new CommentRangeEnd(1),
        new TextRun({ children: [new CommentReference(1)] }),
        new TextRun(' on '),
        new InsertedTextRun({ text: 'safer ', ...change(10) }),
        new TextRun('roads'),
        new DeletedTextRun({ text: ' and nothing else', ...change(11) }),
        new TextRun('.'),
      ],
    }),
    new Paragraph({
      children: [
        new CommentRangeStart(2),
        new TextRun('The work starts '),
        new DeletedTextRun({ text: 'by June', ...change(12) }),
        new InsertedTextRun({ text: 'in the first half of the year', ...change(13) }),
        new CommentRangeEnd(2),
        new TextRun({ children: [new CommentReference(2)] }),
        new TextRun('.'),
      ],
    }),
  ] as Paragraph[];
  const doc = new Document({ features: { trackRevisions: true }, comments: { children: comments }, sections: [{ children: body }] });
  return Packer.toBuffer(doc);
}

/** A paragraph of runs, for tests that build their own. */
export const paragraphOf = (...children: ParagraphChild[]) => new Paragraph({ children });

/** A zip that holds things but no Office document. */
export function plainZip(): Uint8Array {
  return zipSync({ 'notes.txt': new TextEncoder().encode('Just notes.'), 'photo.jpg': new Uint8Array([0xff, 0xd8, 0xff]) });
}

/** A zip bomb: a small file that claims (and holds) a part of 64 MB of zeros, a thousand times what it takes. */
export function zipBomb(): Uint8Array {
  const zeros = new Uint8Array(64 * 1024 * 1024);
  return zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'word/document.xml': zeros }, { level: 6 });
}

/** The header of an OLE compound file as Word's password protection writes it, with its EncryptionInfo stream named. */
export function encryptedDocx(): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  bytes.set(Buffer.from('EncryptionInfo', 'utf16le'), 1024);
  bytes.set(Buffer.from('EncryptedPackage', 'utf16le'), 1152);
  return bytes;
}

// ── LibreOffice ───────────────────────────────────────────────────────────────────────────────

/** The soffice on the PATH, or null with the reason it cannot be used. */
export async function findSoffice(): Promise<{ path: string } | { missing: string }> {
  for (const name of ['soffice', 'libreoffice']) {
    const found = await new Promise<string | null>((done) => execFile('sh', ['-c', `command -v ${name}`], (error, out) => done(error ? null : out.trim() || null)));
    if (found) return { path: found };
  }
  return { missing: 'LibreOffice (soffice) is not installed: apt-get install --no-install-recommends libreoffice-writer' };
}

/** Converts a file to .docx with LibreOffice, headless, in a profile of its own; returns the .docx's bytes. */
export async function convertWithLibreOffice(soffice: string, path: string, filter = 'docx:MS Word 2007 XML'): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'signet-lo-'));
  try {
    const input = join(dir, basename(path));
    await writeFile(input, await readFile(path));
    await new Promise<void>((done, fail) =>
      execFile(soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', filter, '--outdir', join(dir, 'out'), input], { timeout: 120_000 }, (error, _out, stderr) =>
        error ? fail(new Error(`soffice failed: ${stderr || error.message}`)) : done(),
      ),
    );
    return await readFile(join(dir, 'out', `${basename(path, extname(path))}.docx`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
