// Builds the verifier page (renderer/verifier/) into one self-contained file,
// out/verifier/verifier.html: its script and style inline and allowed by their hashes alone
// (default-src 'none', connect-src 'none'), so that the page can fetch nothing, and the table of
// Signet's font slices by digest, with which it knows the fonts in an HTML copy. `signet export
// --verifier` and the app's "Save the verifier…" copy this file. electron-vite's build runs it
// after the renderer (electron.vite.config.ts); `node scripts/build-verifier.mjs` runs it alone.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const VERIFIER_OUT = join(ROOT, 'out/verifier/verifier.html');

const hash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Text put inside <script> must not close it, nor open "<!--", after which the HTML parser may take a "<script" in it to nest (the copy's template holds one). */
function inlineScript(code) {
  const safe = code.replace(/<\/(script)/gi, '<\\/$1');
  if (safe.includes('<!--')) throw new Error('the verifier script holds "<!--", which an inline script cannot carry safely');
  return safe;
}

export async function buildVerifier() {
  const { build, runnerImport } = await import('vite');
  const { module: fonts } = await runnerImport(join(ROOT, 'electron/services/export/fonts.ts'), { configFile: false, logLevel: 'warn' });
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const [output] = [await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    define: { __SIGNET_FONT_SLICES__: JSON.stringify(fonts.slicesByDigest()) },
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      modulePreload: false,
      reportCompressedSize: false,
      rollupOptions: { input: join(ROOT, 'renderer/verifier/main.ts'), output: { format: 'es', codeSplitting: false } },
    },
  })].flat();
  const chunks = output.output.filter((o) => o.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`the verifier built into ${chunks.length} scripts, not one`);
  const script = inlineScript(chunks[0].code);
  const style = readFileSync(join(ROOT, 'renderer/verifier/verifier.css'), 'utf8');
  const csp = [`default-src 'none'`, `script-src ${hash(script)}`, `style-src ${hash(style)}`, `img-src data:`, `font-src data:`, `connect-src 'none'`, `worker-src 'none'`, `form-action 'none'`, `base-uri 'none'`, `object-src 'none'`].join('; ');
  const values = { CSP: csp, VERSION: version, STYLE: style, SCRIPT: script };
  const page = readFileSync(join(ROOT, 'renderer/verifier/template.html'), 'utf8').replace(/%(CSP|VERSION|STYLE|SCRIPT)%/g, (_, name) => values[name]);
  mkdirSync(dirname(VERIFIER_OUT), { recursive: true });
  writeFileSync(`${VERIFIER_OUT}.tmp`, page);
  renameSync(`${VERIFIER_OUT}.tmp`, VERIFIER_OUT);
  return { path: VERIFIER_OUT, bytes: Buffer.byteLength(page) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { path, bytes } = await buildVerifier();
  console.log(`built ${path} (${(bytes / 1024).toFixed(0)} KB)`);
}
