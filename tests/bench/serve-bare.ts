// The bare Lexical editor's page (tests/bench/bare, built into out/bench), served at
// http://bench.test/ and nothing else, for the typing and start benchmarks.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, relative, resolve } from 'node:path';
import type { Page } from '@playwright/test';

const BARE = resolve(import.meta.dirname, '../../out/bench');
export const BARE_URL = 'http://bench.test/index.html';

export async function serveBare(page: Page) {
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const path = normalize(join(BARE, decodeURIComponent(url.pathname)));
    if (url.host !== 'bench.test' || relative(BARE, path).startsWith('..')) return route.abort('blockedbyclient');
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
    try {
      await route.fulfill({ body: await readFile(path), contentType: types[extname(path)] ?? 'application/octet-stream' });
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
}
