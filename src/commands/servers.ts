import type { ServerNode } from '../explorer/nodes';
import { requireAccount } from './common/account';
import { BulkReport, removalQuestion, REMOVE, runBulk, runConfirmed } from './common/bulk';
import { describeNode } from './common/describe';
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

/** Move Server to Another Key (Imunify): the selected servers, or servers picked under a key; then the new key. */
export async function convertServer(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<BulkReport> {
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
  return runBulk<ImunifyServer>(context, {
    commandId: 'cln.convertServer',
    verb: { base: 'move', doing: 'Moving', done: 'Moved' },
    noun: { one: 'Imunify server', many: 'Imunify servers' },
    items: matching,
    describe: (node) => `${describeNode(node)} to key ${target!.key.key}`,
    skipped,
    run: async (node) => {
      await account.change('im.srv.convert', { id: node.server.id, key: target!.key.key });
    },
  });
}
