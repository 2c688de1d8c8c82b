/**
 * "CLN: Switch Account…" (views' title, the status bar's account item, the palette). In the lazily
 * loaded account-commands bundle: it is not needed at activation.
 */
import * as vscode from 'vscode';
import { tell } from './common/notify';
import { useDemoData } from './sessionCommands';
import type { CommandContext } from '../ui/registerCommand';

interface AccountPick extends vscode.QuickPickItem {
  action: 'account' | 'demo' | 'signIn';
  login?: string;
}

/**
 * "CLN: Switch Account…": every signed-in account (which one is active), the demo, and signing in
 * to another account. With a login as argument, switches to it without asking.
 */
export async function switchAccount(context: CommandContext, which?: unknown): Promise<void> {
  const { session } = context;
  const state = session.state;
  let choice: AccountPick | undefined;
  if (typeof which === 'string') choice = { label: which, action: 'account', login: which };
  else {
    const active = state.kind === 'signedIn' ? state.login : undefined;
    const items: AccountPick[] = [
      ...session.accounts.map((login): AccountPick => ({ label: `$(account) ${login}`, description: login === active ? vscode.l10n.t('active') : undefined, action: 'account', login })),
      { label: `$(beaker) ${vscode.l10n.t('Demo')}`, description: state.kind === 'demo' ? vscode.l10n.t('active') : vscode.l10n.t('Explore Demo Data: a simulated account on this computer'), action: 'demo' },
      { label: `$(add) ${vscode.l10n.t('Sign In to Another Account…')}`, action: 'signIn' },
    ];
    choice = await context.ui.prompter.pick(items, { title: vscode.l10n.t('Switch CLN Account'), placeHolder: vscode.l10n.t('The views, reports and status bar show the account you pick') });
  }
  if (choice.action === 'signIn') {
    await vscode.commands.executeCommand('cln.signIn', 'another');
    return;
  }
  if (choice.action === 'demo') {
    if (state.kind !== 'demo') await useDemoData(context);
    return;
  }
  const login = choice.login!;
  if (!session.accounts.includes(login)) {
    tell(context, 'warning', vscode.l10n.t('You are not signed in to CLN as {0}. Sign in to add that account.', login), { [vscode.l10n.t('Sign In')]: () => vscode.commands.executeCommand('cln.signIn', 'another') });
    return;
  }
  if (state.kind === 'signedIn' && state.login === login) return;
  await session.switchTo(login);
  tell(context, 'info', vscode.l10n.t('Now showing CLN account {0}.', login));
}

