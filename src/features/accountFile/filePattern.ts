/**
 * What the account file's commands (commands.ts) and the editor
 * side (files.ts) share: which files are desired-state
 * files, the plan view's address, and how a plan is shown on its file.
 */
import * as vscode from 'vscode';
import type { Plan } from './core';

export const DESIRED_FILE_PATTERN = /\.cln\.json$/i;
export const PLAN_SCHEME = 'cln-plan';

export function isDesiredFile(document: vscode.TextDocument): boolean {
  return DESIRED_FILE_PATTERN.test(document.uri.path);
}

/** The read-only plan view of a desired-state file. */
export function planUri(source: vscode.Uri): vscode.Uri {
  const name = source.path.split('/').pop() ?? 'account.cln.json';
  return vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${name}.plan`, query: source.toString() });
}

export interface ShownPlan {
  plan: Plan;
  version: number;
  made: Date;
}

/** Shows plans on their files (Problems, CodeLens, decorations, plan view) and remembers the last one. */
export interface PlanDisplay {
  /** The last plan of this document, when the document has not changed since. */
  currentPlan(document: vscode.TextDocument): ShownPlan | undefined;
  show(document: vscode.TextDocument, plan: Plan): void;
}
