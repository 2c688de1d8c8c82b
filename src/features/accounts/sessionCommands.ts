/**
 * The handlers of Sign In, Sign Out, Switch Account… and Explore Demo Data. `signedOutNotice.ts`
 * shows the notice when CLN ends a session.
 */
import * as vscode from 'vscode';
import { checkIdentifier } from '../../cln/validate';
import { askChecked } from '../../ui/inputs';
import { tell } from '../../ui/notify';
import { withProgress } from '../../ui/progress';
import type { CommandContext } from '../../ui/registerCommand';

/**
 * Asks the login, then the secret key; stores them only after CLN accepted them, and makes that
 * account the active one (the other accounts stay signed in). Returns the login signed in to
 * (the Accounts menu's sign-in waits for it). `'another'`: a new account, so no login is proposed.
 */
export async function signIn(context: CommandContext, mode?: unknown): Promise<string> {
  const { prompter } = context.ui;
  const current = context.session.state;
  const login = await askChecked(
    prompter,
    {
      title: vscode.l10n.t('Sign In to CloudLinux Network (1/2)'),
      prompt: vscode.l10n.t('Your CLN login, as on cln.cloudlinux.com'),
      value: current.kind === 'signedIn' && mode !== 'another' ? current.login : undefined,
    },
    (text) => checkIdentifier(text, vscode.l10n.t('CLN login')),
  );
  const secretKey = await askChecked(
    prompter,
    {
      title: vscode.l10n.t('Sign In to CloudLinux Network (2/2)'),
      prompt: vscode.l10n.t("The API secret key of {0} (CLN → Profile → Secret key). It is kept in VS Code's secret storage only.", login),
      password: true,
    },
    (text) => checkIdentifier(text, vscode.l10n.t('secret key')),
  );
  await withProgress(vscode.l10n.t('Signing in to CLN as {0}…', login), (signal) => context.session.signIn(login, secretKey, signal));
  const others = context.session.accounts.filter((other) => other !== login);
  if (others.length === 0) tell(context, 'info', vscode.l10n.t('Signed in to CLN as {0}.', login));
  else
    tell(
      context,
      'info',
      vscode.l10n.t('Signed in to CLN as {0}; it is now the active account. {1} stay signed in: switch with "CLN: Switch Account…" or the account item in the status bar.', login, others.join(', ')),
    );
  return login;
}

/**
 * Signs out of one account: the one given (the Accounts menu, a script), else the only one, else
 * the one the user picks. Its secret key and API token are deleted; the other accounts stay.
 * In the demo, leaves the demo for the active account.
 */
export async function signOut(context: CommandContext, which?: unknown): Promise<void> {
  const { session } = context;
  const state = session.state;
  if (state.kind === 'demo' && typeof which !== 'string') {
    await session.leaveDemo();
    const back = session.state;
    tell(context, 'info', back.kind === 'signedIn' ? vscode.l10n.t('Left the CLN demo account; back to {0}.', back.login) : vscode.l10n.t('Left the CLN demo account.'));
    return;
  }
  const accounts = session.accounts;
  let login = typeof which === 'string' ? which : undefined;
  // Several accounts, or signed out (CLN rejected the active one) with others left: ask which.
  if (login === undefined && (accounts.length > 1 || (state.kind !== 'signedIn' && accounts.length > 0))) {
    const active = state.kind === 'signedIn' ? state.login : undefined;
    const ordered = [...accounts].sort((a, b) => Number(b === active) - Number(a === active));
    const picked = await context.ui.prompter.pick(
      ordered.map((account) => ({ label: `$(account) ${account}`, description: account === active ? vscode.l10n.t('active') : undefined, login: account })),
      { title: vscode.l10n.t('Sign Out of a CLN Account'), placeHolder: vscode.l10n.t('Which account? Its secret key is removed from VS Code; the others stay signed in.') },
    );
    login = picked.login;
  }
  login ??= state.kind === 'signedIn' ? state.login : undefined;
  if (login === undefined || !accounts.includes(login)) {
    tell(context, 'info', login === undefined ? vscode.l10n.t('You are not signed in to CLN.') : vscode.l10n.t('You are not signed in to CLN as {0}.', login));
    return;
  }
  await session.signOut(login);
  const now = session.state;
  const removed = vscode.l10n.t("Signed out of CLN. The secret key of {0} was removed from VS Code's secret storage.", login);
  tell(context, 'info', now.kind === 'signedIn' && now.login !== login && state.kind === 'signedIn' && state.login === login ? `${removed} ${vscode.l10n.t('Now showing {0}.', now.login)}` : removed);
}

/** Leave Demo Data (Sign Out in the demo): back to the active account, or signed out. Outside the demo it changes nothing. */
export async function leaveDemo(context: CommandContext): Promise<void> {
  if (context.session.state.kind !== 'demo') {
    tell(context, 'info', vscode.l10n.t('The CLN demo account is not open: there is nothing to leave.'));
    return;
  }
  await signOut(context);
}

/** Demo mode does not touch stored credentials: leaving it (or reloading) returns to the active account. */
export async function useDemoData(context: CommandContext): Promise<void> {
  await withProgress(vscode.l10n.t('Starting the CLN demo account…'), () => context.session.startDemo(), false);
  tell(context, 'info', vscode.l10n.t('Exploring demo data: a simulated CLN account running on this computer. Nothing is sent to CloudLinux.'));
}

interface AccountPick extends vscode.QuickPickItem {
  choice: 'account' | 'demo' | 'signIn';
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
  if (typeof which === 'string') choice = { label: which, choice: 'account', login: which };
  else {
    const active = state.kind === 'signedIn' ? state.login : undefined;
    const items: AccountPick[] = [
      ...session.accounts.map((login): AccountPick => ({ label: `$(account) ${login}`, description: login === active ? vscode.l10n.t('active') : undefined, choice: 'account', login })),
      {
        label: `$(beaker) ${vscode.l10n.t('Demo')}`,
        description: state.kind === 'demo' ? vscode.l10n.t('active') : vscode.l10n.t('Explore Demo Data: a simulated account on this computer'),
        choice: 'demo',
      },
      { label: `$(add) ${vscode.l10n.t('Sign In to Another Account…')}`, choice: 'signIn' },
    ];
    choice = await context.ui.prompter.pick(items, { title: vscode.l10n.t('Switch CLN Account'), placeHolder: vscode.l10n.t('The views, reports and status bar show the account you pick') });
  }
  if (choice.choice === 'signIn') {
    await vscode.commands.executeCommand('cln.signIn', 'another');
    return;
  }
  if (choice.choice === 'demo') {
    if (state.kind !== 'demo') await useDemoData(context);
    return;
  }
  const login = choice.login!;
  if (!session.accounts.includes(login)) {
    tell(context, 'warning', vscode.l10n.t('You are not signed in to CLN as {0}. Sign in to add that account.', login), {
      [vscode.l10n.t('Sign In')]: () => vscode.commands.executeCommand('cln.signIn', 'another'),
    });
    return;
  }
  if (state.kind === 'signedIn' && state.login === login) return;
  await session.switchTo(login);
  tell(context, 'info', vscode.l10n.t('Now showing CLN account {0}.', login));
}
