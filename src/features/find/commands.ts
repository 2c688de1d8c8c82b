/**
 * CLN: Find… (the whole account, results as they arrive, picking reveals) and Sort All Servers:
 * `index.ts` hands them to the feature table.
 */
import * as vscode from 'vscode';
import { findEverywhere, Found, whereFound } from './core/find';
import { HOST_ORDERS, HostOrder } from '../../explorer/hosts';
import { describeNode, lookOf } from '../../explorer/kinds';
import type { TreeNode } from '../../explorer/nodes';
import type { ExplorerSurface } from '../../ui/surfaces';
import type { CommandContext, CommandHandler } from '../../ui/registerCommand';
import { requireAccount } from '../../ui/requireAccount';
import { tell } from '../../ui/notify';

interface FoundItem extends vscode.QuickPickItem {
  found: Found;
}

/** Find… and Sort All Servers, by id. */
export function findHandlers(context: CommandContext, views: ExplorerSurface): Record<string, CommandHandler> {
  return {
    'cln.find': (_, text) => find(context, views, typeof text === 'string' ? text : undefined),
    'cln.sortAllServers': () => sortServers(context, views),
  };
}

/**
 * Asks for a text, searches the whole account (results in a pick as CLN
 * answers; closing the pick stops the search) and shows the chosen result
 * in its view, expanding the path to it. Returns the node shown.
 */
async function find(context: CommandContext, views: ExplorerSurface, given?: string): Promise<TreeNode | undefined> {
  const account = requireAccount(context);
  const needle = (
    given ??
    (await context.ui.prompter.input({
      title: vscode.l10n.t('Find in the CLN Account'),
      prompt: vscode.l10n.t('An IP, hostname, key, server id or part of a note. Searches the whole account, not only what the views have loaded.'),
      placeHolder: vscode.l10n.t('e.g. 203.0.113.7 or web-01'),
      validateInput: (value) =>
        value.trim().length === 0 ? vscode.l10n.t('Type an IP, hostname, key, server id or note to find.') : value.length > 200 ? vscode.l10n.t('At most {0} characters.', 200) : undefined,
    }))
  ).trim();
  const look = { staleDays: Number.MAX_SAFE_INTEGER, now: Date.now() };
  const picked = await context.ui.prompter.pickAsTheyArrive<FoundItem>(
    {
      title: vscode.l10n.t('Find "{0}" in the CLN account', needle),
      placeHolder: vscode.l10n.t('Results appear as CLN answers; pick one to show it in its view'),
      matchOnDescription: true,
      matchOnDetail: true,
    },
    (add, signal) =>
      findEverywhere(account, needle, {
        signal,
        onFound: (found) =>
          add(
            found.map((f) => {
              const shown = lookOf(f.node, look);
              return { label: `$(${shown.icon}) ${shown.label}`, description: whereFound(f), detail: describeNode(f.node), found: f };
            }),
          ),
      }),
  );
  const node = await views.reveal(picked.found.view, picked.found.path);
  if (!node) tell(context, 'warning', vscode.l10n.t('{0} is no longer in the account (it changed since the search).', describeNode(picked.found.node)));
  return node;
}

async function sortServers(context: CommandContext, views: ExplorerSurface): Promise<void> {
  const current = views.serversOrder;
  const items = (Object.keys(HOST_ORDERS) as HostOrder[]).map((order) => ({ label: HOST_ORDERS[order], description: order === current ? vscode.l10n.t('current') : undefined, order }));
  const chosen = await context.ui.prompter.pick(items, {
    title: vscode.l10n.t('Sort All Servers by'),
    placeHolder: vscode.l10n.t('IP address, hostname, or the servers whose oldest check-in is oldest first'),
  });
  await views.sortServers(chosen.order);
}
