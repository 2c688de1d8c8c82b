import type { QuickPickItem } from 'vscode';
import type { NagiosStatus } from '../cln/types';
import type { AccountService } from '../services/account';
import { requireAccount } from './common/account';
import { loadKeys } from '../explorer/loaders';
import { count, listNames } from './common/describe';
import { NoticeActions, tell } from './common/notify';
import { withProgress } from './common/progress';
import { clickedNode } from './common/targets';
import type { CommandContext } from '../ui/registerCommand';

/** What to check: one key's servers, or every KernelCare server of the account. */
type Scope = { key: string } | { account: true };
type ScopeItem = QuickPickItem & { scope: Scope };

const GROUPS = [
  { field: 'outOfDate', label: 'out of date' },
  { field: 'unsupported', label: 'unsupported' },
  { field: 'inactive', label: 'inactive' },
] as const;

/**
 * Check KernelCare Servers: the Nagios status of one key or of the whole
 * account, naming the servers that are out of date, unsupported or inactive.
 */
export async function checkKernelCareHealth(context: CommandContext, clicked?: unknown): Promise<NagiosStatus> {
  const account = requireAccount(context);
  const node = clickedNode(clicked);
  const scope: Scope =
    node?.kind === 'kcareKey' ? { key: node.key.key } : node?.kind === 'family' && node.family === 'kcare' ? { account: true } : await pickScope(context, account);
  const what = 'key' in scope ? `KernelCare key ${scope.key}` : 'all KernelCare servers of the account';
  const status = await withProgress(`Checking ${what}…`, (signal) =>
    'key' in scope ? account.read('kcare.nagios.key', { key: scope.key }, { signal }) : account.read('kcare.nagios.reseller', {}, { signal }),
  );
  report(context, what, status);
  return status;
}

async function pickScope(context: CommandContext, account: AccountService): Promise<Scope> {
  const items = loadKeys(account, 'kcare').then((keys): ScopeItem[] => [
    { label: '$(organization) All KernelCare servers', description: 'of the whole account', scope: { account: true } },
    ...keys.map((node) => ({ label: node.key.key, description: node.key.note ?? undefined, scope: { key: node.key.key } })),
  ]);
  return (await context.ui.prompter.pick(items, { title: 'KernelCare servers to check', placeHolder: 'The whole account, or the servers of one key', matchOnDescription: true })).scope;
}

function report(context: CommandContext, what: string, status: NagiosStatus): void {
  const problems = GROUPS.filter((g) => status[g.field].length > 0);
  if (status.state === 'OK' && problems.length === 0) {
    tell(context, 'info', `KernelCare OK for ${what}: ${status.summary || 'all servers are up to date'}.`.replace(/[.!]+\.$/, '.'));
    return;
  }
  const named = problems.map((g) => `${count(status[g.field].length, 'server')} ${g.label} (${listNames(status[g.field], 3)})`);
  const message = `KernelCare ${status.state} for ${what}: ${named.length ? named.join('; ') : status.summary || 'no details given'}.`;
  context.log.info([`KernelCare ${status.state} for ${what}: ${status.summary}`, ...problems.map((g) => `  ${g.label}: ${status[g.field].join(', ')}`)].join('\n'));
  const actions: NoticeActions = { 'Show Log': () => context.log.show() };
  if (problems.length) actions['Show Servers'] = () => showServers(context, status).catch(() => undefined);
  tell(context, status.state === 'CRITICAL' ? 'error' : 'warning', message, actions);
}

/** The named servers in a QuickPick, grouped by what is wrong with them. */
function showServers(context: CommandContext, status: NagiosStatus): Promise<unknown> {
  const items = GROUPS.flatMap((g) => status[g.field].map((server) => ({ label: server, description: g.label })));
  return context.ui.prompter.pick(items, { title: `KernelCare ${status.state}: servers that need attention`, placeHolder: 'Type to filter', matchOnDescription: true });
}
