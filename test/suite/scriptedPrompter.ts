/**
 * A Prompter for extension-host tests: each question takes the next scripted
 * answer. Inputs run the command's own `validateInput`, so a test can assert
 * that bad input is refused before any request, exactly as a user would see.
 */
import type * as vscode from 'vscode';
import type { ConfirmOptions, NoticeLevel, Prompter } from '../../src/ui/prompter';
import { UserCancelledError } from '../../src/ui/prompter';

export type Answer =
  | { input: string }
  | { pick: string | RegExp }
  | { pickMany: (string | RegExp)[] }
  | { confirm: boolean }
  /** A confirmation's other button (ConfirmOptions.also), by its label: it runs, and nothing goes ahead. */
  | { choose: string }
  /** The save dialog's answer: a file path. */
  | { save: string }
  /** The open dialog's answer: a file path. */
  | { open: string }
  | { cancel: true };

export interface Asked {
  type: 'input' | 'pick' | 'pickMany' | 'confirm' | 'save' | 'open';
  title: string;
  /** For picks: the labels offered; for save dialogs: the file suggested; for confirms: the buttons. */
  offered?: string[];
  /** For picks: each item's description (e.g. "active"). */
  descriptions?: (string | undefined)[];
  message?: string;
  detail?: string;
  /** The validation message shown for the scripted input, if it was refused. */
  validation?: string;
  /** A non-blocking (Info/Warning) validation message shown for the scripted input. */
  warning?: string;
}

export class ScriptedPrompter implements Prompter {
  readonly asked: Asked[] = [];
  readonly notices: { level: NoticeLevel; message: string; actions: string[] }[] = [];
  private readonly answers: Answer[];

  constructor(
    answers: Answer[],
    private readonly noticeReplies: Record<string, string> = {},
  ) {
    this.answers = [...answers];
  }

  get remaining(): number {
    return this.answers.length;
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions & { title: string }): Promise<T> {
    const list = await items;
    this.asked.push({ type: 'pick', title: options.title, offered: list.map((i) => i.label), descriptions: list.map((i) => i.description) });
    const answer = this.next('pick', options.title);
    if (!('pick' in answer)) throw new Error(`"${options.title}" asked for a pick, the script has ${JSON.stringify(answer)}`);
    return findItem(list, answer.pick, options.title);
  }

  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions & { title: string }): Promise<T[]> {
    const list = await items;
    this.asked.push({ type: 'pickMany', title: options.title, offered: list.map((i) => i.label) });
    const answer = this.next('pickMany', options.title);
    if (!('pickMany' in answer)) throw new Error(`"${options.title}" asked for several picks, the script has ${JSON.stringify(answer)}`);
    return answer.pickMany.map((wanted) => findItem(list, wanted, options.title));
  }

  /**
   * Takes the scripted pick as soon as an item matching it arrives (a user
   * picking the first fitting result), which stops `fill`; records when.
   */
  async pickAsTheyArrive<T extends vscode.QuickPickItem>(
    options: vscode.QuickPickOptions & { title: string },
    fill: (add: (items: readonly T[]) => void, signal: AbortSignal) => Promise<void>,
  ): Promise<T> {
    const asked: Asked = { type: 'pick', title: options.title, offered: [] };
    this.asked.push(asked);
    const answer = this.next('pick', options.title);
    if (!('pick' in answer)) throw new Error(`"${options.title}" asked for a pick, the script has ${JSON.stringify(answer)}`);
    const wanted = answer.pick;
    const abort = new AbortController();
    return new Promise<T>((resolve, reject) => {
      fill((items) => {
        if (abort.signal.aborted) return;
        asked.offered!.push(...items.map((i) => i.label));
        const found = items.find((item) => (typeof wanted === 'string' ? item.label === wanted : wanted.test(item.label)));
        if (found) {
          abort.abort();
          resolve(found);
        }
      }, abort.signal).then(
        () => {
          if (!abort.signal.aborted) reject(new Error(`"${options.title}" offered no item ${wanted}; it offered: ${asked.offered!.join(' | ')}`));
        },
        (error: unknown) => {
          if (!abort.signal.aborted) reject(error);
        },
      );
    });
  }

  async input(options: vscode.InputBoxOptions & { title: string }): Promise<string> {
    const asked: Asked = { type: 'input', title: options.title };
    this.asked.push(asked);
    const answer = this.next('input', options.title);
    if (!('input' in answer)) throw new Error(`"${options.title}" asked for input, the script has ${JSON.stringify(answer)}`);
    const verdict = await options.validateInput?.(answer.input);
    // Info and Warning messages (severity 1, 2) are shown but do not stop a user submitting; Error (3) does.
    const blocking = typeof verdict === 'string' || (verdict != null && verdict.severity === 3);
    const problem = typeof verdict === 'string' ? verdict : verdict?.message;
    if (problem && !blocking) asked.warning = problem;
    if (problem && blocking) {
      // A user cannot submit a refused value: record what they saw and give up as they would.
      asked.validation = problem;
      throw new UserCancelledError();
    }
    return answer.input;
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    this.asked.push({ type: 'confirm', title: options.message, message: options.message, detail: options.detail, offered: [options.action, ...(options.also ? [options.also.label] : [])] });
    const answer = this.next('confirm', options.message);
    if ('choose' in answer) {
      if (answer.choose !== options.also?.label)
        throw new Error(`"${options.message}" offers no button "${answer.choose}"; it offers: ${[options.action, options.also?.label].filter(Boolean).join(' | ')}`);
      await options.also.run();
      return false;
    }
    if (!('confirm' in answer)) throw new Error(`"${options.message}" asked to confirm, the script has ${JSON.stringify(answer)}`);
    return answer.confirm;
  }

  async saveAs(options: vscode.SaveDialogOptions & { title: string; defaultUri: vscode.Uri }): Promise<vscode.Uri> {
    this.asked.push({ type: 'save', title: options.title, offered: [options.defaultUri.fsPath] });
    const answer = this.next('save', options.title);
    if (!('save' in answer)) throw new Error(`"${options.title}" asked where to save, the script has ${JSON.stringify(answer)}`);
    return options.defaultUri.with({ scheme: 'file', path: answer.save });
  }

  async openFile(options: Omit<vscode.OpenDialogOptions, 'canSelectMany'> & { title: string }): Promise<vscode.Uri> {
    this.asked.push({ type: 'open', title: options.title });
    const answer = this.next('open', options.title);
    if (!('open' in answer)) throw new Error(`"${options.title}" asked for a file, the script has ${JSON.stringify(answer)}`);
    return (await import('vscode')).Uri.file(answer.open);
  }

  async notify(level: NoticeLevel, message: string, ...actions: string[]): Promise<string | undefined> {
    this.notices.push({ level, message, actions });
    const reply = Object.entries(this.noticeReplies).find(([pattern]) => message.includes(pattern));
    return reply && actions.includes(reply[1]) ? reply[1] : undefined;
  }

  private next(type: string, title: string): Answer {
    const answer = this.answers.shift();
    if (!answer) throw new Error(`Unscripted ${type}: "${title}"`);
    if ('cancel' in answer) throw new UserCancelledError();
    return answer;
  }
}

function findItem<T extends vscode.QuickPickItem>(list: readonly T[], wanted: string | RegExp, title: string): T {
  const found = list.find((item) => (typeof wanted === 'string' ? item.label === wanted : wanted.test(item.label)));
  if (!found) throw new Error(`"${title}" offers no item ${wanted}; it offers: ${list.map((i) => i.label).join(' | ')}`);
  return found;
}
