import * as vscode from 'vscode';
import type { QuickPickItem } from 'vscode';
import { checkName } from '../../cln/validate';
import type { AccountService } from '../../services/accountService';
import type { ServerNode } from '../../explorer/nodes';
import { serverIdOf } from '../../explorer/nodes';
import { requireAccount } from '../../ui/requireAccount';
import { loadAllServers } from '../../explorer/loaders';
import { BulkReport, NOUNS, runBulk, VERBS } from '../../ui/bulk';
import { listNames } from '../../ui/describe';
import { askChecked } from '../../ui/inputs';
import { revealInTree } from '../../ui/reveal';
import { stop, tell } from '../../ui/notify';
import { serverItem } from '../../ui/pickers';
import { withProgress } from '../../ui/progress';
import { clickedNode, nodesOf, splitTargets } from '../../ui/targets';
import type { CommandContext } from '../../ui/registerCommand';

type GroupableServer = Extract<ServerNode, { kind: 'kcareServer' | 'imServer' }>;
type GroupItem = QuickPickItem & { name?: string };
/** One call: these servers into or out of one group. */
interface GroupChange {
  group: string;
  servers: { id: string; name: string }[];
}

/** Create Server Group: a name and an optional description. */
export async function createGroup(context: CommandContext): Promise<string> {
  const account = requireAccount(context);
  const name = await askNewGroup(context, account);
  tell(context, 'info', vscode.l10n.t('Created server group "{0}".', name));
  await revealInTree(context, { kind: 'group', name }, `The group "${name}"`);
  return name;
}

/** Add Servers to Group: the selected KernelCare/Imunify servers (or servers picked), then the group. */
export async function addServersToGroup(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const node = clickedNode(clicked);
  const nodes = node?.kind === 'group' ? [] : nodesOf(clicked, selected);
  const { matching, skipped } = nodes.length ? splitTargets(nodes, 'kcareServer', 'imServer') : { matching: await pickGroupable(context, account), skipped: [] };
  const changes: GroupChange[] = [];
  if (matching.length) {
    const group = node?.kind === 'group' ? node.group.name : await pickGroup(context, account);
    changes.push({ group, servers: matching.map((server) => ({ id: serverIdOf(server), name: serverItem(server).label })) });
  }
  return changeGroups(context, 'add', changes, skipped, (change) => account.change('group.servers.put', { name: change.group, server_ids: change.servers.map((s) => s.id) }));
}

/** Remove Servers from Group: the selected group members, or members picked from a group. */
export async function removeServersFromGroup(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const node = clickedNode(clicked);
  const nodes = node?.kind === 'group' ? [] : nodesOf(clicked, selected);
  const { matching, skipped } = nodes.length
    ? splitTargets(nodes, 'groupServer')
    : { matching: await pickMembers(context, account, node?.kind === 'group' ? node.group.name : undefined), skipped: [] };
  const byGroup = new Map<string, GroupChange>();
  for (const member of matching) {
    const change = byGroup.get(member.groupName) ?? { group: member.groupName, servers: [] };
    change.servers.push({ id: member.server.id, name: member.server.hostname ?? member.server.ip ?? member.server.id });
    byGroup.set(member.groupName, change);
  }
  return changeGroups(context, 'remove', [...byGroup.values()], skipped, (change) => account.change('group.servers.remove', { name: change.group, server_ids: change.servers.map((s) => s.id) }));
}

/** One call per group; CLN answers with the servers it added or removed, so any it left out are named. */
function changeGroups(context: CommandContext, direction: 'add' | 'remove', changes: GroupChange[], skipped: string[], send: (change: GroupChange) => Promise<{ id: string }[]>): Promise<BulkReport> {
  const add = direction === 'add';
  return runBulk(context, {
    commandId: add ? 'cln.addServersToGroup' : 'cln.removeServersFromGroup',
    verb: add ? VERBS.addToGroup() : VERBS.removeFromGroup(),
    noun: NOUNS.group(),
    items: changes,
    describe: (change) =>
      vscode.l10n.t(
        'group "{0}" ({1})',
        change.group,
        listNames(
          change.servers.map((s) => s.name),
          5,
        ),
      ),
    skipped,
    run: async (change) => {
      const answered = new Set((await send(change)).map((s) => s.id));
      const left = change.servers.filter((s) => !answered.has(s.id));
      if (left.length === 0) return undefined;
      const names = listNames(
        left.map((s) => s.name),
        5,
      );
      return add ? vscode.l10n.t('CLN did not list {0} as added', names) : vscode.l10n.t('CLN did not list {0} as removed', names);
    },
  });
}

async function pickGroupable(context: CommandContext, account: AccountService): Promise<GroupableServer[]> {
  const items = loadAllServers(account, ['kcare', 'im']).then((servers) => {
    if (servers.length === 0) throw stop(context, vscode.l10n.t('This account has no KernelCare or Imunify servers to group.'));
    return servers.map((s) => serverItem(s, s.kind === 'kcareServer' ? 'KernelCare' : 'Imunify'));
  });
  const picked = await context.ui.prompter.pickMany(items, { title: vscode.l10n.t('Servers to add'), placeHolder: vscode.l10n.t('KernelCare and Imunify servers'), matchOnDescription: true });
  return picked.map((item) => item.value as GroupableServer);
}

const NEW_GROUP = () => `$(add) ${vscode.l10n.t('New group…')}`;

async function pickGroup(context: CommandContext, account: AccountService): Promise<string> {
  const items = account
    .read('group.list', {})
    .then((groups): GroupItem[] => [
      ...groups.map((g) => ({ label: g.name, description: g.description ?? undefined, name: g.name })),
      { label: NEW_GROUP(), description: vscode.l10n.t('create a group for these servers') },
    ]);
  const picked = await context.ui.prompter.pick(items, { title: vscode.l10n.t('Server group'), placeHolder: vscode.l10n.t('The group to add the servers to'), matchOnDescription: true });
  return picked.name ?? askNewGroup(context, account);
}

async function pickMembers(context: CommandContext, account: AccountService, known: string | undefined) {
  const group =
    known ??
    (
      await context.ui.prompter.pick(
        account.read('group.list', {}).then((groups) => {
          if (groups.length === 0) throw stop(context, vscode.l10n.t('This account has no server groups.'));
          return groups.map((g) => ({ label: g.name, description: g.description ?? undefined }));
        }),
        { title: vscode.l10n.t('Server group'), placeHolder: vscode.l10n.t('The group to remove servers from') },
      )
    ).label;
  const items = account.read('group.servers.list', { name: group }).then((servers) => {
    if (servers.length === 0) throw stop(context, vscode.l10n.t('Group "{0}" has no servers.', group));
    return servers.map((server) => ({ label: server.hostname ?? server.ip ?? server.id, description: [server.id, server.type].filter(Boolean).join(' · '), server }));
  });
  const picked = await context.ui.prompter.pickMany(items, {
    title: vscode.l10n.t('Servers to remove from the group'),
    placeHolder: vscode.l10n.t('Members of "{0}"', group),
    matchOnDescription: true,
  });
  return picked.map(({ server }) => ({ kind: 'groupServer' as const, groupName: group, server }));
}

/** Asks a new group's name and description and creates it. */
async function askNewGroup(context: CommandContext, account: AccountService): Promise<string> {
  const name = await askChecked(context.ui.prompter, { title: vscode.l10n.t('Group name'), prompt: vscode.l10n.t('A name for the new server group') }, (value) =>
    checkName(value, vscode.l10n.t('group name')),
  );
  const description = await askChecked(context.ui.prompter, { title: vscode.l10n.t('Description (optional)'), prompt: vscode.l10n.t('What the group is for. Leave empty for none.') }, () => undefined);
  await withProgress(vscode.l10n.t('Creating server group "{0}"…', name), () => account.change('group.create', description ? { name, description } : { name }), false);
  return name;
}
