// The one table of commands. Each row holds everything about a command: its operands and
// options (from which its usage line and help are made), what it does, an example, and its handler.
// A new command (export, say) is one more row and one handler.
import { COPY_TEMPLATES, LINK_STYLES, PAGE_SIZES } from '../../shared/export';
import { TEMPLATES } from '../../shared/document';
import { PROFILE_VARIABLE, profileOption } from './author';
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
    summary: 'Create a message file, from a template or from a .txt, .md, .html or Word (.docx) file.',
    details: [
      'The title defaults to the template\'s title. From --from, a text that opens with a heading has it',
      'as its title, shown once on a copy; a plain text\'s short first line standing alone (not a greeting',
      'or a sentence) becomes that heading. Any other import takes its title from the file\'s name.',
      'HTML is sanitised first: scripts, event handlers and javascript: links are dropped.',
      'A plain-text file\'s paragraphs are separated by blank lines; single line breaks are kept.',
      'A closing line ("Yours sincerely,") and up to five short lines after it (name, title, place and',
      'date) at the end of an import become the signature block.',
      'A Word file\'s tracked changes still open become suggestions by their Word author (never accepted),',
      'and its comments and replies comment threads on the same words; what a message cannot hold',
      '(pictures, tables, text boxes, headers and footers, notes) is counted in the output. A .docx that',
      'is not a Word package, is encrypted, over 50 MB or a zip bomb is refused (exit 2), nothing written.',
      `The message starts with a version, "Created from FILE" or "Created from the Letter template", by the`,
      `person of --profile (or $${PROFILE_VARIABLE}), else by your login name, which the output then says.`,
    ],
    operands: FILE,
    options: {
      title: { type: 'string', value: 'TITLE', help: 'The message\'s title' },
      from: { type: 'string', value: 'PATH', help: 'Take the text from a .txt, .md, .html or .docx file' },
      template: { type: 'string', value: 'NAME', choices: TEMPLATES.map((t) => t.id), help: `Start from a template: ${TEMPLATES.map((t) => t.id).join(', ')} (default: blank)` },
      profile: profileOption,
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
      'The counts are the ones the app shows; state and approvals come from the sign-off records that',
      'verify (see `signet status`). The file is only read: no lock is taken.',
    ],
    operands: FILE,
    options: {},
    example: 'signet info address.signet',
    run: load(() => import('./inspect'), 'info'),
  },
  {
    name: 'text',
    summary: 'Print a message as plain text, paragraphs separated by a blank line.',
    details: [
      'With --version, the text as it was at that version (see `signet versions FILE`).',
      'The file is only read: no lock is taken.',
    ],
    operands: FILE,
    options: {
      version: { type: 'string', value: 'ID|NAME', help: 'A version\'s id, a unique start of one, or its name (default: the text now)' },
    },
    example: 'signet text address.signet --version "First draft" > first-draft.txt',
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
    name: 'versions',
    summary: 'List a message\'s versions, newest first, as a JSON array.',
    details: [
      'Fields: id, name, kind, author (name and title), time, words, added, removed, digest, note,',
      'and source where the version came from a restore or a merge.',
      'Give an id (or a unique start of one, 4 or more characters) or a name to `text --version` or `diff`;',
      'a name that several versions have is refused (exit 2) with each of them listed, to be given by id.',
      'The file is only read: no lock is taken.',
    ],
    operands: FILE,
    options: {},
    example: 'signet versions address.signet',
    run: load(() => import('./history'), 'versions'),
  },
  {
    name: 'diff',
    summary: 'Show what changed between two versions, word by word, and who changed it.',
    details: [
      'A and B are version ids (or unique starts of them), names, or "current" for the text now.',
      'Prints a unified word diff: [-removed-] and {+added+} words and {~reformatted~} ones, each',
      'followed by who made the change where that is known, under an "@@ paragraph N @@" line.',
      'The file is only read: no lock is taken.',
    ],
    operands: [{ name: 'FILE' }, { name: 'A' }, { name: 'B' }],
    options: {
      json: { type: 'boolean', help: 'Print the comparison as JSON (blocks, people, summary) instead' },
    },
    example: 'signet diff address.signet "First draft" current',
    run: load(() => import('./history'), 'diff'),
  },
  {
    name: 'merge',
    summary: 'Merge other copies of a message (review copies sent back) into it.',
    details: [
      'Edits, comments, replies and versions in each OTHER copy come in; nothing in FILE is lost, and the',
      'result is the same whatever order copies are merged in. Prints one line per copy: words added and',
      'removed, new comments and replies, and from whom; a copy merged before brings nothing new.',
      'FILE gets a "before-merge" version first when a copy brings anything: by the person of --profile',
      `(or $${PROFILE_VARIABLE}), else by your login name, which the output then says.`,
      'With -o, FILE is left as it is and the merged message is written to OUT.',
      'A copy of a different message, a damaged copy, or one that would delete or overwrite versions,',
      'comments, sign-off records or anything else the message keeps, is refused (exit 1), saying what',
      'it would have taken, and nothing is written.',
      'FILE is written under its lock: while Signet has it open, merge into a new file with -o instead.',
    ],
    operands: [{ name: 'FILE' }, { name: 'OTHER', repeats: true }],
    options: {
      output: { type: 'string', short: 'o', value: 'OUT', help: 'Write the merged message to this new file instead of FILE' },
      profile: profileOption,
      force,
    },
    example: 'signet merge address.signet address-from-ben.signet address-from-cat.signet',
    run: load(() => import('./merge'), 'merge'),
  },
  {
    name: 'suggestions',
    summary: 'List a message\'s open suggestions, in the order they stand in the text.',
    details: [
      'One line each: id, who proposed it, when (UTC), and what ("Replace “by June” with “in June”").',
      'With --json, an array of id, author (name and title), at, kind (insert, delete, replace, format),',
      'deleted and inserted (the words), what, and state. The file is only read: no lock is taken.',
    ],
    operands: FILE,
    options: { json: { type: 'boolean', help: 'Print them as a JSON array' } },
    example: 'signet suggestions address.signet --json',
    run: load(() => import('./suggestions'), 'suggestions'),
  },
  ...(['accept', 'reject'] as const).map((verb) => ({
    name: verb,
    summary: `${verb === 'accept' ? 'Accept' : 'Reject'} one open suggestion (by its id) or all of them.`,
    details: [
      verb === 'accept'
        ? 'Accepted, an insertion\'s words become part of the text and a deletion\'s words go.'
        : 'Rejected, an insertion\'s words go and a deletion\'s words stay, as if never proposed.',
      'Only the message\'s author or owner decides (once it has a roster); who decided, and when, is',
      `kept in the message. The decider is --by NAME, else the person of --profile (or $${PROFILE_VARIABLE}),`,
      'else your login name. FILE is written under its lock: close it in Signet first.',
    ],
    operands: [{ name: 'FILE' }, { name: 'ID' }],
    options: { by: { type: 'string', value: 'NAME', help: 'Who decides (default: the profile\'s person)' } as const, profile: profileOption },
    example: `signet ${verb} address.signet all --by "Ada Mensah"`,
    run: load(() => import('./suggestions'), verb),
  })),
  {
    name: 'status',
    summary: 'Print where a message stands in its sign-off, and every record checked, as one JSON object.',
    details: [
      'Fields: id, title, state, digest, shortDigest, requiredApprovers (each with whether they approved',
      'the text as it is now), ordered, signatory, dueDate, roster, and records: number, kind, what,',
      'signer, time, comment, digest, status (verified; stale: genuine, about an earlier text; invalid)',
      'and, where there is one, the reason it is invalid and the version whose text it is about.',
      'The state is computed from the records that verify. The file is only read: no lock is taken.',
    ],
    operands: FILE,
    options: {},
    example: 'signet status address.signet',
    run: load(() => import('./signoff'), 'status'),
  },
  {
    name: 'verify',
    summary: 'Check a message\'s sign-off records, or that an exported copy (HTML or PDF) is authentic.',
    details: [
      'For a message (.signet): prints one line per record: verified, stale (genuine, but about an',
      'earlier text) or invalid, with the reason.',
      'Exits 0 when no record is invalid and the message is Approved or Signed; otherwise exits 1,',
      'saying which record fails (number, kind, signer) and why, or what state the message is in and',
      'why. A damaged file exits 1 with the byte where it is damaged.',
      'For a copy made by `signet export` or the app (told by its bytes, not its name): checks that the',
      'words on its pages are the text in its manifest, that the text has the digest the manifest names,',
      'and that every record verifies and makes it Approved or Signed. Prints who approved and who',
      'signed, and when, and exits 0; or exits 1 with each reason it fails (a word changed on the page or',
      'in the manifest, a record changed, a draft or a comparison, script or remote links in the HTML).',
      'A copy must also carry the export seal of someone on its roster, and a PDF copy a signature',
      'covering every byte of the file made with that person\'s PDF key; it prints who exported it.',
      'With --cards, every approval, the signature and the export must also be made with a key from those',
      'member cards (received by hand, not from the message): a wholly forged message carries a roster of its own.',
      'Every roster in force must be signed by a key on a card, its owners must hold cards, and each person',
      'must be called on the roster what their card calls them. An edited card is refused.',
      'The file is only read: no lock is taken.',
    ],
    operands: FILE,
    options: {
      cards: { type: 'string', value: 'PATH', help: 'A member card (.signet-card), or a folder of them, whose keys you trust' },
    },
    example: 'signet verify "New Year message.pdf" --cards ~/signet-cards && echo "authentic"',
    run: load(() => import('./signoff'), 'verify'),
  },
  {
    name: 'export',
    summary: 'Export a copy of a message to send out: HTML, or PDF (which needs Chromium or Chrome).',
    details: [
      'An Approved or Signed message exports as a final copy, with a certificate page naming each',
      'approval and the signature (who, when, key fingerprint) and the digest of the text. Any other',
      'state exports as a draft: DRAFT on every page, "Not approved" in the footer, no certificate.',
      'Every copy carries a manifest (the exact text, its digest and the signed records) that',
      '`signet verify COPY` checks. The HTML copy is one file with its fonts inline and no script.',
      'Templates: statement (title, text, signature block; the default), letter (letterhead with the',
      'organisation and --logo, place and date), reading (a reading copy for delivering a speech: large',
      'type that fills its pages, page numbers, "Check against delivery"), and redline (--compare A:',
      'the changes from version A to --version, or to the text now; never a final copy). Links\'',
      'addresses are printed, since paper cannot be clicked: --links brackets or notes.',
      'PDF export prints with Chromium or Google Chrome: on the PATH, in its usual place, or',
      'SIGNET_CHROMIUM. FILE is only read; OUT is written whole or not at all.',
      'With --profile, the person exporting seals the copy with their key: what they chose (template,',
      'letterhead, place, date, closing, pictures, page size) is signed, and a PDF copy is signed as a',
      'whole (PAdES) so that PDF readers show who signed it. The passphrase that protects the key is',
      'read from SIGNET_PASSPHRASE. A copy without a seal is never called authentic by `signet verify`.',
      'With --docx OUT.docx, writes a Word draft for a reviewer without Signet: the text as it stands,',
      'headings as Word heading styles, the open comments as Word comments, "DRAFT FOR REVIEW" on every',
      'page, and the message id in a custom XML part. It is never a final copy and proves nothing.',
      'With --verifier OUT.html (and no FILE), writes the verifier page instead: one HTML file, with',
      'nothing to fetch, that checks a copy dropped on it with the same code as `signet verify`.',
    ],
    operands: [{ name: 'FILE', optional: true }],
    options: {
      html: { type: 'string', value: 'OUT', help: 'Write an HTML copy to OUT' },
      pdf: { type: 'string', value: 'OUT', help: 'Write a PDF copy to OUT' },
      docx: { type: 'string', value: 'OUT', help: 'Write a Word draft for a reviewer without Signet to OUT (comments as Word comments; never a final copy)' },
      template: { type: 'string', value: 'NAME', choices: [...COPY_TEMPLATES, 'redline'], help: 'letter, statement, reading or redline (default: statement)' },
      version: { type: 'string', value: 'ID|NAME', help: 'Export a version\'s text: its id, a unique start of one, or its name (default: the text now)' },
      compare: { type: 'string', value: 'ID|NAME', help: 'With --template redline: the older version to show the changes from' },
      'page-size': { type: 'string', value: 'SIZE', help: `${PAGE_SIZES.join(' or ')}, in any case (default: A4)` },
      organisation: { type: 'string', value: 'TEXT', help: 'The letterhead\'s organisation (default: the signatory\'s)' },
      place: { type: 'string', value: 'TEXT', help: 'The place on a letter\'s date line' },
      date: { type: 'string', value: 'YYYY-MM-DD', help: 'The date on a letter (default: today, or none when the signature block has its own date)' },
      closing: { type: 'string', value: 'TEXT', help: 'The closing line above the signatory\'s name, when the message has no signature block' },
      links: { type: 'string', value: 'STYLE', choices: [...LINK_STYLES], help: 'Where links\' addresses are printed: brackets (after the words; the default) or notes (numbered, listed at the end)' },
      logo: { type: 'string', value: 'PNG', help: 'A PNG logo for the letterhead (at most 2 MB)' },
      'signature-image': { type: 'string', value: 'PNG', help: 'A PNG of the handwritten signature, shown on a signed final copy (at most 2 MB)' },
      profile: { type: 'string', value: 'PROFILE', help: 'Your profile (.signet-profile): its key seals the copy (passphrase in SIGNET_PASSPHRASE)' },
      verifier: { type: 'string', value: 'OUT', help: 'Write the verifier page (an HTML file that checks copies offline) to OUT, instead of a copy' },
      force,
    },
    example: 'signet export "New Year message.signet" --pdf "New Year message.pdf" --template letter --place Aldport --date 2026-11-29',
    run: load(() => import('./export'), 'exportMessage'),
  },
  {
    name: 'sample',
    summary: 'Make a sample library for trying Signet: three people and a message in each state.',
    details: [
      'Writes DIR/profiles and DIR/cards: a profile (with a real key) and a member card for Amina Yusuf,',
      'Head of Speechwriting (owner and author), Ben Okafor, Chief of Staff (approver) and Carmen Ruiz,',
      `Mayor (approver and signatory). Their keys are sealed with the passphrase "sample passphrase":`,
      'they are only for trying Signet. DIR/library holds four messages, taken by the app\'s own code and',
      'real signatures to Draft, In review, Approved and Signed. Open them by setting the library folder',
      'in Settings to DIR/library. DIR must be new or empty, unless --force.',
    ],
    operands: [{ name: 'DIR' }],
    options: {
      force: { type: 'boolean', help: 'Write into a folder that is not empty, replacing the sample\'s own files there' },
    },
    example: 'signet sample ~/signet-sample',
    run: load(() => import('./sample'), 'sample'),
  },
  {
    name: 'recover',
    summary: 'Write what can be read of a damaged message file to a new file.',
    details: [
      'A record damaged in one place is repaired from its parity, and a record whose header is damaged',
      'is found by the copy of it each record carries. What is still damaged is skipped, and changes that',
      'depended on it are left out; it says how many words OUT holds and how much was lost, and lists each',
      'skipped part with its byte offset. FILE itself is never changed.',
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
