/**
 * ESLint with the project's own eslint.config.mjs, for linting planted text at paths that need not
 * exist. Type-aware rules read the TypeScript project, which knows only files on disk, so for planted
 * files (`**\/planted.ts`) the type information is turned off with them; every other rule is the
 * project's. (test/unit/lint.test.ts checks the type-aware rules at a real file's path.)
 */
import { ESLint } from 'eslint';

export const TYPE_AWARE_RULES = [
  '@typescript-eslint/no-floating-promises',
  '@typescript-eslint/no-misused-promises',
  '@typescript-eslint/await-thenable',
  '@typescript-eslint/no-meaningless-void-operator',
];

export function plantingEslint(cwd: string): ESLint {
  return new ESLint({
    cwd,
    overrideConfig: [
      {
        files: ['**/planted.ts'],
        languageOptions: { parserOptions: { projectService: false, project: null } },
        rules: Object.fromEntries(TYPE_AWARE_RULES.map((rule) => [rule, 'off'])),
      },
    ],
  });
}
