// Builds the typing benchmark's bare editor page (tests/bench/bare) into out/bench, as a
// production bundle made the way electron.vite.config.ts makes the app's renderer (minified, no
// module preload polyfill, modern syntax left alone): `npx vite build -c tests/bench/vite.config.ts`.
// scripts/bench/typing.mjs runs it when out/bench is missing or older than its sources.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root: resolve(import.meta.dirname, 'bare'),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'out/bench'),
    emptyOutDir: true,
    target: 'esnext',
    minify: true,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
