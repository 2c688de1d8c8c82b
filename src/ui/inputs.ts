import * as vscode from 'vscode';
import type { InputBoxOptions } from 'vscode';
import { pastedListProblem } from '../cln/limits';
import { checkIp, checkIpList, parseWholeNumber, Problem, splitList } from '../cln/validate';
import type { Prompter } from './prompter';

type AskOptions = Omit<InputBoxOptions, 'validateInput'> & { title: string };

/** An input box that refuses, as the user types, what `check` finds wrong. Returns the trimmed text. */
export async function askChecked(prompter: Prompter, options: AskOptions, check: (text: string) => Problem): Promise<string> {
  const text = await prompter.input({ ...options, validateInput: (value) => check(value.trim()) });
  return text.trim();
}

export function askIp(prompter: Prompter, options: AskOptions): Promise<string> {
  return askChecked(prompter, { placeHolder: vscode.l10n.t('e.g. 203.0.113.7 or 2001:db8::7'), ...options }, checkIp);
}

export const MAX_IPS_AT_ONCE = 100;

/** One IP, or a pasted list separated by spaces, commas, semicolons or new lines; duplicates dropped. A paste longer than MAX_PASTED_LIST_CHARS is refused before it is split. */
export async function askIps(prompter: Prompter, options: AskOptions): Promise<string[]> {
  const text = await askChecked(
    prompter,
    { placeHolder: vscode.l10n.t('e.g. 203.0.113.7 — or several: 203.0.113.7, 203.0.113.8'), ...options },
    (value) => pastedListProblem(value, MAX_IPS_AT_ONCE) ?? checkIpList(unique(splitList(value)), MAX_IPS_AT_ONCE),
  );
  return unique(splitList(text));
}

/** A whole number checked by `check` (limits, sizes, deltas). */
export async function askNumber(prompter: Prompter, options: AskOptions, check: (value: number) => Problem): Promise<number> {
  // The checks explain the expected form, so they also answer text that is not a number.
  const text = await askChecked(prompter, options, (value) => check(parseWholeNumber(value)));
  return parseWholeNumber(text);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
