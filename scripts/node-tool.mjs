// A package's command run with this same Node, by its script's path: `npx` and the .bin shims are
// .cmd files on Windows, which spawn cannot start without a shell.
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** [node, [script, ...args]] for the command `bin` of package `pkg`. */
export function toolCommand(pkg, bin, args = []) {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin: bins } = JSON.parse(readFileSync(manifest, 'utf8'));
  const script = typeof bins === 'string' ? bins : bins[bin ?? pkg];
  return [process.execPath, [join(dirname(manifest), script), ...args]];
}

/**
 * Whether the module at `moduleUrl` is the script Node was started with (argv[1]), rather than
 * imported. Compared as real paths, so that spaces (%20 in a URL), Windows' drive letters and
 * backslashes, and a symlinked checkout all compare equal.
 */
export function isStartedScript(moduleUrl, scriptArg = process.argv[1]) {
  if (!scriptArg) return false;
  try {
    return realpathSync(fileURLToPath(moduleUrl)) === realpathSync(scriptArg);
  } catch {
    return false;
  }
}
