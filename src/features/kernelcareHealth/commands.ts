import type { QuickPickItem } from 'vscode';
import { isClnError } from '../../cln/errors';
import type { NagiosStatus } from '../../cln/types';
import { checkApiToken } from '../../cln/validate';
import type { AccountService } from '../../services/accountService';
import type { CheckScope } from '../../services/kcareChecks';
import { requireAccount } from '../../ui/requireAccount';
import * as vscode from 'vscode';
import { loadAllServers, loadKeys } from '../../explorer/loaders';
import type { NodeOf } from '../../explorer/nodes';
import { revealInTree } from '../../ui/reveal';
import { listNames } from '../../ui/describe';
import { NoticeActions, stop, tell } from '../../ui/notify';
import { UserCancelledError } from '../../ui/prompter';
import { withProgress } from '../../ui/progress';
import { clickedNode } from '../../ui/targets';
import type { CommandContext } from '../../ui/registerCommand';

type ScopeItem = QuickPickItem & { scope: CheckScope };

const GROUPS = [
  { field: 'outOfDate', label: () => vscode.l10n.t('out of date') },
  { field: 'unsupported', label: () => vscode.l10n.t('unsupported') },
  { field: 'inactive', label: () => vscode.l10n.t('inactive') },
] as const;

/** Where CLN shows the token, for the question and the messages (a sentence, without its full stop). */
export const API_TOKEN_WHERE = () =>
  vscode.l10n.t('CLN shows it in your account profile at cln.cloudlinux.com, as the "API security token" (the token Nagios, Zabbix and Datadog KernelCare monitoring use; not your secret key)');

/** CLN's answers that mean the login or the API security token is not the right one. */
const TOKEN_REFUSED = /registration token not found|reseller not found/i;

/**
 * Check KernelCare Servers: the Nagios check of one key (from a key or server
 * row, or picked) or of the whole account (the KernelCare folder, or picked),
 * with the counts of up-to-date, out-of-date, unsupported and inactive servers
 * and the servers it names. The account-wide check needs the account's API
 * security token: asked once, kept in secret storage.
 */
export async function checkKernelCareHealth(context: CommandContext, clicked?: unknown): Promise<NagiosStatus> {
  const account = requireAccount(context);
  const node = clickedNode(clicked);
  const scope: CheckScope =
    node?.kind === 'kcareKey'
      ? { key: node.key.key }
      : node?.kind === 'kcareServer'
        ? { key: node.server.key }
        : node?.kind === 'family' && node.family === 'kcare'
          ? { account: true }
          : await pickScope(context, account);
  const what = 'key' in scope ? vscode.l10n.t('KernelCare key {0}', scope.key) : vscode.l10n.t('all KernelCare servers of the account');
  const status = 'key' in scope ? await checkKey(account, scope.key, what) : await checkAccount(context, account, what);
  account.kcareChecks.record(scope, status);
  report(context, what, status);
  return status;
}

function checkKey(account: AccountService, key: string, what: string): Promise<NagiosStatus> {
  return withProgress(vscode.l10n.t('Checking {0}…', what), (signal) => account.read('kcare.nagios.key', { key }, { signal }));
}

async function checkAccount(context: CommandContext, account: AccountService, what: string): Promise<NagiosStatus> {
  const state = context.session.state;
  if (state.kind === 'signedOut') throw stop(context, vscode.l10n.t('Sign in to CLN to check the KernelCare servers of the account.'));
  const token = (await context.session.getApiToken()) ?? (await askApiToken(context, vscode.l10n.t('The account-wide KernelCare check needs the API security token of your CLN account.')));
  try {
    return await withProgress(vscode.l10n.t('Checking {0}…', what), (signal) => account.read('kcare.nagios.reseller', { login: state.login, token }, { signal }));
  } catch (error) {
    if (isClnError(error) && error.kind === 'api' && TOKEN_REFUSED.test(error.message)) {
      tell(context, 'error', vscode.l10n.t('{0} The API security token kept for {1} may be wrong or replaced. {2}.', error.message, state.login, API_TOKEN_WHERE()), {
        [vscode.l10n.t('Replace Token')]: () => replaceApiToken(context).catch(() => undefined),
      });
      throw new UserCancelledError();
    }
    throw error;
  }
}

/** Asks for the API security token (hidden input) and keeps it in secret storage. */
export async function askApiToken(context: CommandContext, why: string): Promise<string> {
  const token = await context.ui.prompter.input({
    title: vscode.l10n.t('CLN API security token'),
    prompt: vscode.l10n.t("{0} {1}. It is kept in VS Code's secret storage.", why, API_TOKEN_WHERE()),
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => checkApiToken(text.trim()),
  });
  await context.session.storeApiToken(token.trim());
  return token.trim();
}

async function replaceApiToken(context: CommandContext): Promise<void> {
  await askApiToken(context, vscode.l10n.t('Enter the current API security token of your CLN account.'));
  tell(context, 'info', vscode.l10n.t('The new API security token is kept. Run Check KernelCare Servers again to use it.'));
}

/**
 * Forget or Replace API Security Token: the token the account-wide KernelCare
 * check uses, from secret storage.
 */
export async function manageApiToken(context: CommandContext): Promise<'replaced' | 'forgotten' | 'none'> {
  const state = context.session.state;
  if (state.kind === 'signedOut') throw stop(context, vscode.l10n.t('Sign in to CLN first: the API security token belongs to the signed-in account.'));
  if (state.kind === 'demo') throw stop(context, vscode.l10n.t('The demo account has its own API security token; there is nothing to forget or replace.'));
  const kept = (await context.session.getApiToken()) !== undefined;
  const items = [
    { label: `$(key) ${kept ? vscode.l10n.t('Replace the API security token…') : vscode.l10n.t('Enter the API security token…')}`, choice: 'replace' as const },
    ...(kept
      ? [{ label: `$(trash) ${vscode.l10n.t('Forget the API security token')}`, detail: vscode.l10n.t('The next account-wide KernelCare check asks for it again.'), choice: 'forget' as const }]
      : []),
  ];
  const choice = await context.ui.prompter.pick(items, {
    title: vscode.l10n.t('CLN API security token'),
    placeHolder: kept ? vscode.l10n.t('A token is kept for {0} in secret storage', state.login) : vscode.l10n.t('No token is kept for {0}', state.login),
  });
  if (choice.choice === 'forget') {
    await context.session.forgetApiToken();
    tell(context, 'info', vscode.l10n.t('The API security token of {0} is forgotten.', state.login));
    return 'forgotten';
  }
  await askApiToken(context, vscode.l10n.t('The API security token of {0}.', state.login));
  tell(context, 'info', vscode.l10n.t('The API security token of {0} is kept in secret storage.', state.login));
  return 'replaced';
}

async function pickScope(context: CommandContext, account: AccountService): Promise<CheckScope> {
  const items = loadKeys(account, 'kcare').then((keys): ScopeItem[] => [
    { label: `$(organization) ${vscode.l10n.t('All KernelCare servers')}`, description: vscode.l10n.t('of the whole account (needs the API security token)'), scope: { account: true } },
    ...keys.map((node) => ({ label: node.key.key, description: node.key.note ?? undefined, scope: { key: node.key.key } })),
  ]);
  return (
    await context.ui.prompter.pick(items, { title: vscode.l10n.t('KernelCare servers to check'), placeHolder: vscode.l10n.t('The whole account, or the servers of one key'), matchOnDescription: true })
  ).scope;
}

/** "6 up to date, 3 out of date, 2 unsupported, 1 inactive". */
export function countsText(status: NagiosStatus): string | undefined {
  const c = status.counts;
  if (!c) return undefined;
  return vscode.l10n.t('{0} up to date, {1} out of date, {2} unsupported, {3} inactive', c.upToDate, c.outOfDate, c.unsupported, c.inactive);
}

function report(context: CommandContext, what: string, status: NagiosStatus): void {
  const problems = GROUPS.filter((g) => status[g.field].length > 0);
  const counts = countsText(status);
  const attention = status.counts ? status.counts.outOfDate + status.counts.unsupported + status.counts.inactive : problems.length;
  if (status.state === 'OK' && attention === 0) {
    const said = counts ? `${counts}` : status.summary || vscode.l10n.t('all servers are up to date');
    tell(context, 'info', vscode.l10n.t('KernelCare OK for {0}: {1}.', what, said).replace(/[.!]+\.$/, '.'));
    return;
  }
  const named = problems.map((g) =>
    status[g.field].length === 1
      ? vscode.l10n.t('1 server {0}: {1}', g.label(), listNames(status[g.field], 3))
      : vscode.l10n.t('{0} servers {1}: {2}', status[g.field].length, g.label(), listNames(status[g.field], 3)),
  );
  const parts = [counts, ...named].filter(Boolean);
  const message = vscode.l10n.t('KernelCare {0} for {1}: {2}.', status.state, what, parts.length ? parts.join('; ') : status.summary || vscode.l10n.t('no details given'));
  context.log.info([`KernelCare ${status.state} for ${what}: ${status.summary}${counts ? ` (${counts})` : ''}`, ...problems.map((g) => `  ${g.label()}: ${status[g.field].join(', ')}`)].join('\n'));
  const actions: NoticeActions = {};
  if (problems.length) {
    actions[vscode.l10n.t('Show Servers')] = () => showServers(context, status).catch(() => undefined);
    actions[vscode.l10n.t('Copy List')] = () =>
      vscode.env.clipboard.writeText(
        checkedServers(status)
          .map((s) => `${s.label}\t${s.problem}`)
          .join('\n'),
      );
  }
  actions[vscode.l10n.t('Show Log')] = () => context.log.show();
  tell(context, status.state === 'CRITICAL' ? 'error' : 'warning', message, actions);
}

/** A server a check names, as "host (ip)" or "host", with what is wrong with it. */
export interface CheckedServer {
  label: string;
  host: string;
  ip: string | null;
  problem: string;
}

const PROBLEM_OF_STATE = {
  outOfDate: () => vscode.l10n.t('out of date'),
  unsupported: () => vscode.l10n.t('unsupported'),
  inactive: () => vscode.l10n.t('inactive'),
  other: () => vscode.l10n.t('needs attention'),
} as const;

/** The servers a check names with what is wrong with them: from the decoded servers, else from the "host (ip)" labels per group. */
export function checkedServers(status: NagiosStatus): CheckedServer[] {
  if (status.servers.length > 0) {
    return status.servers.map((server) => ({
      label: server.ip ? `${server.host} (${server.ip})` : server.host,
      host: server.host,
      ip: server.ip,
      problem: server.state === 'other' ? server.stateText.toLowerCase() : PROBLEM_OF_STATE[server.state](),
    }));
  }
  return GROUPS.flatMap((g) =>
    status[g.field].map((label) => {
      const match = /^(.*\S)\s*\(([^()]+)\)$/.exec(label.trim());
      return { label, host: match ? match[1] : label.trim(), ip: match ? match[2] : null, problem: g.label() };
    }),
  );
}

/**
 * The named servers in a QuickPick, grouped by what is wrong with them;
 * picking one shows it selected in the Licenses view (under its key), where
 * Copy and the server's other actions are.
 */
export async function showServers(context: CommandContext, status: NagiosStatus): Promise<CheckedServer | undefined> {
  const account = requireAccount(context);
  const servers = checkedServers(status);
  const items = servers.map((server) => ({ label: server.label, description: server.problem, detail: vscode.l10n.t('Show in the Licenses view'), server }));
  const picked = (
    await context.ui.prompter.pick(items, {
      title: vscode.l10n.t('KernelCare {0}: servers that need attention', status.state),
      placeHolder: vscode.l10n.t('Pick a server to show it in the Licenses view'),
      matchOnDescription: true,
    })
  ).server;
  const node = await withProgress(vscode.l10n.t('Finding {0}…', picked.label), (signal) => findKcareServer(account, picked, signal));
  if (!node) {
    tell(context, 'warning', vscode.l10n.t("{0} is not among the KernelCare servers of this account's keys; it may have been removed since the check.", picked.label));
    return picked;
  }
  const outcome = await revealInTree(context, { kind: 'server', family: 'kcare', key: node.server.key, id: node.server.serverId }, picked.label);
  if (outcome === 'hidden') tell(context, 'info', vscode.l10n.t('{0} is hidden by the filter or "problems only"; clear them to see it.', picked.label));
  return picked;
}

/** The account's KernelCare server a check names: by server id, else by IP. */
async function findKcareServer(account: AccountService, named: CheckedServer, signal: AbortSignal): Promise<NodeOf<'kcareServer'> | undefined> {
  const servers = (await loadAllServers(account, ['kcare'], { signal })).filter((node): node is NodeOf<'kcareServer'> => node.kind === 'kcareServer');
  return servers.find((node) => node.server.serverId === named.host) ?? (named.ip ? servers.find((node) => node.server.ip === named.ip) : servers.find((node) => node.server.ip === named.host));
}
