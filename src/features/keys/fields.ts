/** The questions shared by creating and updating keys: the server limit and the note. */
import * as vscode from 'vscode';
import { checkLimit, checkNote, MAX_KCARE_NOTE } from '../../cln/validate';
import { askChecked, askNumber } from '../../ui/inputs';
import type { KeyFamily } from '../../explorer/loaders';
import type { Prompter } from '../../ui/prompter';

export function askLimit(prompter: Prompter, current?: number): Promise<number> {
  return askNumber(prompter, { title: vscode.l10n.t('Server limit'), prompt: vscode.l10n.t('How many servers may use the key; 0 means unlimited.'), value: String(current ?? 1) }, checkLimit);
}

/** Empty means no note. KernelCare keeps at most 100 characters; the other products set no limit. */
export function askNote(prompter: Prompter, family: KeyFamily, current?: string | null): Promise<string> {
  return askChecked(
    prompter,
    { title: vscode.l10n.t('Note (optional)'), prompt: vscode.l10n.t('A note to recognize the key by, e.g. the customer. Leave empty for none.'), value: current ?? '' },
    (value) => (family === 'kcare' ? checkNote(value, MAX_KCARE_NOTE) : undefined),
  );
}

export function describeLimit(limit: number): string {
  return limit === 0 ? vscode.l10n.t('unlimited servers') : vscode.l10n.t('limit {0}', limit);
}
