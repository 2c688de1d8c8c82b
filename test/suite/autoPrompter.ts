/**
 * A Prompter that answers every question so a command goes as far as it can:
 * the first item of a pick, the first candidate an input's own validateInput
 * accepts, "yes" to confirmations. Records everything it was shown — prompts,
 * offered items, validation messages, notices — as text a user could see.
 */
import type * as vscode from 'vscode';
import type { ConfirmOptions, NoticeLevel, Prompter } from '../../src/ui/prompter';
import { UserCancelledError } from '../../src/ui/prompter';

/** Plausible answers for the explorer's inputs (IPs, limits, notes, CIDRs, months, names). */
const CANDIDATES = ['198.51.100.123', '10', '20', '5', 'security test note', 'AbCdEf0123456789Gh', '10.20.0.0/16', '2025-06', 'sec-group', '198.51.100.124'];

export class AutoPrompter implements Prompter {
  /** Every string shown to the "user", in order. */
  readonly shown: string[] = [];
  readonly notices: { level: NoticeLevel; message: string }[] = [];

  /** How often each pick's title was asked in this command: one that asks again until Escape (Set License Prices…) gets Escape the third time. */
  private readonly asked = new Map<string, number>();

  /** A new command starts: its questions are counted afresh. */
  startCommand(): void {
    this.asked.clear();
  }

  /** `saveDir`: where save dialogs put their files (under the name suggested). */
  constructor(private readonly saveDir?: string) {}

  async pick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions & { title: string }): Promise<T> {
    const list = choosable(await items);
    this.show(options.title, options.placeHolder, ...list.flatMap(describe));
    const times = (this.asked.get(options.title) ?? 0) + 1;
    this.asked.set(options.title, times);
    if (list.length === 0 || times > 2) throw new UserCancelledError();
    return list[0];
  }

  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions & { title: string }): Promise<T[]> {
    const list = choosable(await items);
    this.show(options.title, options.placeHolder, ...list.flatMap(describe));
    if (list.length === 0) throw new UserCancelledError();
    return list.slice(0, 2);
  }

  /** Waits for the whole list, then takes its first item. */
  async pickAsTheyArrive<T extends vscode.QuickPickItem>(
    options: vscode.QuickPickOptions & { title: string },
    fill: (add: (items: readonly T[]) => void, signal: AbortSignal) => Promise<void>,
  ): Promise<T> {
    const list: T[] = [];
    await fill((items) => list.push(...items), new AbortController().signal);
    return this.pick(list, options);
  }

  async input(options: vscode.InputBoxOptions & { title: string }): Promise<string> {
    this.show(options.title, options.prompt, options.placeHolder, options.value);
    for (const candidate of [options.value, ...CANDIDATES]) {
      if (candidate === undefined) continue;
      const verdict = await options.validateInput?.(candidate);
      const problem = typeof verdict === 'string' ? verdict : verdict?.message;
      this.show(problem ?? undefined);
      // Info and Warning (severity 1, 2) let a user submit; Error (3) or a plain string does not.
      if (!problem || (typeof verdict === 'object' && verdict && verdict.severity !== 3)) return candidate;
    }
    throw new UserCancelledError();
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    this.show(options.message, options.detail, options.action);
    return true;
  }

  async saveAs(options: vscode.SaveDialogOptions & { title: string; defaultUri: vscode.Uri }): Promise<vscode.Uri> {
    this.show(options.title, options.saveLabel, options.defaultUri.fsPath);
    if (!this.saveDir) throw new UserCancelledError();
    return options.defaultUri.with({ scheme: 'file', path: `${this.saveDir}/${options.defaultUri.path.split('/').pop()}` });
  }

  async openFile(options: Omit<vscode.OpenDialogOptions, 'canSelectMany'> & { title: string }): Promise<vscode.Uri> {
    this.show(options.title, options.openLabel, '');
    throw new UserCancelledError();
  }

  async notify(level: NoticeLevel, message: string, ...actions: string[]): Promise<string | undefined> {
    this.notices.push({ level, message });
    this.show(message, ...actions);
    return undefined;
  }

  private show(...texts: (string | undefined | null)[]): void {
    for (const text of texts) if (text) this.shown.push(text);
  }
}

/** Separators (QuickPickItemKind.Separator = -1) cannot be picked. */
function choosable<T extends vscode.QuickPickItem>(items: readonly T[]): T[] {
  return items.filter((item) => item.kind !== -1);
}

function describe(item: vscode.QuickPickItem): string[] {
  return [item.label, item.description, item.detail].filter((t): t is string => typeof t === 'string');
}
