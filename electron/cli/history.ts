// The read-only history commands: versions, diff, and `text --version`. They use the app's own
// revision history (shared/history/versions, shared/history/compare, services/history); none of them takes the
// lock or writes a byte.
import type * as Y from 'yjs';
import { formatWordDiff, listVersions, matchVersions, versionContent, type Version } from '../../shared/history';
import { readContent, contentParagraphs } from '../../shared/document';
import { longTime } from '../../shared/export';
import { compareVersions } from '../services/history/history';
import { CliError, EXIT, shellQuote } from './errors';
import { loadMessage } from './files';
import type { CommandArgs, Io } from './types';

const CURRENT = 'current';

/**
 * The version REF names, or a usage error (exit 2): for an unknown ref, how to list the versions;
 * for a name several versions have ("Approved" twice), each of them, to be named by its id.
 */
export function findOrFail(doc: Y.Doc, path: string, ref: string): Version {
  const matches = matchVersions(doc, ref);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    const lines = matches.map((v) => `  ${v.id}  ${v.name ? `"${v.name}" ` : ''}${v.author.name ? `by ${v.author.name}, ` : ''}${longTime(v.at)}`);
    throw new CliError(`${path} has ${matches.length} versions that '${ref}' could mean; give one's id (or a unique start of it):`, EXIT.usage, false, lines);
  }
  const what = 'an id, a unique start of one (4 or more characters), a name, or "current"';
  return fail(`${path} has no version '${ref}' (give ${what}); list them with: signet versions ${shellQuote(path)}`);
}

function fail(message: string): never {
  throw new CliError(message, EXIT.usage);
}

export async function versions(args: CommandArgs, io: Io): Promise<number> {
  const { doc } = await loadMessage(args.operand('FILE'), io.err);
  const list = listVersions(doc).map((v) => ({
    id: v.id,
    name: v.name,
    kind: v.kind,
    author: v.author,
    time: v.at,
    words: v.words,
    added: v.added,
    removed: v.removed,
    digest: v.digest,
    note: v.note,
    ...(v.source ? { source: v.source } : {}),
  }));
  doc.destroy();
  io.block(JSON.stringify(list, null, 2));
  return EXIT.ok;
}

/** `signet text FILE --version REF`: the text as it was at that version, in the same form as `signet text`. */
export async function versionText(args: CommandArgs, io: Io): Promise<number> {
  const path = args.operand('FILE');
  const ref = args.string('version')!;
  const { doc } = await loadMessage(path, io.err);
  try {
    const content = ref === CURRENT ? readContent(doc) : versionContent(doc, findOrFail(doc, path, ref).id);
    io.block(contentParagraphs(content).join('\n\n').replace(/\n+$/, ''));
  } finally {
    doc.destroy();
  }
  return EXIT.ok;
}

function label(doc: Y.Doc, path: string, ref: string): string {
  if (ref === CURRENT) return `${path} (current)`;
  const v = findOrFail(doc, path, ref);
  const name = v.name ? ` "${v.name}"` : '';
  const author = v.author.name ? ` by ${v.author.name}` : '';
  return `${path} version ${v.id}${name}${author}, ${longTime(v.at)}`;
}

export async function diff(args: CommandArgs, io: Io): Promise<number> {
  const path = args.operand('FILE');
  const [from, to] = [args.operand('A'), args.operand('B')];
  const { doc } = await loadMessage(path, io.err);
  try {
    // The labels look both refs up (as compareVersions will), so an unknown one is reported as a usage error.
    const labels = [label(doc, path, from), label(doc, path, to)];
    const comparison = compareVersions(doc, from, to);
    io.block(args.flag('json') ? JSON.stringify(comparison, null, 2) : formatWordDiff(comparison, labels[0], labels[1]).replace(/\n$/, ''));
  } finally {
    doc.destroy();
  }
  return EXIT.ok;
}
