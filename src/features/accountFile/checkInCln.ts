import { isIP } from 'net';
import * as vscode from 'vscode';
import { ipTypeName } from '../../cln/catalog';
import { factsFromCache } from '../../services/cachedFacts';
import { requireAccount } from '../../ui/requireAccount';
import { stop, tell } from '../../ui/notify';
import { withProgress } from '../../ui/progress';
import type { CommandContext } from '../../ui/registerCommand';

/**
 * The hover's "Check in CLN" link: one request for what CLN holds now for an IP
 * (its licenses with server details) or a key (its servers).
 */
export async function checkInCln(context: CommandContext, token?: unknown): Promise<string> {
  const account = requireAccount(context);
  if (typeof token !== 'string' || !token) throw stop(context, vscode.l10n.t('Hover over an IP address or a key to check it in CLN.'));
  let message: string;
  if (isIP(token)) {
    const licenses = await withProgress(vscode.l10n.t('Checking {0} in CLN…', token), (signal) => account.read('ipl.server', { ip: [token] }, { force: true, signal }));
    const state = (l: (typeof licenses)[number]) =>
      !l.registered
        ? vscode.l10n.t('{0} (no server yet)', ipTypeName(l.type))
        : l.lastCheckin
          ? vscode.l10n.t('{0} (in use, last check-in {1} UTC)', ipTypeName(l.type), l.lastCheckin.toISOString().slice(0, 16).replace('T', ' '))
          : vscode.l10n.t('{0} (in use)', ipTypeName(l.type));
    message = licenses.length ? vscode.l10n.t('{0}: {1}.', token, licenses.map(state).join('; ')) : vscode.l10n.t('{0} has no IP license in this account.', token);
  } else {
    const family = factsFromCache(context.session, token)?.key?.family;
    if (family === 'KernelCare') {
      const servers = await withProgress(vscode.l10n.t('Checking the key in CLN…'), (signal) => account.read('kcare.key.servers', { key: token }, { force: true, signal }));
      message = servers.length === 1 ? vscode.l10n.t('KernelCare key: 1 server registered.') : vscode.l10n.t('KernelCare key: {0} servers registered.', servers.length);
    } else if (family === 'Imunify') {
      const servers = await withProgress(vscode.l10n.t('Checking the key in CLN…'), (signal) => account.read('im.srv.list', { key: token }, { force: true, signal }));
      message = servers.length === 1 ? vscode.l10n.t('Imunify key: 1 server registered.') : vscode.l10n.t('Imunify key: {0} servers registered.', servers.length);
    } else throw stop(context, vscode.l10n.t('CLN Explorer has not read this key in this session; open it in the CLN tree first.'));
  }
  tell(context, 'info', message);
  return message;
}
