import * as vscode from 'vscode';
import { ConfirmOptions, NoticeLevel, Prompter, UserCancelledError } from './prompter';

/** The Prompter users meet: QuickPicks, InputBoxes and modal warnings. */
export class VsCodePrompter implements Prompter {
  async pick<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions & { title: string }): Promise<T> {
    const list: Promise<T[]> = Promise.resolve(items).then((all) => [...all]);
    const picked = await vscode.window.showQuickPick<T>(list, { ...options, canPickMany: false, ignoreFocusOut: true });
    if (!picked) throw new UserCancelledError();
    return picked;
  }

  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[] | Promise<readonly T[]>, options: vscode.QuickPickOptions & { title: string }): Promise<T[]> {
    const list: Promise<T[]> = Promise.resolve(items).then((all) => [...all]);
    const picked = await vscode.window.showQuickPick<T>(list, { ...options, canPickMany: true, ignoreFocusOut: true });
    if (!picked || picked.length === 0) throw new UserCancelledError();
    return picked;
  }

  pickAsTheyArrive<T extends vscode.QuickPickItem>(options: vscode.QuickPickOptions & { title: string }, fill: (add: (items: readonly T[]) => void, signal: AbortSignal) => Promise<void>): Promise<T> {
    const pick = vscode.window.createQuickPick<T>();
    const abort = new AbortController();
    pick.title = options.title;
    pick.placeholder = options.placeHolder;
    pick.matchOnDescription = options.matchOnDescription ?? true;
    pick.matchOnDetail = options.matchOnDetail ?? true;
    pick.ignoreFocusOut = true;
    pick.busy = true;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        abort.abort();
        outcome();
        pick.dispose();
      };
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
        if (chosen) finish(() => resolve(chosen));
      });
      pick.onDidHide(() => finish(() => reject(new UserCancelledError())));
      pick.show();
      fill((items) => {
        if (settled || items.length === 0) return;
        // Appending keeps the row the user moved to.
        const active = pick.activeItems;
        pick.items = [...pick.items, ...items];
        pick.activeItems = active.length > 0 ? active : [pick.items[0]];
      }, abort.signal).then(
        () => {
          pick.busy = false;
          if (pick.items.length === 0) pick.placeholder = vscode.l10n.t('Nothing found');
        },
        (error: unknown) => {
          pick.busy = false;
          if (!abort.signal.aborted) finish(() => reject(error));
        },
      );
    });
  }

  async input(options: vscode.InputBoxOptions & { title: string }): Promise<string> {
    const value = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
    if (value === undefined) throw new UserCancelledError();
    return value;
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    const buttons = options.also ? [options.action, options.also.label] : [options.action];
    const choice = await vscode.window.showWarningMessage(options.message, { modal: true, detail: options.detail }, ...buttons);
    if (options.also && choice === options.also.label) await options.also.run();
    return choice === options.action;
  }

  async saveAs(options: vscode.SaveDialogOptions & { title: string; defaultUri: vscode.Uri }): Promise<vscode.Uri> {
    const target = await vscode.window.showSaveDialog(options);
    if (!target) throw new UserCancelledError();
    return target;
  }

  async openFile(options: Omit<vscode.OpenDialogOptions, 'canSelectMany'> & { title: string }): Promise<vscode.Uri> {
    const [chosen] = (await vscode.window.showOpenDialog({ ...options, canSelectMany: false, canSelectFolders: false, canSelectFiles: true })) ?? [];
    if (!chosen) throw new UserCancelledError();
    return chosen;
  }

  async notify(level: NoticeLevel, message: string, ...actions: string[]): Promise<string | undefined> {
    const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return show(message, ...actions);
  }
}
