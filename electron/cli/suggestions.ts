// `signet suggestions FILE [--json]`, `signet accept FILE ID|all [--by NAME]`, `signet reject …` and
// `signet withdraw …`: the open suggestions of a message, and deciding them with the app's own rules
// (shared/review): only the message's author or owner decides, only a suggestion's proposer withdraws it, each decision is logged in the message with who and
// when, and FILE is written under its lock in one atomic rewrite.
import { describeSuggestion, decideSuggestions, listSuggestions, whyCannotDecide, whyCannotWithdraw, type Decision, type Suggestion } from '../../shared/review';
import { messageState } from '../../shared/signoff';
import type { Person } from '../../shared/document';
import { versionAuthor } from './author';
import { CliError, EXIT, usageError } from './errors';
import { loadMessage, lockMessage, writeLocked } from './files';
import type { CommandArgs, Io } from './types';

const view = (s: Suggestion) => ({ id: s.id, author: s.author, at: s.at, kind: s.change, deleted: s.deleted, inserted: s.inserted, what: describeSuggestion(s), state: 'open' });

export async function suggestions(args: CommandArgs, io: Io): Promise<number> {
  const { doc } = await loadMessage(args.operand('FILE'), io.err);
  try {
    const list = listSuggestions(doc);
    if (args.flag('json')) io.block(JSON.stringify(list.map(view), null, 2));
    else if (!list.length) io.out('no open suggestions');
    else for (const s of list) io.out(`${s.id}  ${s.author.name}  ${s.at.slice(0, 16).replace('T', ' ')}  ${describeSuggestion(s)}`);
  } finally {
    doc.destroy();
  }
  return EXIT.ok;
}

export const accept = (args: CommandArgs, io: Io) => decide(args, io, 'accepted');
export const reject = (args: CommandArgs, io: Io) => decide(args, io, 'rejected');
export const withdraw = (args: CommandArgs, io: Io) => decide(args, io, 'withdrawn');

async function decider(args: CommandArgs): Promise<Person> {
  const by = args.string('by');
  if (by === undefined) return (await versionAuthor(args)).person;
  if (!by.trim()) throw usageError('--by needs a name');
  return { name: by.trim(), title: '' };
}

async function decide(args: CommandArgs, io: Io, decision: Decision): Promise<number> {
  const path = args.operand('FILE');
  const which = args.operand('ID');
  const by = await decider(args);
  const release = await lockMessage(path);
  try {
    const { doc } = await loadMessage(path, io.err);
    try {
      // Anyone withdraws their own suggestions; only the author or owner accepts or rejects.
      const open = listSuggestions(doc);
      if (which !== 'all' && !open.some((s) => s.id === which)) {
        throw new CliError(`${path} has no open suggestion ${which}; see: signet suggestions ${path}`, EXIT.usage);
      }
      const chosen = which === 'all' ? (decision === 'withdrawn' ? open.filter((s) => s.author.name === by.name) : open) : open.filter((s) => s.id === which);
      const why = decision === 'withdrawn' ? whyCannotWithdraw(chosen, by.name) : whyCannotDecide(messageState(doc).roster, by.name);
      if (why) throw new CliError(`${why}; ${path} is as it was`, EXIT.usage);
      if (!chosen.length) {
        io.out(`${path} has no open suggestions${decision === 'withdrawn' ? ` by ${by.name}` : ''}`);
        return EXIT.ok;
      }
      const decided = decideSuggestions(doc, new Set(chosen.map((s) => s.id)), decision, by);
      await writeLocked(path, doc, true);
      for (const s of decided) io.out(`${decision} ${s.id}: ${describeSuggestion(s)} (by ${s.author.name})`);
      return EXIT.ok;
    } finally {
      doc.destroy();
    }
  } finally {
    await release();
  }
}
