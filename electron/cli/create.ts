// The commands that write a new file: new and recover. Both write through the atomic writer and
// refuse to replace an existing file unless --force.
import { randomUUID } from 'node:crypto';
import { basename, extname } from 'node:path';
import * as Y from 'yjs';
import { countText, findTemplate, initMeta, messageText, newMessageDoc, readMeta, textRoot } from '../../shared/document';
import { listVersions, recordCreation, type Person } from '../../shared/history';
import { writeHtml, writeMarkdown, writePlainText } from '../services/document/compose';
import { newMessage } from '../services/library/library';
import { recoverLog, type Recovered } from '../services/files/recovery';
import { WordFileError } from '../services/document/word-package';
import { describeLeftOut } from '../services/document/word-read';
import { describeWordImport, importWord, type WordImported } from '../services/document/word-write';
import { checkNesting } from '../services/files/message-file';
import { versionAuthor } from './author';
import { CliError, EXIT, usageError } from './errors';
import { hasVisible } from './visible';
import { checkOutput, readInput, readMessageBytes, readTextInput, writeMessage } from './files';
import type { CommandArgs, Io } from './types';

/** The longest title the app accepts. */
const MAX_TITLE = 200;

const IMPORTERS: Record<string, (doc: Y.Doc, text: string) => void> = {
  '.txt': writePlainText,
  '.text': writePlainText,
  '.md': writeMarkdown,
  '.markdown': writeMarkdown,
  '.html': writeHtml,
  '.htm': writeHtml,
};

const isWord = (path: string) => extname(path).toLowerCase() === '.docx';

function importerFor(path: string): ((doc: Y.Doc, text: string) => void) | 'word' {
  if (isWord(path)) return 'word';
  const importer = IMPORTERS[extname(path).toLowerCase()];
  if (!importer) throw usageError(`--from takes a .txt, .md, .html or .docx file, not '${basename(path)}'`);
  return importer;
}

function plainText(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return node.toDelta().map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  return node.toArray().map((c) => (c instanceof Y.XmlElement || c instanceof Y.XmlText ? plainText(c) : '')).join('');
}

/** A title from imported text: one line, no control characters, and '' when nothing in it can be seen. */
function cleanTitle(text: string): string {
  const line = Array.from(text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/\s+/g, ' ').trim()).slice(0, MAX_TITLE).join('').trim();
  return hasVisible(line) ? line : '';
}

/**
 * The one title rule of every import: a text that opens with a heading (a plain text's short first
 * line becomes one) has it as its title, which a copy then shows once; any other takes the file's name.
 */
function titleOf(doc: Y.Doc, source: string): string {
  const first = textRoot(doc).get(0);
  const heading = first instanceof Y.XmlElement && first.nodeName === 'heading' ? cleanTitle(plainText(first)) : '';
  return heading || cleanTitle(basename(source, extname(source))) || 'Untitled message';
}

function titleOption(args: CommandArgs): string | undefined {
  const title = args.string('title');
  if (title === undefined) return undefined;
  if (!title.trim()) throw usageError('--title cannot be empty');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(title)) throw usageError('--title cannot hold control characters (a line break, an escape, …)');
  if (!hasVisible(title)) throw usageError('--title has no visible character (only spaces or invisible ones)');
  if (Array.from(title.trim()).length > MAX_TITLE) throw usageError(`--title is longer than ${MAX_TITLE} characters`);
  return title.trim();
}

/** A message made of a file, and what the tool says about the import after the file is written. */
async function importMessage(source: string, title: string | undefined, author: Person): Promise<{ doc: Y.Doc; notes: string[] }> {
  const importer = importerFor(source);
  const doc = newMessageDoc();
  let notes: string[] = [];
  if (importer === 'word') notes = await importWordInto(doc, source);
  else importer(doc, await readTextInput(source));
  // The same identity newMessage gives a message made from a template (library.ts).
  initMeta(doc, { id: randomUUID(), title: title ?? titleOf(doc, source), createdAt: new Date().toISOString(), template: 'blank', language: 'en' });
  recordCreation(doc, author, { file: basename(source) });
  return { doc, notes };
}

/** A Word file's words, suggestions and threads; a file that is not one is refused (exit 2) and nothing is written. */
async function importWordInto(doc: Y.Doc, source: string): Promise<string[]> {
  const bytes = await readInput(source);
  let result: WordImported;
  try {
    result = await importWord(doc, bytes);
  } catch (error) {
    if (error instanceof WordFileError) throw new CliError(`cannot import ${source}: ${error.message}; nothing was written`, EXIT.usage);
    throw error;
  }
  const came = describeWordImport(result);
  const leftOut = describeLeftOut(result.leftOut);
  return [came ? `  from Word: ${came}` : null, leftOut ? `  ${leftOut}` : null].filter((l): l is string => !!l);
}

function fromTemplate(id: string, title: string | undefined, author: Person): Y.Doc {
  const doc = newMessage(id, title);
  const chosen = findTemplate(readMeta(doc).template)!;
  recordCreation(doc, author, { template: chosen.id, name: chosen.name });
  return doc;
}

export async function create(args: CommandArgs, io: Io): Promise<number> {
  const path = args.operand('FILE');
  const source = args.string('from');
  if (source !== undefined && args.string('template') !== undefined) throw usageError('use either --from or --template, not both');
  if (source !== undefined) importerFor(source);
  const title = titleOption(args);
  const force = args.flag('force');
  await checkOutput(path, force, source === undefined ? [] : [source]);
  const author = await versionAuthor(args);
  const { doc, notes } = source === undefined ? { doc: fromTemplate(args.string('template') ?? 'blank', title, author.person), notes: [] } : await importMessage(source, title, author.person);
  await writeMessage(path, doc, force);
  const first = listVersions(doc)[0]!;
  io.out(`created ${path}: "${readMeta(doc).title}", with a first version "${first.name}" by ${author.whose}`);
  for (const line of notes) io.out(line);
  doc.destroy();
  return EXIT.ok;
}

export async function recover(args: CommandArgs, io: Io): Promise<number> {
  const path = args.operand('FILE');
  const out = args.string('output')!;
  const force = args.flag('force');
  await checkOutput(out, force, [path]);
  const result = recoverLog(await readMessageBytes(path));
  if (result.recovered === 0) {
    throw new CliError(`nothing could be recovered from ${path}; ${out} was not written`, EXIT.damaged);
  }
  checkNesting(result.doc, path, []);
  await writeMessage(out, result.doc, force);
  io.out(`recovered ${plural(result.recovered, 'record')} from ${path} into ${out} (${plural(countText(messageText(result.doc)).words, 'word')})`);
  io.out(`  ${recoveryLoss(result)}`);
  for (const { offset, reason } of result.skipped) io.out(`  skipped at byte ${offset}: ${reason}`);
  result.doc.destroy();
  return EXIT.ok;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How much of the file was lost, in one line: nothing, or the bytes that could not be read and the changes left out. */
export function recoveryLoss(result: Recovered): string {
  const repaired = result.repaired ? ` (${plural(result.repaired, 'damaged record')} repaired from parity)` : '';
  const unreadable = result.skipped.length - (result.leftOut ? 1 : 0) - (result.skipped[0]?.offset === 0 && result.skipped[0].reason === 'the file header is damaged' ? 1 : 0);
  if (unreadable === 0 && result.leftOut === 0) return `nothing was lost: every record was read${repaired}`;
  const leftOut = result.leftOut ? `, and ${plural(result.leftOut, 'later change')} that built on them` : '';
  return `lost: ${plural(result.lostBytes, 'byte')} that could not be read, in ${plural(unreadable, 'place')}${leftOut}${repaired}; their words are not in the copy`;
}
