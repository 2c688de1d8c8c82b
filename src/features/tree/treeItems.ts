/** Renders a node as a TreeItem: the look its kind's entry describes (explorer/kinds.ts), in VS Code's terms. */
import * as vscode from 'vscode';
import { contextValueOf, Field, lookOf, LookContext } from '../../explorer/kinds';
import type { ExplorerNode, LoadMoreNode, MessageNode, TreeNode } from '../../explorer/nodes';
import { escapeMarkdown } from '../../ui/markdown';

export interface RenderContext extends LookContext {
  id: string;
}

const WARNING = new vscode.ThemeColor('list.warningForeground');

export function treeItemFor(node: TreeNode, context: RenderContext): vscode.TreeItem {
  const item = node.kind === 'message' || node.kind === 'loadMore' ? placeholderItem(node) : explorerItem(node, context);
  item.id = context.id;
  return item;
}

function placeholderItem(node: MessageNode | LoadMoreNode): vscode.TreeItem {
  if (node.kind === 'loadMore') {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more ({0} remaining)', node.remaining));
    item.iconPath = new vscode.ThemeIcon('unfold');
    item.command = { command: 'cln.loadMore', title: vscode.l10n.t('Load more'), arguments: [node] };
    item.contextValue = 'loadMore';
    return item;
  }
  const item = new vscode.TreeItem(node.text);
  if (node.tone === 'unchecked') {
    // "12 keys not checked — Check Their Servers" (Show Problems Only): a click reads them, nothing else does.
    item.iconPath = new vscode.ThemeIcon('search');
    item.tooltip = node.detail;
    // A string tooltip would be the row's accessible name: the label comes first, what a click does after.
    item.accessibilityInformation = { label: node.detail ? `${node.text}. ${node.detail}` : node.text };
    // No argument: VS Code keeps a tree item's command arguments in a cache it empties when the list is fetched
    // again, and a click on a row drawn just before that would find nothing. The click selects the row: the command reads the selection.
    item.command = { command: 'cln.checkKeyServers', title: vscode.l10n.t('Check Their Servers') };
    item.contextValue = 'message unchecked';
    return item;
  }
  const icon = new Map([
    ['error', ['error', new vscode.ThemeColor('errorForeground')]],
    ['warning', ['warning', WARNING]],
    ['empty', ['info', undefined]],
    ['loading', ['loading~spin', undefined]],
  ] as const).get(node.tone)!;
  item.iconPath = new vscode.ThemeIcon(icon[0], icon[1]);
  item.tooltip = node.detail ? `${node.text}\n\n${node.detail}` : node.text;
  // The label stays short; Retry and Show Log are inline actions (package.json), and a click retries too.
  if (node.retry) item.command = { command: 'cln.refresh', title: vscode.l10n.t('Retry'), arguments: [node] };
  item.contextValue = ['message', node.tone, node.retry && 'retryable', 'copy-message'].filter(Boolean).join(' ');
  return item;
}

function explorerItem(node: ExplorerNode, context: LookContext): vscode.TreeItem {
  const look = lookOf(node, context);
  const item = new vscode.TreeItem(look.label, look.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.description = look.description.filter(Boolean).join(' · ');
  item.iconPath = look.warn ? new vscode.ThemeIcon('warning', WARNING) : new vscode.ThemeIcon(look.icon, look.dimmed ? new vscode.ThemeColor('disabledForeground') : undefined);
  item.tooltip = tooltip(look.title, look.fields, look.warn);
  item.contextValue = contextValueOf(node);
  return item;
}

function tooltip(title: string, fields: Field[], warn: string | undefined): vscode.MarkdownString {
  const lines = [`**${escapeMarkdown(title)}**`, ''];
  if (warn) lines.push(`$(warning) ${escapeMarkdown(warn)}`, '');
  for (const [label, value] of fields) if (value !== undefined) lines.push(`${vscode.l10n.t('{0}: {1}', label, escapeMarkdown(formatValue(value)))}  `);
  return new vscode.MarkdownString(lines.join('\n'), true);
}

function formatValue(value: Exclude<Field[1], undefined>): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? vscode.l10n.t('yes') : vscode.l10n.t('no');
  if (value instanceof Date) return value.toLocaleString();
  return String(value);
}
