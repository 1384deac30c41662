// `signet serve` run as a user runs it: its arguments checked (exit 2, what and where), a port in use
// or a data folder it cannot use said plainly, Ctrl+C stopping it cleanly, and the packages it needs
// missing said as such. What the server does with connections is tests/unit/live/server.test.ts's.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltServices } from '../../helpers/built-services';
import { BUILT_CLI, runSignet } from '../../helpers/cli';
import { serve } from '../../helpers/live';

let dir = '';
const signet = (...args: string[]) => runSignet(dir, args, 20_000);

beforeAll(() => {
  ensureBuiltServices();
  dir = mkdtempSync(join(tmpdir(), 'signet-cli-serve-'));
}, 120_000);

afterAll(() => void (dir && rmSync(dir, { recursive: true, force: true })));

describe('signet serve', () => {
  it('is listed and explained, with its options', async () => {
    expect((await signet('--help')).stdout).toMatch(/^ {2}serve +Run a live server/m);
    const help = await signet('serve', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: signet serve [--port N] [--host ADDR] [--data DIR]');
  });

  it.each([
    [['--port', 'abc'], "signet serve: --port must be a number from 0 to 65535 (not 'abc')"],
    [['--port', '70000'], "signet serve: --port must be a number from 0 to 65535 (not '70000')"],
    [['--host', 'no such host!'], "signet serve: --host must be an IP address or a host name (not 'no such host!')"],
    [['extra'], "signet serve: unexpected argument 'extra'"],
    [['--port'], "signet serve: option '--port' needs a value"],
  ])('refuses %j with exit 2, saying what', async (args, said) => {
    const result = await signet('serve', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(said);
    expect(result.stdout).toBe('');
  });

  it('says so when its port is in use or its data folder is a file, and exits 2', async () => {
    const taken: Server = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = String((taken.address() as { port: number }).port);
    try {
      const busy = await signet('serve', '--port', port, '--data', join(dir, 'busy'));
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain(`signet serve: cannot listen on 127.0.0.1:${port}: the port is in use`);
    } finally {
      taken.close();
    }
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const file = await signet('serve', '--port', '0', '--data', join(dir, 'a-file'));
    expect(file.code).toBe(2);
    expect(file.stderr).toContain(`signet serve: cannot use ${join(dir, 'a-file')} for the server's messages`);
  });

  it('stops cleanly on Ctrl+C (SIGINT), saying every message is stored, and exits 0', async () => {
    const server = await serve(join(dir, 'data'));
    expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(server.output()).toMatch(/Signet live server on ws:\/\/127\.0\.0\.1:\d+ — give this address to colleagues/);
    server.process.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('Stopped; every message is stored.');
    expect(server.output()).toContain(`Messages are kept in ${join(dir, 'data', 'signet-live.sqlite')}`);
  });

  it("says plainly that the server's packages are missing when they are (as in a checkout without devDependencies)", async () => {
    // A resolve hook that finds no server package, as Node would without them installed.
    const hook = join(dir, 'no-server-packages.mjs');
    writeFileSync(
      hook,
      `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`export async function resolve(s, c, next) {
  if (/^(@hocuspocus\\\\/(server|extension-)|sqlite3$)/.test(s)) throw Object.assign(new Error("Cannot find package '" + s + "'"), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(s, c);
}\`));\n`,
    );
    const child = spawn(process.execPath, ['--import', hook, BUILT_CLI, 'serve', '--port', '0', '--data', join(dir, 'none')], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const code = await new Promise((done) => child.on('exit', done));
    expect(stderr).toMatch(/^signet serve: the live server's packages \(@hocuspocus\/server and sqlite3\) are not installed: they come with a source checkout \(run `npm ci` in .+\); the installed app does not carry them \(Cannot find package '@hocuspocus\/extension-database'\)/);
    expect(code).toBe(2);
  });
});
