import * as vscode from 'vscode';
import type { ServerNode } from '../../explorer/nodes';
import { requireAccount } from '../../ui/requireAccount';
import { BulkReport, NOUNS, removalQuestion, runBulk, runConfirmed, VERBS } from '../../ui/bulk';
import { endpointOf } from '../../cln/endpoints';
import { fingerprint } from '../../services/journal';
import { describeNode, listNames } from '../../ui/describe';
import { confirmOrStop, showLogAction, tell } from '../../ui/notify';
import { pickKey } from '../../ui/pickers';
import { LicensedServer, serversFrom } from '../../ui/serverTargets';
import type { CommandContext } from '../../ui/registerCommand';

type ImunifyServer = Extract<ServerNode, { kind: 'imServer' }>;

/** Remove Server (KernelCare, Imunify, ELS): the selected servers, or servers picked under a key. */
export async function removeServer(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const { matching, skipped } = await serversFrom(context, account, clicked, selected, ['kcareServer', 'imServer', 'elsServer'], vscode.l10n.t('Servers to remove'));
  const confirmation = removalQuestion(
    (n) => vscode.l10n.t('Remove {0} servers?', n),
    (one) =>
      one
        ? vscode.l10n.t('The server loses its license and must be registered again to get it back: {0}.')
        : vscode.l10n.t('These servers lose their licenses and must be registered again to get them back: {0}.'),
  );
  return runConfirmed<LicensedServer>(context, confirmation, {
    commandId: 'cln.removeServer',
    verb: VERBS.remove(),
    noun: NOUNS.server(),
    items: matching,
    describe: describeNode,
    skipped,
    planned: (node) =>
      node.kind === 'kcareServer'
        ? { action: 'kcare.srv.remove', args: { server_id: node.server.serverId }, where: { key: node.server.key } }
        : node.kind === 'imServer'
          ? { action: 'im.srv.remove', args: { id: node.server.id }, where: { key: node.server.key } }
          : { action: 'els.srv.remove', args: { id: node.server.id } },
    run: async (node) => {
      if (node.kind === 'kcareServer') {
        const result = await account.change('kcare.srv.remove', { server_id: node.server.serverId });
        return result.removed ? undefined : (result.notice ?? vscode.l10n.t('Server not found'));
      }
      if (node.kind === 'imServer') await account.change('im.srv.remove', { id: node.server.id });
      else await account.change('els.srv.remove', { id: node.server.id });
      return undefined;
    },
  });
}

/**
 * Move Server to Another Key (Imunify): the selected servers, or servers picked
 * under a key; then the new key; then the calls it will send (or a dry run that
 * sends nothing); then one call per server, reported per server.
 */
export async function convertServer(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<BulkReport | { dryRun: true; calls: string[] }> {
  const account = requireAccount(context);
  const { matching, skipped } = await serversFrom(context, account, clicked, selected, ['imServer'], vscode.l10n.t('Servers to move'));
  const fromKeys = new Set(matching.map((node) => node.server.key));
  const target = matching.length
    ? await pickKey(context, account, ['im'], {
        title: vscode.l10n.t('Move to key'),
        placeHolder: vscode.l10n.t('The Imunify key the servers move to (e.g. a key for more users)'),
        exclude: fromKeys.size === 1 ? [...fromKeys][0] : undefined,
      })
    : undefined;
  if (target && matching.length > 0) {
    const { method, path } = endpointOf('im.srv.convert');
    const calls = matching.map((node) => `${method} ${path}?id=${node.server.id}&key=${fingerprint(target.key.key)}`);
    context.log.info(`cln.convertServer: the calls to send, in order:\n${calls.map((c, i) => `${i + 1}. ${c}`).join('\n')}`);
    const mode = await context.ui.prompter.pick(
      [
        { label: vscode.l10n.t('Preview, then move'), description: calls.length === 1 ? vscode.l10n.t('1 call') : vscode.l10n.t('{0} calls', calls.length), dry: false },
        { label: vscode.l10n.t('Dry run'), description: vscode.l10n.t('show the calls, send nothing'), dry: true },
      ],
      { title: vscode.l10n.t('Run or dry run'), placeHolder: vscode.l10n.t('{0} to key {1}', NOUNS.imunifyServer().count(matching.length), target.key.key) },
    );
    if (mode.dry) {
      tell(
        context,
        'info',
        calls.length === 1
          ? vscode.l10n.t('Dry run: nothing was sent. 1 call would be sent: {0}.', listNames(calls, 4))
          : vscode.l10n.t('Dry run: nothing was sent. {0} calls would be sent: {1}.', calls.length, listNames(calls, 4)),
        showLogAction(context),
      );
      return { dryRun: true, calls };
    }
    await confirmOrStop(context, {
      message:
        matching.length === 1
          ? vscode.l10n.t('Move {0} to key {1}?', describeNode(matching[0]), target.key.key)
          : vscode.l10n.t('Move {0} Imunify servers to key {1}?', matching.length, target.key.key),
      detail: vscode.l10n.t(
        'Each server leaves its key and takes a place on {0}. These calls are sent, one per server:\n{1}',
        target.key.key,
        [...calls.slice(0, 12), ...(calls.length > 12 ? [vscode.l10n.t('…and {0} more', calls.length - 12)] : [])].join('\n'),
      ),
      action: vscode.l10n.t('Move'),
    });
  }
  return runBulk<ImunifyServer>(context, {
    commandId: 'cln.convertServer',
    verb: VERBS.move(),
    noun: NOUNS.imunifyServer(),
    items: matching,
    describe: (node) => vscode.l10n.t('{0} to key {1}', describeNode(node), target!.key.key),
    skipped,
    planned: (node) => ({ action: 'im.srv.convert', args: { id: node.server.id, key: target!.key.key } }),
    run: async (node) => {
      await account.change('im.srv.convert', { id: node.server.id, key: target!.key.key });
    },
  });
}
