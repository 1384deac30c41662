// The shape of one command in the table, and what its handler receives.

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The placeholder shown in usage, e.g. TITLE. */
  value?: string;
  /** The only values a string option accepts. */
  choices?: readonly string[];
  required?: boolean;
  help: string;
}

export interface OperandSpec {
  name: string;
  optional?: boolean;
  /** The last operand may take one or more values (shown as NAME...). */
  repeats?: boolean;
}

/** Where the tool writes; run() makes every control character in what is written visible (visible.ts). */
export interface Io {
  /** Writes one line to standard output, followed by a newline; a line break in it is shown as \n. */
  out(text: string): void;
  /** Writes one line to standard error, followed by a newline; a line break in it is shown as \n. */
  err(text: string): void;
  /** Writes several lines (JSON, the message's text, help) to standard output, line breaks kept. */
  block(text: string): void;
}

/** The two streams as the process has them, before run() guards them. */
export type Streams = Pick<Io, 'out' | 'err'>;

export interface CommandArgs {
  /** An operand by name (the first value of a repeated one); '' for an optional one that was left out. */
  operand(name: string): string;
  /** Every value of a repeated operand, in order. */
  operands(name: string): string[];
  /** A string option's value, if it was given. */
  string(name: string): string | undefined;
  flag(name: string): boolean;
}

export interface Command {
  name: string;
  summary: string;
  /** More about what the command does, a line each. */
  details: readonly string[];
  operands: readonly OperandSpec[];
  options: Readonly<Record<string, OptionSpec>>;
  example: string;
  /** Returns the exit code, or throws a CliError (or MessageFileError) that says what went wrong. */
  run(args: CommandArgs, io: Io): Promise<number>;
}
