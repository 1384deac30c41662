// Lint: TypeScript rules, Electron security rules, and the import boundaries of DESIGN.md, so
// that a wrong import or a weakened window fails `npm test`.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import sdl from '@microsoft/eslint-plugin-sdl';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeModules = ['node:*', ...builtinModules.filter((m) => !m.startsWith('_'))];
const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group, message })) }],
});

const SHARED_RUNS_EVERYWHERE = ['electron', 'electron/*', ...nodeModules, 'react', 'react-dom', '**/electron/**', '**/renderer/**', '**/tests/**'];
const SHARED_MESSAGE = 'shared/ runs everywhere: no Node, Electron, React, or code from electron/, renderer/ or tests/.';

// Electron's security checklist, as syntax that must never appear.
const insecureWebPreferences = [
  ['contextIsolation', false],
  ['sandbox', false],
  ['webSecurity', false],
  ['nodeIntegration', true],
  ['nodeIntegrationInWorker', true],
  ['nodeIntegrationInSubFrames', true],
  ['allowRunningInsecureContent', true],
  ['webviewTag', true],
  ['experimentalFeatures', true],
].map(([key, value]) => ({
  selector: `Property[key.name='${key}'][value.value=${value}]`,
  message: `${key}: ${value} breaks Electron's security checklist.`,
}));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'tests/artifacts/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...insecureWebPreferences],
    },
  },
  ...sdl.configs.electron,
  {
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    plugins: { '@microsoft/sdl': sdl },
    rules: {
      '@microsoft/sdl/no-inner-html': 'error',
      '@microsoft/sdl/no-document-write': 'error',
      // XML namespaces are names, never fetched: the W3C's, and OOXML's (Word files).
      '@microsoft/sdl/no-insecure-url': ['error', { exceptions: ['^http://www\\.w3\\.org/', '^http://schemas\\.openxmlformats\\.org/', '^http://schemas\\.microsoft\\.com/office/', '^http://purl\\.oclc\\.org/ooxml/'] }],
      '@microsoft/sdl/no-postmessage-star-origin': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([SHARED_RUNS_EVERYWHERE], SHARED_MESSAGE),
  },
  {
    // A feature folder in shared/ (document, library, history, review, signoff, export) uses another only
    // through that one's index.ts, and never the IPC contract, which imports the features.
    files: ['shared/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: SHARED_RUNS_EVERYWHERE, message: SHARED_MESSAGE },
            { group: ['../*/*', '../../*/*'], message: "Use another feature through its index.ts: import from '../history', not '../history/versions'." },
            { group: ['../ipc', '../i18n'], message: 'The IPC contract and i18n import the features, not the other way round: take the type from its feature.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict(
      [['electron', 'electron/*', ...nodeModules, '**/electron/**', '**/tests/**']],
      'The renderer reaches the machine only through window.signet (shared/ipc.ts).',
    ),
  },
  {
    files: ['electron/services/**/*.ts', 'electron/cli/**/*.ts'],
    rules: restrict(
      [['electron', 'electron/*', '**/app/**', '**/renderer/**', '**/tests/**']],
      'Services and the command line tool are plain Node: no Electron, no adapters, no renderer code.',
    ),
  },
  {
    files: ['electron/app/**/*.ts'],
    rules: restrict([['**/renderer/**', '**/tests/**']], 'The main process never imports renderer or test code.'),
  },
);
