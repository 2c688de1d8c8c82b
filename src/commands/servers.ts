import type { ServerNode } from '../explorer/nodes';
import { requireAccount } from './common/account';
import { BulkReport, removalQuestion, REMOVE, runBulk, runConfirmed } from './common/bulk';
import { endpointOf } from '../cln/endpoints';
import { fingerprint } from '../services/journal';
import { count, describeNode, listNames } from './common/describe';
import { confirmOrStop, showLogAction, tell } from './common/notify';
import { pickKey } from './common/pickers';
import { LicensedServer, serversFrom } from './common/serverTargets';
import type { CommandContext } from '../ui/registerCommand';

type ImunifyServer = Extract<ServerNode, { kind: 'imServer' }>;

/** Remove Server (KernelCare, Imunify, ELS): the selected servers, or servers picked under a key. */
export async function removeServer(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const { matching, skipped } = await serversFrom(context, account, clicked, selected, ['kcareServer', 'imServer', 'elsServer'], 'Servers to remove');
  const confirmation = removalQuestion('server', (one) =>
    one ? 'The server loses its license and must be registered again to get it back' : 'These servers lose their licenses and must be registered again to get them back',
  );
  return runConfirmed<LicensedServer>(context, confirmation, {
    commandId: 'cln.removeServer',
    verb: REMOVE,
    noun: { one: 'server', many: 'servers' },
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
        return result.removed ? undefined : (result.notice ?? 'Server not found');
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
  const { matching, skipped } = await serversFrom(context, account, clicked, selected, ['imServer'], 'Servers to move');
  const fromKeys = new Set(matching.map((node) => node.server.key));
  const target = matching.length
    ? await pickKey(context, account, ['im'], {
        title: 'Move to key',
        placeHolder: 'The Imunify key the servers move to (e.g. a key for more users)',
        exclude: fromKeys.size === 1 ? [...fromKeys][0] : undefined,
      })
    : undefined;
  if (target && matching.length > 0) {
    const { method, path } = endpointOf('im.srv.convert');
    const calls = matching.map((node) => `${method} ${path}?id=${node.server.id}&key=${fingerprint(target.key.key)}`);
    context.log.info(`cln.convertServer: the calls to send, in order:\n${calls.map((c, i) => `${i + 1}. ${c}`).join('\n')}`);
    const mode = await context.ui.prompter.pick(
      [
        { label: 'Preview, then move', description: count(calls.length, 'call'), dry: false },
        { label: 'Dry run', description: 'show the calls, send nothing', dry: true },
      ],
      { title: 'Run or dry run', placeHolder: `${count(matching.length, 'Imunify server')} to key ${target.key.key}` },
    );
    if (mode.dry) {
      tell(context, 'info', `Dry run: nothing was sent. ${count(calls.length, 'call')} would be sent: ${listNames(calls, 4)}.`, showLogAction(context));
      return { dryRun: true, calls };
    }
    await confirmOrStop(context, {
      message: matching.length === 1 ? `Move ${describeNode(matching[0])} to key ${target.key.key}?` : `Move ${count(matching.length, 'Imunify server')} to key ${target.key.key}?`,
      detail: `Each server leaves its key and takes a place on ${target.key.key}. These calls are sent, one per server:\n${calls.slice(0, 12).join('\n')}${calls.length > 12 ? `\n…and ${calls.length - 12} more` : ''}`,
      action: 'Move',
    });
  }
  return runBulk<ImunifyServer>(context, {
    commandId: 'cln.convertServer',
    verb: { base: 'move', doing: 'Moving', done: 'Moved' },
    noun: { one: 'Imunify server', many: 'Imunify servers' },
    items: matching,
    describe: (node) => `${describeNode(node)} to key ${target!.key.key}`,
    skipped,
    planned: (node) => ({ action: 'im.srv.convert', args: { id: node.server.id, key: target!.key.key } }),
    run: async (node) => {
      await account.change('im.srv.convert', { id: node.server.id, key: target!.key.key });
    },
  });
}
