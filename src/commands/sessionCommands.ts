/** Sign In, Sign Out, Switch Account and Explore Demo Data, and the notice when CLN ends the session. */
import * as vscode from 'vscode';
import { checkIdentifier } from '../cln/validate';
import { askChecked } from './common/inputs';
import { tell } from './common/notify';
import { withProgress } from './common/progress';
import { CommandContext, registerClnCommand } from '../ui/registerCommand';

export function registerSessionCommands(context: CommandContext): vscode.Disposable[] {
  const ended = context.session.onDidChange((state) => {
    if (state.kind !== 'signedOut' || !state.reason) return;
    const others = context.session.accounts.length > 0;
    tell(context, 'warning', vscode.l10n.t('Signed out of CLN: {0}', state.reason), {
      [vscode.l10n.t('Sign In')]: () => vscode.commands.executeCommand('cln.signIn'),
      ...(others ? { [vscode.l10n.t('Switch Account')]: () => vscode.commands.executeCommand('cln.switchAccount') } : {}),
    });
  });
  return [
    registerClnCommand('cln.signIn', signIn, context),
    registerClnCommand('cln.signOut', signOut, context),
    registerClnCommand('cln.useDemoData', useDemoData, context),
    { dispose: () => ended.dispose() },
  ];
}

/**
 * Asks the login, then the secret key; stores them only after CLN accepted them, and makes that
 * account the active one (the other accounts stay signed in). Returns the login signed in to
 * (the Accounts menu's sign-in waits for it). `'another'`: a new account, so no login is proposed.
 */
async function signIn(context: CommandContext, mode?: unknown): Promise<string> {
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
  else tell(context, 'info', vscode.l10n.t('Signed in to CLN as {0}; it is now the active account. {1} stay signed in: switch with "CLN: Switch Account…" or the account item in the status bar.', login, others.join(', ')));
  return login;
}

/**
 * Signs out of one account: the one given (the Accounts menu, a script), else the only one, else
 * the one the user picks. Its secret key and API token are deleted; the other accounts stay.
 * In the demo, leaves the demo for the active account.
 */
async function signOut(context: CommandContext, which?: unknown): Promise<void> {
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

/** Demo mode does not touch stored credentials: leaving it (or reloading) returns to the active account. */
export async function useDemoData(context: CommandContext): Promise<void> {
  await withProgress(vscode.l10n.t('Starting the CLN demo account…'), () => context.session.startDemo(), false);
  tell(context, 'info', vscode.l10n.t('Exploring demo data: a simulated CLN account running on this computer. Nothing is sent to CloudLinux.'));
}
