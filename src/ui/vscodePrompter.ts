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

  async input(options: vscode.InputBoxOptions & { title: string }): Promise<string> {
    const value = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
    if (value === undefined) throw new UserCancelledError();
    return value;
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    const choice = await vscode.window.showWarningMessage(options.message, { modal: true, detail: options.detail }, options.action);
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
