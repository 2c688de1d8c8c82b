import * as vscode from 'vscode';
import type { Feature } from '../../ui/feature';
import type { CommandContext } from '../../ui/registerCommand';
import { invoke, prepare } from './tools';

/** The tools contributed in package.json (`contributes.languageModelTools`); the same names, in the same order. */
export const TOOL_NAMES = ['cln_accountSummary', 'cln_lookup', 'cln_unusedLicenses', 'cln_awpMonth', 'cln_registerIpLicense', 'cln_removeIpLicense', 'cln_removeServer'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** Registers the language-model tools (chat agents call them); nothing is read until one is called. */
function registerLanguageModelTools(context: CommandContext): vscode.Disposable[] {
  // A VS Code without the language-model API (or with chat turned off) simply has no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return [];
  return TOOL_NAMES.map((name) =>
    vscode.lm.registerTool<Record<string, unknown>>(name, {
      prepareInvocation: (options) => prepare(name, context, options),
      invoke: (options, token) => invoke(name, context, options, token),
    }),
  );
}

export const chat: Feature = ({ context }) => ({ disposables: registerLanguageModelTools(context) });
