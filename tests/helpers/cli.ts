// Running the built `signet` command line tool as a user would: its exit code and what it printed.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/signet.js');
export const BUILT_CLI = join(ROOT, 'out/main/cli.js');

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `signet ARGS` in `cwd`; rejects only when the process could not run at all. */
export function runSignet(cwd: string, args: string[], timeout = 30_000): Promise<Result> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: unknown }).code : 0;
      if (typeof code !== 'number') fail(error);
      else done({ code, stdout, stderr });
    });
  });
}
