#!/usr/bin/env node
// Launches the `signet` command line tool, which is built into out/main/cli.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(`signet: the command line tool is not built yet; run \`npm run build\` in ${root} first.\n`);
  process.exit(2);
}
await import(cli.href);
