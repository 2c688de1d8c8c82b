/** Commands about what the views show: refresh, load more, filter, copy, service status. */
import * as vscode from 'vscode';
import { headline, readingLine } from '../../services/health';
import { copyableValues } from '../../explorer/kinds';
import { SORT_ORDERS, SortOrder } from '../../explorer/arrange';
import type { ExplorerSurface, StatusSurface } from '../../ui/surfaces';
import type { LoadMoreNode, TreeNode } from '../../explorer/nodes';
import { tell } from '../../ui/notify';
import { withProgress } from '../../ui/progress';
import { UserCancelledError } from '../../ui/prompter';
import type { CommandContext, CommandHandler } from '../../ui/registerCommand';

/** `<publisher>.<name>#<walkthrough id>`, as workbench.action.openWalkthrough takes it. */
export const WALKTHROUGH = 'cln-explorer.cln-explorer#cln.gettingStarted';

const isTreeNode = (value: unknown): value is TreeNode => typeof value === 'object' && value !== null && typeof (value as TreeNode).kind === 'string';

/** The view commands, by id. */
export function viewCommands(context: CommandContext, views: ExplorerSurface, status: StatusSurface): Record<string, CommandHandler> {
  return {
    'cln.refresh': async (_, node) => views.refresh(isTreeNode(node) ? node : undefined),
    'cln.retry': async (_, node) => views.refresh(isTreeNode(node) ? node : undefined),
    'cln.showLog': async () => context.log.show(),
    'cln.loadMore': async (_, node) => {
      if (isTreeNode(node) && node.kind === 'loadMore') views.loadMore(node as LoadMoreNode);
    },
    'cln.filter': () => filter(context, views),
    'cln.clearFilter': () => views.setFilter(undefined),
    'cln.sortBy': () => sortBy(context, views),
    'cln.showProblemsOnly': () => views.arrange('licenses', { problemsOnly: true }),
    'cln.showAllItems': () => views.arrange('licenses', { problemsOnly: false }),
    'cln.checkKeyServers': (_, node) => checkKeyServers(context, views, node),
    'cln.copyValue': (_, node, selected) => copyValue(context, views, node, selected),
    // The Copy submenu: one command per value (explorer/kinds.ts `copyable`, flags `copy-<slug>` in contextValue).
    ...Object.fromEntries(
      COPY_SLUGS.map((slug) => [`cln.copy${slug.charAt(0).toUpperCase()}${slug.slice(1)}`, (_: CommandContext, node: unknown, selected: unknown) => copyNamed(views, slug, node, selected)]),
    ),
    'cln.showStatus': () => showStatus(context, status),
    // The first-run walkthrough (package.json `walkthroughs`), beside VS Code's Welcome page.
    'cln.openWalkthrough': async () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false),
  };
}

async function filter(context: CommandContext, views: ExplorerSurface): Promise<void> {
  const text = await context.ui.prompter.input({
    title: vscode.l10n.t('Filter Licenses, Server Groups and All Servers'),
    prompt: vscode.l10n.t('All three views show only rows whose IP, key, hostname or note contains this text (case-insensitive), and the folders holding them. Leave empty to show everything.'),
    placeHolder: vscode.l10n.t('e.g. 203.0.113 or web cluster'),
    value: views.filter ?? '',
    validateInput: (value) => (value.length > 200 ? vscode.l10n.t('The filter may have at most {0} characters.', 200) : undefined),
  });
  await views.setFilter(text);
}

const COPY_SLUGS = ['ip', 'hostname', 'key', 'note', 'serverId', 'server', 'backupId', 'groupName', 'message'];

/** One named value of the clicked node, or of each selected node that has it, one per line. */
async function copyNamed(views: ExplorerSurface, slug: string, clicked: unknown, selected: unknown): Promise<string | undefined> {
  const nodes = Array.isArray(selected) && selected.length > 1 ? selected.filter(isTreeNode) : isTreeNode(clicked) ? [clicked] : [...views.selection];
  const values = nodes.map((node) => copyableValues(node).find((value) => value.slug === slug)?.value).filter((value): value is string => Boolean(value));
  if (values.length === 0) return undefined;
  const text = values.join('\n');
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(copy) ${values.length > 1 ? vscode.l10n.t('Copied {0} values', values.length) : vscode.l10n.t('Copied {0}', text)}`, 4000);
  return text;
}

/** Sort By…: the order of IP licenses and servers in the Licenses view, kept for the workspace. */
async function sortBy(context: CommandContext, views: ExplorerSurface): Promise<SortOrder> {
  const current = views.arrangementOf('licenses').sort;
  const items = SORT_ORDERS.map((entry) => ({ label: entry.label, description: entry.order === current ? vscode.l10n.t('current') : undefined, detail: entry.detail, order: entry.order }));
  const { order } = await context.ui.prompter.pick(items, { title: vscode.l10n.t('Sort IP licenses and servers by') });
  await views.arrange('licenses', { sort: order });
  return order;
}

/**
 * From a node's context menu: its value, or with several values a pick among them;
 * several selected nodes copy their first values, one per line. From the palette:
 * the same for the views' selection.
 */
async function copyValue(context: CommandContext, views: ExplorerSurface, clicked: unknown, selected: unknown): Promise<string | undefined> {
  const selection = Array.isArray(selected) && selected.length > 1 ? selected.filter(isTreeNode) : isTreeNode(clicked) ? [clicked] : [...views.selection];
  const offers = selection.map(copyableValues).filter((values) => values.length > 0);
  if (offers.length === 0) {
    tell(context, 'info', vscode.l10n.t('Select a license, key, server, backup or group in the CloudLinux Network views, then run Copy again.'));
    return undefined;
  }
  let text: string;
  if (offers.length > 1) text = offers.map((values) => values[0].value).join('\n');
  else if (offers[0].length === 1) text = offers[0][0].value;
  else {
    const choice = await context.ui.prompter.pick(
      offers[0].map((value) => ({ label: value.value, description: value.label })),
      { title: vscode.l10n.t('Copy which value?') },
    );
    text = choice.label;
  }
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(copy) ${offers.length > 1 ? vscode.l10n.t('Copied {0} values', offers.length) : vscode.l10n.t('Copied {0}', text)}`, 4000);
  return text;
}

/**
 * The "N keys not checked — Check Their Servers" row of Show Problems Only: reads those keys'
 * servers (one request per key, a few at a time, under a cancellable progress), so the list then
 * shows the keys that are problems. Answers how it went, in numbers (no key strings).
 */
async function checkKeyServers(context: CommandContext, views: ExplorerSurface, clicked: unknown): Promise<{ total: number; read: number; failed: number; cancelled: boolean } | undefined> {
  const isRow = (node: unknown): node is TreeNode => isTreeNode(node) && node.kind === 'message' && node.tone === 'unchecked';
  // The row's click passes nothing (see treeItems.ts): the row is the one selected.
  const row = isRow(clicked) ? clicked : views.selection.find(isRow);
  if (!row) {
    tell(context, 'info', vscode.l10n.t('Turn on Show Problems Only in the Licenses view, then click a "keys not checked" row to read those keys\' servers.'));
    return undefined;
  }
  let check: Awaited<ReturnType<ExplorerSurface['checkServers']>>;
  try {
    check = await withProgress(vscode.l10n.t('Reading the servers of the keys not checked'), (signal, report) =>
      views.checkServers(row, { signal, onRead: (done, total) => report(vscode.l10n.t('{0} of {1} keys', done.toLocaleString('en-US'), total.toLocaleString('en-US'))) }),
    );
  } catch (error) {
    if (error instanceof UserCancelledError) return undefined;
    throw error;
  }
  if (!check) {
    tell(context, 'info', vscode.l10n.t('This row is out of date: the list changed since. Look at the list again.'));
    return undefined;
  }
  const { total, read, failed, cancelled } = check;
  if (failed.length > 0) {
    const first = failed[0].error;
    tell(
      context,
      'error',
      vscode.l10n.t(
        'Could not read the servers of {0} of {1} keys; they stay behind the "not checked" row (click it to try again). {2}',
        failed.length.toLocaleString('en-US'),
        total.toLocaleString('en-US'),
        first instanceof Error ? first.message : String(first),
      ),
      { [vscode.l10n.t('Show Log')]: () => context.log.show() },
    );
  } else if (cancelled) {
    tell(context, 'info', vscode.l10n.t('Cancelled: read the servers of {0} of {1} keys; the rest stay behind the "not checked" row.', read.toLocaleString('en-US'), total.toLocaleString('en-US')));
  }
  return { total, read, failed: failed.length, cancelled };
}

/** Checks again and shows every reading, in words; signed out it asks nothing and offers the ways in. */
async function showStatus(context: CommandContext, status: StatusSurface): Promise<void> {
  if (status.health === 'signedOut') {
    tell(context, 'info', vscode.l10n.t('CLN service status is checked once you sign in or explore the demo; nothing is sent to CLN until then.'), {
      [vscode.l10n.t('Sign In')]: () => vscode.commands.executeCommand('cln.signIn'),
      [vscode.l10n.t('Explore Demo Data')]: () => vscode.commands.executeCommand('cln.useDemoData'),
    });
    return;
  }
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking CLN service status…') }, () => status.check());
  if (report.health === 'unreachable') {
    tell(context, 'error', `${headline(report, status.isDemo)}. ${report.reason ?? ''}`.trim(), {
      [vscode.l10n.t('Retry')]: () => vscode.commands.executeCommand('cln.showStatus'),
      [vscode.l10n.t('Show Log')]: () => context.log.show(),
    });
    return;
  }
  const icons = { problem: '$(warning)', ok: '$(check)', notReported: '$(circle-slash)', info: '$(info)' };
  const details = { problem: undefined, ok: undefined, notReported: vscode.l10n.t('CLN did not report this; not a problem.'), info: undefined };
  const items = report.readings.map((reading) => ({ label: `${icons[reading.state]} ${readingLine(reading)}`, detail: details[reading.state] }));
  await context.ui.prompter.pick(items, { title: headline(report, status.isDemo), placeHolder: vscode.l10n.t('What CLN reported about its services') });
}
