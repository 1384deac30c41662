import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
// @ts-expect-error: a plain ES module, run by Node; it has no type declarations.
import { buildVerifier } from './scripts/build-verifier.mjs';

// Three builds: the main process (plus the plain-Node `signet` command line tool, which shares
// its services), the sandboxed preload, and the React renderer; after the renderer, the verifier
// page (one self-contained file, scripts/build-verifier.mjs).
export default defineConfig({
  main: {
    build: {
      // The live server's packages are devDependencies, which would be bundled: sqlite3 is native and
      // cannot be. Only `signet serve` loads them, from node_modules (electron/cli/serve.ts).
      externalizeDeps: { include: ['@hocuspocus/server', '@hocuspocus/extension-database', '@hocuspocus/extension-sqlite', 'sqlite3'] },
      outDir: 'out/main',
      rollupOptions: {
        input: {
          main: resolve(import.meta.dirname, 'electron/app/main.ts'),
          cli: resolve(import.meta.dirname, 'electron/cli/signet.ts'),
          services: resolve(import.meta.dirname, 'electron/services/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle everything it uses.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(import.meta.dirname, 'electron/app/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react(), { name: 'signet-verifier-page', apply: 'build', closeBundle: async () => void (await buildVerifier()) }],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified; minified, the bundle is about half the
      // bytes for the window to read and compile at every start. No source maps are shipped.
      minify: true,
      rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
