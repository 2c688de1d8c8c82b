/** The notice when CLN ends the session. */
import * as vscode from 'vscode';
import { tell } from '../../ui/notify';
import type { CommandContext } from '../../ui/registerCommand';

export function showSignedOutNotice(context: CommandContext): vscode.Disposable {
  const ended = context.session.onDidChange((state) => {
    if (state.kind !== 'signedOut' || !state.reason) return;
    const others = context.session.accounts.length > 0;
    tell(context, 'warning', vscode.l10n.t('Signed out of CLN: {0}', state.reason), {
      [vscode.l10n.t('Sign In')]: () => vscode.commands.executeCommand('cln.signIn'),
      ...(others ? { [vscode.l10n.t('Switch Account')]: () => vscode.commands.executeCommand('cln.switchAccount') } : {}),
    });
  });
  return ended;
}
