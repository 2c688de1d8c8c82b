import * as vscode from 'vscode';
import type { QuickPickItem } from 'vscode';
import { fingerprint } from '../../cln/keyPrint';
import { checkLimit, CL_PRODUCTS } from '../../cln/validate';
import { clProductName } from '../../explorer/kinds';
import { loadAllClServers, loadClKeys, loadClKeyServers } from '../../explorer/loaders';
import type { NodeOf } from '../../explorer/nodes';
import type { AccountService } from '../../services/accountService';
import { BulkReport, NOUNS, runBulk, runConfirmed, VERBS } from '../../ui/bulk';
import { describeNode, listNames } from '../../ui/describe';
import { askChecked, askNumber } from '../../ui/inputs';
import { confirmOrStop, stop, tell } from '../../ui/notify';
import { withProgress } from '../../ui/progress';
import type { CommandContext } from '../../ui/registerCommand';
import { requireAccount } from '../../ui/requireAccount';
import { clickedNode, nodesOf, splitTargets } from '../../ui/targets';

type ClKeyNode = NodeOf<'clKey'>;
type ClServerNode = NodeOf<'clServer'>;

/** "limit 5" / "unlimited servers". */
function describeLimit(limit: number): string {
  return limit === 0 ? vscode.l10n.t('unlimited servers') : vscode.l10n.t('limit {0}', limit);
}

function askLimit(context: CommandContext, current?: number): Promise<number> {
  return askNumber(
    context.ui.prompter,
    { title: vscode.l10n.t('Server limit'), prompt: vscode.l10n.t('How many servers may use the key; 0 means unlimited.'), value: String(current ?? 1) },
    checkLimit,
  );
}

function askNote(context: CommandContext, current?: string | null): Promise<string> {
  return askChecked(
    context.ui.prompter,
    { title: vscode.l10n.t('Note (optional)'), prompt: vscode.l10n.t('A note to recognize the key by, e.g. the customer. Leave empty for none.'), value: current ?? '' },
    () => undefined,
  );
}

async function pickProduct(context: CommandContext): Promise<string> {
  const items: (QuickPickItem & { product: string })[] = CL_PRODUCTS.map((product) => ({ label: clProductName(product), description: product, product }));
  return (await context.ui.prompter.pick(items, { title: vscode.l10n.t('CloudLinux OS product'), placeHolder: vscode.l10n.t('The product the new key is for') })).product;
}

/** Create CloudLinux OS Key: the product (unless invoked on a product folder), the server limit, a note; then a preview. */
export async function createClKey(context: CommandContext, clicked?: unknown): Promise<{ key: string; product: string }> {
  const account = requireAccount(context);
  const node = clickedNode(clicked);
  const product = node?.kind === 'clProduct' ? node.product : node?.kind === 'clKey' ? node.key.product : await pickProduct(context);
  const limit = await askLimit(context);
  const note = await askNote(context);
  await confirmOrStop(context, {
    message: vscode.l10n.t('Create a {0} key ({1})?', clProductName(product), describeLimit(limit)),
    detail: vscode.l10n.t(
      'This sends POST /v2/cl/keys with productType={0}, limit={1}{2}. Servers activated with the new key are billed as {3}.',
      product,
      limit,
      note ? `, note="${note}"` : '',
      clProductName(product),
    ),
    action: vscode.l10n.t('Create'),
  });
  const created = await withProgress(
    vscode.l10n.t('Creating a {0} key…', clProductName(product)),
    () => account.change('cl.key.create', { productType: product, limit, ...(note ? { note } : {}) }),
    false,
  );
  const text = (shown: string) => vscode.l10n.t('Created {0} key {1} ({2}).', clProductName(product), shown, describeLimit(limit));
  // The notification shows the new key (the user made it and needs it); the log, kept on disk, its fingerprint.
  tell(context, 'info', text(created.key), { [vscode.l10n.t('Copy Key')]: () => vscode.env.clipboard.writeText(created.key) }, text(fingerprint(created.key)));
  return { key: created.key, product };
}

async function pickClKey(context: CommandContext, account: AccountService, title: string): Promise<ClKeyNode> {
  const keys = await withProgress(vscode.l10n.t('Reading the CloudLinux OS keys…'), (signal) => loadClKeys(account, { signal }));
  if (keys.length === 0) throw stop(context, vscode.l10n.t('This account has no CloudLinux OS keys.'));
  const items = keys.map((node) => ({
    label: node.key.note || `${clProductName(node.key.product)} ${node.key.key.slice(0, 8)}…`,
    description: clProductName(node.key.product),
    detail: describeLimit(node.key.limit),
    node,
  }));
  return (await context.ui.prompter.pick(items, { title, placeHolder: vscode.l10n.t('A CloudLinux OS key') })).node;
}

/** Update CloudLinux OS Key: the server limit and the note, prefilled; the change previewed before it is sent. */
export async function updateClKey(context: CommandContext, clicked?: unknown): Promise<{ limit: number; note: string } | undefined> {
  const account = requireAccount(context);
  const clickedKey = clickedNode(clicked);
  const node = clickedKey?.kind === 'clKey' ? clickedKey : await pickClKey(context, account, vscode.l10n.t('Key to update'));
  const limit = await askLimit(context, node.key.limit);
  const note = await askNote(context, node.key.note);
  const changes = [
    ...(limit !== node.key.limit ? [vscode.l10n.t('{0} → {1}', describeLimit(node.key.limit), describeLimit(limit))] : []),
    ...(note !== (node.key.note ?? '') ? [note ? vscode.l10n.t('note "{0}"', note) : vscode.l10n.t('note removed')] : []),
  ];
  if (changes.length === 0) throw stop(context, vscode.l10n.t('Nothing to change: {0} already has {1} and this note.', describeNode(node), describeLimit(limit)));
  // Lowering the limit below the servers the key holds does not remove them: said before sending.
  const servers = await withProgress(vscode.l10n.t('Counting the servers of the key…'), (signal) => loadClKeyServers(account, node, { signal }));
  const below = limit > 0 && servers.length > limit ? ` ${vscode.l10n.t('The key holds {0}: more than the new limit.', NOUNS.server().count(servers.length))}` : '';
  await confirmOrStop(context, {
    message: vscode.l10n.t('Update {0}?', describeNode(node)),
    detail: vscode.l10n.t('Changes: {0}.', changes.join(', ')) + below,
    action: vscode.l10n.t('Update'),
  });
  const key = node.key.key;
  // CLN requires the limit with every update (REST-PDF); the note is sent as it now is (empty clears it).
  await runBulk(context, {
    commandId: 'cln.updateClKey',
    verb: VERBS.update(),
    noun: NOUNS.key(),
    items: [node],
    describe: (item) => vscode.l10n.t('{0}: {1}', describeNode(item), changes.join(', ')),
    planned: () => ({ action: 'cl.key.update', args: { key, limit, note } }),
    run: async () => {
      await account.change('cl.key.update', { key, limit, note });
    },
  });
  return { limit, note };
}

/** Servers per key, or the reason they could not be listed. */
type ServerList = { names: string[] } | { unknown: string };

/** Remove CloudLinux OS Key: the selected keys or one picked, after a modal naming the servers each takes with it. */
export async function removeClKey(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const nodes = nodesOf(clicked, selected);
  const { matching, skipped } = nodes.length ? splitTargets(nodes, 'clKey') : { matching: [await pickClKey(context, account, vscode.l10n.t('Key to remove'))], skipped: [] };
  const lists: ServerList[] = matching.length
    ? await withProgress(vscode.l10n.t('Listing the servers of the keys to remove…'), (signal) =>
        Promise.all(
          matching.map((key) =>
            loadClKeyServers(account, key, { force: true, signal }).then(
              (servers): ServerList => ({ names: servers.map((s) => describeNode(s)) }),
              (error: unknown): ServerList => {
                if (signal.aborted) throw error;
                return { unknown: error instanceof Error ? error.message : String(error) };
              },
            ),
          ),
        ),
      )
    : [];
  return runConfirmed<ClKeyNode>(context, (keys) => removalText(keys, lists), {
    commandId: 'cln.removeClKey',
    verb: VERBS.remove(),
    noun: NOUNS.key(),
    items: matching,
    describe: describeNode,
    skipped,
    planned: (node) => ({ action: 'cl.key.remove', args: { key: node.key.key } }),
    run: async (node) => {
      await account.change('cl.key.remove', { key: node.key.key });
      return undefined;
    },
  });
}

function countOf(list: ServerList): string {
  return 'names' in list ? NOUNS.server().count(list.names.length) : vscode.l10n.t('an unknown number of servers');
}

function removalText(keys: readonly ClKeyNode[], lists: readonly ServerList[]): { message: string; detail: string } {
  const unknown = lists.flatMap((l) => ('unknown' in l ? [l.unknown] : []));
  const caveat = unknown.length ? `\n\n${vscode.l10n.t('The servers could not be listed: {0}', unknown[0])}` : '';
  if (keys.length === 1) {
    const list = lists[0];
    const message =
      'names' in list && list.names.length === 0
        ? vscode.l10n.t('Remove {0}? It has no servers.', describeNode(keys[0]))
        : vscode.l10n.t('Remove {0} and its {1}?', describeNode(keys[0]), countOf(list));
    const detail =
      'names' in list && list.names.length
        ? vscode.l10n.t('These servers lose their CloudLinux OS license: {0}. This cannot be undone.', listNames(list.names, 10))
        : vscode.l10n.t('This cannot be undone.');
    return { message, detail: `${detail}${caveat}` };
  }
  const total = lists.reduce((sum, l) => sum + ('names' in l ? l.names.length : 0), 0);
  const lines = keys.slice(0, 10).map((key, i) => vscode.l10n.t('{0} — {1}', describeNode(key), countOf(lists[i])));
  if (keys.length > 10) lines.push(vscode.l10n.t('…and {0} more', keys.length - 10));
  return {
    message: vscode.l10n.t('Remove {0} keys and their {1}?', keys.length, NOUNS.server().count(total)),
    detail: `${vscode.l10n.t('The servers of these keys lose their CloudLinux OS license:\n{0}\nThis cannot be undone.', lines.join('\n'))}${caveat}`,
  };
}

/** Remove CloudLinux OS Server: the selected servers, or one picked from the account. */
export async function removeClServer(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const nodes = nodesOf(clicked, selected);
  let matching: ClServerNode[];
  let skipped: string[] = [];
  if (nodes.length) ({ matching, skipped } = splitTargets(nodes, 'clServer'));
  else {
    const servers = await withProgress(vscode.l10n.t('Reading the CloudLinux OS servers…'), (signal) => loadAllClServers(account, { signal }));
    if (servers.length === 0) throw stop(context, vscode.l10n.t('This account has no CloudLinux OS servers.'));
    const items = servers.map((node) => ({
      label: node.server.hostname ?? node.server.ip ?? String(node.server.id),
      description: node.server.hostname ? (node.server.ip ?? '') : '',
      detail: clProductName(node.product),
      node,
    }));
    matching = [(await context.ui.prompter.pick(items, { title: vscode.l10n.t('Server to remove'), placeHolder: vscode.l10n.t('A CloudLinux OS server') })).node];
  }
  return runConfirmed<ClServerNode>(
    context,
    (items) => ({
      message: items.length === 1 ? vscode.l10n.t('Remove {0}?', describeNode(items[0])) : vscode.l10n.t('Remove {0} servers?', items.length),
      detail:
        items.length === 1
          ? vscode.l10n.t('The server loses its CloudLinux OS license and must be activated again to get it back: {0}.', listNames(items.map(describeNode), 10))
          : vscode.l10n.t('These servers lose their CloudLinux OS licenses and must be activated again to get them back: {0}.', listNames(items.map(describeNode), 10)),
    }),
    {
      commandId: 'cln.removeClServer',
      verb: VERBS.remove(),
      noun: NOUNS.server(),
      items: matching,
      describe: describeNode,
      skipped,
      planned: (node) => ({ action: 'cl.srv.remove', args: { id: node.server.id }, where: { key: node.server.key } }),
      run: async (node) => {
        await account.change('cl.srv.remove', { id: node.server.id });
        return undefined;
      },
    },
  );
}
