// How to run this tool again from here, for the commands it suggests: `signet` when that name on the
// PATH is this very tool (after `npm link`), else `node` and the path of bin/signet.js.
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative } from 'node:path';
import { shellQuote } from './errors';

function onPath(name: string): string | null {
  for (const folder of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate);
    } catch {
      // Not in this folder.
    }
  }
  return null;
}

export function invocation(script = process.argv[1] ?? ''): string {
  let self = script;
  try {
    self = realpathSync(script);
  } catch {
    // Run in an unusual way (a test's import): the path as given.
  }
  if (self && onPath('signet') === self) return 'signet';
  const shown = isAbsolute(script) && !relative(process.cwd(), script).startsWith('..') ? relative(process.cwd(), script) : script;
  return `node ${shellQuote(shown || 'bin/signet.js')}`;
}
