import * as vscode from 'vscode';
import { ClnAuthError } from '../cln/errors';
import type { AccountService } from '../services/accountService';
import type { CommandContext } from './registerCommand';

/** The account to act on; a signed-out user gets the "Sign In" action instead of a request. */
export function requireAccount(context: CommandContext): AccountService {
  const account = context.session.account;
  if (!account) throw new ClnAuthError(vscode.l10n.t('Sign in to CLN (or explore the demo data) to use this command.'));
  return account;
}
