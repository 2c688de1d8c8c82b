import * as vscode from 'vscode';
import type { QuickPickItem } from 'vscode';
import type { Backup } from '../../cln/types';
import { checkBackupDelta, checkBackupSize, checkIdentifier } from '../../cln/validate';
import type { AccountService } from '../../services/accountService';
import type { ExplorerNode } from '../../explorer/nodes';
import { requireAccount } from '../../ui/requireAccount';
import { BulkReport, NOUNS, removalQuestion, runBulk, runConfirmed, VERBS } from '../../ui/bulk';
import { describeNode } from '../../ui/describe';
import { askChecked, askNumber } from '../../ui/inputs';
import { confirmOrStop, stop } from '../../ui/notify';
import { serversFrom } from '../../ui/serverTargets';
import { clickedNode, nodesOf, splitTargets } from '../../ui/targets';
import type { CommandContext } from '../../ui/registerCommand';

type BackupNode = Extract<ExplorerNode, { kind: 'backup' }>;

/** Create Backup (Imunify servers): the size in GB (a multiple of 10) and the datacenter. */
export async function createBackup(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const { matching, skipped } = await serversFrom(context, account, clicked, selected, ['imServer'], vscode.l10n.t('Servers to back up'));
  let size = 0;
  let datacenter = '';
  if (matching.length) {
    size = await askNumber(context.ui.prompter, { title: vscode.l10n.t('Backup size (GB)'), prompt: vscode.l10n.t('The storage to reserve, in GB: a multiple of 10.'), value: '10' }, checkBackupSize);
    datacenter = await pickDatacenter(context, account);
  }
  return runBulk(context, {
    commandId: 'cln.createBackup',
    verb: VERBS.createBackup(),
    noun: NOUNS.imunifyServer(),
    items: matching,
    describe: (node) => vscode.l10n.t('{0} ({1} GB in {2})', describeNode(node), size, datacenter),
    skipped,
    run: async (node) => {
      await account.change('ab.im.create', { server_id: node.server.id, size, datacenter });
    },
  });
}

/** Resize Backup: a signed change in GB; shrinking asks first, as stored data may no longer fit. */
export async function resizeBackup(context: CommandContext, clicked?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const node = clickedNode(clicked);
  const backup = node?.kind === 'backup' ? node.backup : (await pickBackups(context, account, false))[0].backup;
  const delta = await askNumber(
    context.ui.prompter,
    { title: vscode.l10n.t('Change size by (GB)'), prompt: vscode.l10n.t('Now {0} GB. A multiple of 10: positive to grow, negative to shrink (e.g. 20 or -10).', backup.size) },
    (value) => checkBackupDelta(value) ?? (backup.size + value < 10 ? vscode.l10n.t('The backup cannot shrink below 10 GB (it has {0} GB); remove it instead.', backup.size) : undefined),
  );
  const newSize = backup.size + delta;
  if (delta < 0) {
    await confirmOrStop(context, {
      message: vscode.l10n.t('Shrink backup #{0} from {1} GB to {2} GB?', backup.backupId, backup.size, newSize),
      detail: vscode.l10n.t('Stored backups that no longer fit in the smaller space may be deleted.'),
      action: vscode.l10n.t('Shrink'),
    });
  }
  return runBulk(context, {
    commandId: 'cln.resizeBackup',
    verb: VERBS.resize(),
    noun: NOUNS.backup(),
    items: [backup],
    describe: (item) => vscode.l10n.t('backup #{0} from {1} GB to {2} GB', item.backupId, item.size, newSize),
    run: async (item) => {
      await account.change('ab.resize', { backup_id: item.backupId, delta });
    },
  });
}

/** Remove Backup: the selected backups, or one picked from the account. */
export async function removeBackup(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const nodes = nodesOf(clicked, selected);
  const { matching, skipped } = nodes.length ? splitTargets(nodes, 'backup') : { matching: await pickBackups(context, account, true), skipped: [] };
  const confirmation = removalQuestion(
    (n) => vscode.l10n.t('Remove {0} backups?', n),
    (one) => (one ? vscode.l10n.t('Everything stored in it is deleted: {0}. This cannot be undone.') : vscode.l10n.t('Everything stored in them is deleted: {0}. This cannot be undone.')),
  );
  return runConfirmed<BackupNode>(context, confirmation, {
    commandId: 'cln.removeBackup',
    verb: VERBS.remove(),
    noun: NOUNS.backup(),
    items: matching,
    describe: describeNode,
    skipped,
    run: async (item) => {
      await account.change('ab.remove', { backup_id: item.backup.backupId });
    },
  });
}

async function pickBackups(context: CommandContext, account: AccountService, many: boolean): Promise<BackupNode[]> {
  const items = account.read('ab.list', {}).then((backups) => {
    if (backups.length === 0) throw stop(context, vscode.l10n.t('This account has no backups.'));
    return backups.map((backup) => ({ label: `#${backup.backupId}`, description: describeBackup(backup), backup }));
  });
  const options = { title: vscode.l10n.t('Backup'), placeHolder: vscode.l10n.t('A backup of this account'), matchOnDescription: true };
  const picked = many ? await context.ui.prompter.pickMany(items, options) : [await context.ui.prompter.pick(items, options)];
  return picked.map(({ backup }) => ({ kind: 'backup', backup }));
}

function describeBackup(backup: Backup): string {
  return vscode.l10n.t('{0} GB · {1} · server {2}', backup.size, backup.datacenter, backup.serverId);
}

const OTHER_DATACENTER = () => `$(edit) ${vscode.l10n.t('Other datacenter…')}`;

/** A datacenter the account already uses, or another alias typed in. */
async function pickDatacenter(context: CommandContext, account: AccountService): Promise<string> {
  const items = account.read('ab.list', {}).then((backups): QuickPickItem[] => {
    const known = [...new Set(backups.map((b) => b.datacenter).filter(Boolean))].sort();
    return [...known.map((label) => ({ label, description: vscode.l10n.t('used by this account') })), { label: OTHER_DATACENTER() }];
  });
  const picked = await context.ui.prompter.pick(items, { title: vscode.l10n.t('Datacenter'), placeHolder: vscode.l10n.t('Where the backup is stored') });
  if (picked.label !== OTHER_DATACENTER()) return picked.label;
  return askChecked(context.ui.prompter, { title: vscode.l10n.t('Datacenter'), prompt: vscode.l10n.t('The alias of the datacenter to store the backup in, e.g. EU2') }, (value) =>
    checkIdentifier(value, vscode.l10n.t('datacenter alias')),
  );
}
