import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandContext } from '../ui/registerCommand';

/** The tools contributed in package.json (`contributes.languageModelTools`); the same names, in the same order. */
export const TOOL_NAMES = ['cln_accountSummary', 'cln_lookup', 'cln_unusedLicenses', 'cln_awpMonth', 'cln_registerIpLicense', 'cln_removeIpLicense', 'cln_removeServer'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

let impl: typeof import('./lmTools') | undefined;

/** The tools' logic is dist/lmTools.js, loaded on the first tool call, not at activation. */
function load(): typeof import('./lmTools') {
  impl ??= require(path.join(__dirname, 'lmTools.js')) as typeof import('./lmTools');
  return impl;
}

/** Registers the language-model tools (chat agents call them); nothing is loaded or read until one is called. */
export function registerLanguageModelTools(context: CommandContext): vscode.Disposable[] {
  // A VS Code without the language-model API (or with chat turned off) simply has no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return [];
  return TOOL_NAMES.map((name) =>
    vscode.lm.registerTool<Record<string, unknown>>(name, {
      prepareInvocation: (options) => load().prepare(name, context, options),
      invoke: (options, token) => load().invoke(name, context, options, token),
    }),
  );
}
