/** Sign In, Sign Out and Explore Demo Data, and the notice when CLN ends the session. */
import * as vscode from 'vscode';
import { checkIdentifier } from '../cln/validate';
import { askChecked } from './common/inputs';
import { tell } from './common/notify';
import { withProgress } from './common/progress';
import { CommandContext, registerClnCommand } from '../ui/registerCommand';

export function registerSessionCommands(context: CommandContext): vscode.Disposable[] {
  const ended = context.session.onDidChange((state) => {
    if (state.kind === 'signedOut' && state.reason) tell(context, 'warning', vscode.l10n.t('Signed out of CLN: {0}', state.reason), { [vscode.l10n.t('Sign In')]: () => vscode.commands.executeCommand('cln.signIn') });
  });
  return [
    registerClnCommand('cln.signIn', signIn, context),
    registerClnCommand('cln.signOut', signOut, context),
    registerClnCommand('cln.useDemoData', useDemoData, context),
    { dispose: () => ended.dispose() },
  ];
}

/** Asks the login, then the secret key; stores them only after CLN accepted them. */
async function signIn(context: CommandContext): Promise<void> {
  const { prompter } = context.ui;
  const current = context.session.state;
  const login = await askChecked(
    prompter,
    {
      title: vscode.l10n.t('Sign In to CloudLinux Network (1/2)'),
      prompt: vscode.l10n.t('Your CLN login, as on cln.cloudlinux.com'),
      value: current.kind === 'signedIn' ? current.login : undefined,
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
  tell(context, 'info', vscode.l10n.t('Signed in to CLN as {0}.', login));
}

async function signOut(context: CommandContext): Promise<void> {
  const { session } = context;
  const state = session.state;
  if (state.kind === 'signedOut') {
    tell(context, 'info', vscode.l10n.t('You are not signed in to CLN.'));
    return;
  }
  await session.signOut();
  if (state.kind === 'signedIn') {
    tell(context, 'info', vscode.l10n.t("Signed out of CLN. The secret key of {0} was removed from VS Code's secret storage.", state.login));
    return;
  }
  // Leaving the demo returns to the account whose credentials are still stored, if any.
  await session.restore();
  const back = session.state;
  tell(context, 'info', back.kind === 'signedIn' ? vscode.l10n.t('Left the CLN demo account; back to {0}.', back.login) : vscode.l10n.t('Left the CLN demo account.'));
}

/** Demo mode does not touch stored credentials: leaving it (or reloading) returns to the account. */
async function useDemoData(context: CommandContext): Promise<void> {
  await withProgress(vscode.l10n.t('Starting the CLN demo account…'), () => context.session.startDemo(), false);
  tell(context, 'info', vscode.l10n.t('Exploring demo data: a simulated CLN account running on this computer. Nothing is sent to CloudLinux.'));
}
