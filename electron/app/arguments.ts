// The message a command line asks Signet to open. A terminal passes a name relative to where it
// was typed (`signet "New Year draft.signet"`); a Linux file manager, through the desktop entry's
// %U, may pass a file:// URI instead, in which a '#' or a space arrives escaped. Plain Node.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** argv's first .signet file (argv[0] is the program), as an absolute path; null if none. */
export function messageArg(argv: string[], workingDirectory: string): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    const path = toPath(arg);
    if (path?.toLowerCase().endsWith('.signet')) return isAbsolute(path) ? path : resolve(workingDirectory, path);
  }
  return null;
}

function toPath(arg: string): string | null {
  if (!/^file:/i.test(arg)) return arg;
  try {
    return fileURLToPath(arg);
  } catch {
    return null; // a URI of another machine (file://host/…), which cannot be opened here
  }
}
