// Help text, made from the command table so that it cannot drift from what the commands accept.
import { EXIT, usageError } from './errors';
import type { Command, Io, OptionSpec } from './types';

function optionUsage(name: string, spec: OptionSpec): string {
  // The short form where there is one, as in `-o OUT`.
  const flag = spec.short ? `-${spec.short}` : `--${name}`;
  const value = spec.choices ? spec.choices.join('|') : spec.value;
  const text = spec.type === 'string' ? `${flag} ${value ?? 'VALUE'}` : flag;
  return spec.required ? text : `[${text}]`;
}

/** The usage line, e.g. `signet new FILE [--title TITLE] [--force]`. */
export function usageLine(command: Command): string {
  const operands = command.operands.map((o) => {
    const name = o.repeats ? `${o.name}...` : o.name;
    return o.optional ? `[${name}]` : name;
  });
  const options = Object.entries(command.options).map(([name, spec]) => optionUsage(name, spec));
  return ['signet', command.name, ...operands, ...options].join(' ');
}

function optionRows(command: Command): [string, string][] {
  const rows = Object.entries(command.options).map(([name, spec]): [string, string] => {
    const flags = `${spec.short ? `-${spec.short}, ` : ''}--${name}`;
    const value = spec.type === 'string' ? ` ${spec.value ?? spec.choices?.join('|') ?? 'VALUE'}` : '';
    return [flags + value, spec.help];
  });
  return [...rows, ['-h, --help', 'Show this help']];
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

export function commandHelp(command: Command): string {
  return [
    `Usage: ${usageLine(command)}`,
    '',
    command.summary,
    ...(command.details.length ? ['', ...command.details] : []),
    '',
    'Options:',
    ...table(optionRows(command)),
    '',
    'Example:',
    `  ${command.example}`,
  ].join('\n');
}

export function overview(commands: readonly Command[]): string {
  return [
    'signet: create, read and check Signet message files (.signet) from the command line.',
    '',
    'Usage: signet COMMAND [ARGUMENTS] [OPTIONS]',
    '',
    'Commands:',
    ...table(commands.map((c) => [c.name, c.summary])),
    '',
    "Run 'signet help COMMAND' or 'signet COMMAND --help' for a command's options and an example,",
    "and 'signet --version' for the version.",
    '',
    'Exit codes: 0 success; 1 the file is damaged or the check failed;',
    '            2 a usage error, or a path that cannot be read or written (or would be overwritten).',
  ].join('\n');
}

/** `signet help [COMMAND]`. */
export function showHelp(commands: readonly Command[], name: string, io: Io): number {
  if (!name) {
    io.block(overview(commands));
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw usageError(`unknown command '${name}'`);
  io.block(commandHelp(command));
  return EXIT.ok;
}
