// Parses one command's arguments with util.parseArgs and checks them against its table entry.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './errors';
import type { Command, CommandArgs } from './types';

/** True when -h or --help appears before a `--`. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

function parseOptions(command: Command): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  return options;
}

/** Node's parseArgs messages, cut to their first sentence and put in our words where they ramble. */
function parseErrorMessage(error: Error): string {
  const first = error.message.split('\n')[0].split('. ')[0].replace(/\.$/, '');
  // "Option '-o, --output <value>' argument missing" names the option as its longest spelling.
  const option = /^Option '(?:-\w, )?(-[^' ]+)[^']*' argument (missing|is ambiguous)/.exec(first);
  if (option?.[2] === 'missing') return `option '${option[1]}' needs a value`;
  if (option) return `option '${option[1]}' needs a value (write ${option[1]}=VALUE for a value that starts with '-')`;
  return first.charAt(0).toLowerCase() + first.slice(1);
}

function checkOperands(command: Command, positionals: string[]): Map<string, string[]> {
  const operands = new Map<string, string[]>();
  command.operands.forEach((spec, i) => {
    const last = i === command.operands.length - 1;
    if (i < positionals.length) operands.set(spec.name, spec.repeats && last ? positionals.slice(i) : [positionals[i]]);
    else if (!spec.optional) throw usageError(`missing ${spec.name}`);
  });
  if (positionals.length > command.operands.length && !command.operands.at(-1)?.repeats) {
    throw usageError(`unexpected argument '${positionals[command.operands.length]}'`);
  }
  return operands;
}

function checkValues(command: Command, values: Record<string, string | boolean | undefined>): void {
  for (const [name, spec] of Object.entries(command.options)) {
    const value = values[name];
    if (spec.required && value === undefined) throw usageError(`missing --${name} ${spec.value ?? ''}`.trimEnd());
    if (typeof value === 'string' && spec.choices && !spec.choices.includes(value)) {
      throw usageError(`--${name} must be one of ${spec.choices.join(', ')} (not '${value}')`);
    }
  }
}

/** An option given twice is a mistake (which one was meant?), not the last one winning. */
function checkOnce(tokens: readonly { kind: string; name?: string; rawName?: string }[]): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || !token.name) continue;
    if (seen.has(token.name)) throw usageError(`option '--${token.name}' is given more than once`);
    seen.add(token.name);
  }
}

export function parseCommandArgs(command: Command, argv: string[]): CommandArgs {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[]; tokens: { kind: string; name?: string }[] };
  try {
    parsed = parseArgs({ args: argv, options: parseOptions(command), allowPositionals: true, strict: true, tokens: true }) as typeof parsed;
  } catch (error) {
    throw usageError(parseErrorMessage(error as Error));
  }
  checkOnce(parsed.tokens);
  const operands = checkOperands(command, parsed.positionals);
  checkValues(command, parsed.values);
  return {
    operand: (name) => operands.get(name)?.[0] ?? '',
    operands: (name) => operands.get(name) ?? [],
    string: (name) => (typeof parsed.values[name] === 'string' ? (parsed.values[name] as string) : undefined),
    flag: (name) => parsed.values[name] === true,
  };
}
