// The one table of commands. Each row holds everything about a command: its operands and
// options (from which its usage line and help are made), what it does, an example, and its handler.
// A new command (versions, merge, export, verify) is one more row and one handler.
import { TEMPLATES } from '../../shared/templates';
import { showHelp } from './help';
import type { Command } from './types';

type Handler = Command['run'];

/** A handler loaded when its command runs, so `signet info` does not pay for the importers of `new`. */
function load<K extends string>(module: () => Promise<Record<K, Handler>>, name: K): Handler {
  return async (args, io) => (await module())[name](args, io);
}

const FILE = [{ name: 'FILE' }] as const;
const force = { type: 'boolean', help: 'Replace OUT if it exists (never the input itself)' } as const;

export const COMMANDS: readonly Command[] = [
  {
    name: 'new',
    summary: 'Create a message file, from a template or from a .txt, .md or .html file.',
    details: [
      'The title defaults to the template\'s title, or to the first heading (else the first line) of --from.',
      'HTML is sanitised first: scripts, event handlers and javascript: links are dropped.',
      'A plain-text file\'s paragraphs are separated by blank lines.',
    ],
    operands: FILE,
    options: {
      title: { type: 'string', value: 'TITLE', help: 'The message\'s title' },
      from: { type: 'string', value: 'PATH', help: 'Take the text from a .txt, .md or .html file' },
      template: { type: 'string', value: 'NAME', choices: TEMPLATES.map((t) => t.id), help: `Start from a template: ${TEMPLATES.map((t) => t.id).join(', ')} (default: blank)` },
      force: { ...force, help: 'Replace FILE if it exists' },
    },
    example: 'signet new address.signet --from address.md',
    run: load(() => import('./create'), 'create'),
  },
  {
    name: 'info',
    summary: 'Print what a message is, as one JSON object.',
    details: [
      'Fields: id, title, state, words, characters, speakingSeconds, versions, comments, approvals,',
      'createdAt, updatedAt (the file\'s modification time) and formatVersion.',
      'The counts are the ones the app shows. The file is only read: no lock is taken.',
    ],
    operands: FILE,
    options: {},
    example: 'signet info address.signet',
    run: load(() => import('./inspect'), 'info'),
  },
  {
    name: 'text',
    summary: 'Print a message as plain text, paragraphs separated by a blank line.',
    details: ['The file is only read: no lock is taken.'],
    operands: FILE,
    options: {},
    example: 'signet text address.signet > address.txt',
    run: load(() => import('./inspect'), 'text'),
  },
  {
    name: 'check',
    summary: 'Verify a whole message file: framing, checksums, and that every change applies.',
    details: [
      'Prints "ok: N records, M bytes" and exits 0, or says what is damaged and at which byte and exits 1.',
      'A torn last record (from a crash while saving) is reported with the bytes that opening would drop.',
      'Nothing is written, not even the torn tail cut off, and no lock is taken.',
    ],
    operands: FILE,
    options: {},
    example: 'signet check address.signet',
    run: load(() => import('./inspect'), 'check'),
  },
  {
    name: 'recover',
    summary: 'Write what can be read of a damaged message file to a new file.',
    details: [
      'Damaged records are skipped, and changes that depended on them are left out;',
      'each skipped part is listed with its byte offset. FILE itself is never changed.',
      'Exits 0 when OUT was written, 1 when nothing could be recovered.',
    ],
    operands: FILE,
    options: {
      output: { type: 'string', short: 'o', value: 'OUT', required: true, help: 'The new file to write' },
      force,
    },
    example: 'signet recover address.signet -o address-recovered.signet',
    run: load(() => import('./create'), 'recover'),
  },
  {
    name: 'help',
    summary: 'Explain a command, with an example.',
    details: [],
    operands: [{ name: 'COMMAND', optional: true }],
    options: {},
    example: 'signet help new',
    run: async (args, io) => showHelp(COMMANDS, args.operand('COMMAND'), io),
  },
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
