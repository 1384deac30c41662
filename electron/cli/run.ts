// Dispatches one command line to its command and turns every failure into one line and an exit code.
import { version } from '../../package.json';
import { parseCommandArgs, wantsHelp } from './args';
import { COMMANDS, findCommand } from './commands';
import { EXIT, describeError, usageError } from './errors';
import { commandHelp, overview } from './help';
import type { Command, Io, Streams } from './types';
import { useNodeSignatureCheck } from '../services/signoff/signature-check';
import { visibleBlock, visibleLine } from './visible';

function report(error: unknown, command: Command | undefined, io: Io): number {
  const failure = describeError(error);
  io.err(`signet${command ? ` ${command.name}` : ''}: ${failure.message}`);
  for (const line of failure.details) io.err(line);
  if (failure.showHelpHint) {
    const help = command && command.name !== 'help' ? `signet ${command.name} --help` : 'signet --help';
    io.err(`Run '${help}' for usage.`);
  }
  return failure.exitCode;
}

export async function run(argv: string[], streams: Streams): Promise<number> {
  useNodeSignatureCheck();
  const io: Io = {
    out: (text) => streams.out(visibleLine(text)),
    err: (text) => streams.err(visibleLine(text)),
    block: (text) => streams.out(visibleBlock(text)),
  };
  const [name, ...rest] = argv;
  if (name === undefined) {
    streams.err(overview(COMMANDS));
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h') {
    io.block(overview(COMMANDS));
    return EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.out(`signet ${version}`);
    return EXIT.ok;
  }
  const command = findCommand(name);
  try {
    if (!command) throw usageError(name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`);
    if (wantsHelp(rest)) {
      io.block(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run(parseCommandArgs(command, rest), io);
  } catch (error) {
    return report(error, command, io);
  }
}
