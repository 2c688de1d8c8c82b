/**
 * Every question a command asks goes through a Prompter, so the
 * extension-host tests can script each answer (and still run the same
 * `validateInput` a user would face).
 */
import type { InputBoxOptions, OpenDialogOptions, QuickPickItem, QuickPickOptions, SaveDialogOptions, Uri } from 'vscode';
import type { NoticeLevel } from '../services/wording';

export class UserCancelledError extends Error {
  constructor() {
    super('Cancelled by the user.');
    this.name = 'UserCancelledError';
  }
}

/** By name, not instanceof: test scripts throw it from their own copy of this module. */
export function isUserCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'UserCancelledError';
}

export interface ConfirmOptions {
  /** The modal's headline: "Remove KernelCare key K and its 12 servers?" */
  message: string;
  /** What will be lost, in a sentence or two. */
  detail?: string;
  /** The button that goes ahead: "Remove". */
  action: string;
  /** A second button that does not go ahead ("Show All"): runs `run`, and the confirmation resolves false. */
  also?: { label: string; run: () => unknown };
}

export interface Prompter {
  pick<T extends QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: QuickPickOptions & { title: string }): Promise<T>;
  pickMany<T extends QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: QuickPickOptions & { title: string }): Promise<T[]>;
  input(options: InputBoxOptions & { title: string }): Promise<string>;
  /**
   * A pick whose items arrive over time: `fill` adds them with `add` while
   * the pick is open (busy until `fill` settles). Resolves with the chosen
   * item; `signal` aborts `fill` once the user picks or closes it.
   */
  pickAsTheyArrive<T extends QuickPickItem>(options: QuickPickOptions & { title: string }, fill: (add: (items: readonly T[]) => void, signal: AbortSignal) => Promise<void>): Promise<T>;
  /** A modal warning; resolves true only when the user chose `action`. */
  confirm(options: ConfirmOptions): Promise<boolean>;
  /** A save dialog starting at `defaultUri`; resolves to the file chosen. */
  saveAs(options: SaveDialogOptions & { title: string; defaultUri: Uri }): Promise<Uri>;
  /** An open dialog for one file; resolves to the file chosen. */
  openFile(options: Omit<OpenDialogOptions, 'canSelectMany'> & { title: string }): Promise<Uri>;
  /** A notification; resolves to the action button chosen, if any. Does not wait when there are no actions. */
  notify(level: NoticeLevel, message: string, ...actions: string[]): Promise<string | undefined>;
}

export type { NoticeLevel };
