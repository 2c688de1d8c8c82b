// ESLint (flat config) with typescript-eslint. Besides the usual checks it holds the layering
// of src/ (docs/ARCHITECTURE.md); test/unit/lint.test.ts plants violations and sees each rule fire.
// Style is Prettier's business (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layers, { PAGE_GLOBS, VSCODE_FREE_GLOBS } from './scripts/eslint/layers.mjs';
import l10n from './scripts/eslint/l10n.mjs';

// "No hard-coded user-visible string" (scripts/eslint/l10n.mjs) holds in these folders of src/.
// It grew folder by folder as they were converted to l10n.t; now it is all of src/ (a folder added
// later is covered too).
// src/sim is left out on purpose: the simulator plays CLN, whose answers are CLN's text, not ours.
const TRANSLATED = ['src'];

const noVscode = {
  paths: [{ name: 'vscode', message: 'This folder is vscode-free (docs/ARCHITECTURE.md): keep VS Code in the adapters.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '**/*.vsix', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        fetch: 'readonly',
        globalThis: 'readonly',
        queueMicrotask: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        Headers: 'readonly',
      },
    },
    plugins: { layers, l10n },
    rules: {
      // The codebase's habits, kept: `!` after a check the compiler cannot follow, `any` at JSON edges.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Unused names are the compiler's job (noUnusedLocals / noUnusedParameters).
      '@typescript-eslint/no-unused-vars': 'off',
      // The simulator bundle is loaded with require() on first use (a separate esbuild entry).
      '@typescript-eslint/no-require-imports': 'off',
      // validate.ts rejects control characters on purpose.
      'no-control-regex': 'off',
      // A harmless habit here: `let x = 0` before a try that sets it.
      'no-useless-assignment': 'off',
      'layers/boundaries': 'error',
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  // Type-aware rules (typescript-eslint's type-checked rules, through the TypeScript project service):
  // a promise nobody awaits or handles, a promise where a void callback is expected, `await` on a
  // value that is not a promise. A deliberate fire-and-forget is written `void promise` with its reason.
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['src/features/*/page/**', 'src/ui/page/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // `void` only where it discards a promise (or another value): never on what returns nothing.
      '@typescript-eslint/no-meaningless-void-operator': 'error',
    },
  },
  {
    // The webview pages have a project of their own (tsconfig.webview.json).
    files: ['src/features/*/page/**/*.ts', 'src/ui/page/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.webview.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['test/**'],
    // Tests plant odd values on purpose (a number beyond 2^53, comma expressions in a CSV reader).
    rules: { 'no-loss-of-precision': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['test/**/*.mjs', 'test/**/*.js'],
    languageOptions: {
      globals: { describe: 'readonly', it: 'readonly', before: 'readonly', after: 'readonly', beforeEach: 'readonly', afterEach: 'readonly', document: 'readonly', window: 'readonly' },
    },
  },
  {
    files: VSCODE_FREE_GLOBS,
    rules: { 'no-restricted-imports': ['error', noVscode] },
  },
  ...TRANSLATED.map((folder) => ({
    files: [`${folder}/**/*.ts`],
    ignores: ['src/sim/**', ...PAGE_GLOBS],
    rules: { 'l10n/no-hardcoded-text': 'error' },
  })),
  // The account file's plan reports through its sink: sink.problem(entry, message), sink.status(entry, state, text).
  { files: ['src/features/accountFile/core/**/*.ts'], rules: { 'l10n/no-hardcoded-text': ['error', { calls: { problem: { args: [1] }, status: { args: [2] } } }] } },
  // Webview pages show only the strings the extension sends them.
  { files: PAGE_GLOBS, rules: { 'l10n/no-hardcoded-text': ['error', { page: true }] } },
  {
    files: PAGE_GLOBS,
    languageOptions: { globals: { window: 'readonly', document: 'readonly', acquireVsCodeApi: 'readonly', HTMLElement: 'readonly' } },
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Webview code runs in the webview, not the extension host.' }] }] },
  },
);
