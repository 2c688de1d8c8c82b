/** How each node looks: label, description, icon, Markdown tooltip, contextValue, click action. */
import * as vscode from 'vscode';
import { ELS_CODES, IMUNIFY_CODES, ipTypeName, nameOf } from '../cln/catalog';
import { FAMILY_NAMES } from '../commands/common/describe';
import { checkinState, CheckinState, daysAgo, shortDate } from './checkin';
import { contextValueOf, ExplorerNode } from './model';
import { escapeMarkdown } from './markdown';
import type { TreeNode } from './nodes';

export interface RenderContext {
  id: string;
  staleDays: number;
  now: number;
  /** Loaded children of a container, all and matching the filter. */
  counts?: { total: number; matching: number };
}

type Field = [label: string, value: string | number | boolean | Date | null | undefined];

const FAMILY_ICONS = { ip: 'globe', kcare: 'server-process', im: 'shield', els: 'history', backups: 'archive' } as const;
const WARNING = new vscode.ThemeColor('list.warningForeground');

export function treeItemFor(node: TreeNode, context: RenderContext): vscode.TreeItem {
  const item = node.kind === 'message' || node.kind === 'loadMore' ? placeholderItem(node) : explorerItem(node, context);
  item.id = context.id;
  return item;
}

function placeholderItem(node: Extract<TreeNode, { kind: 'message' | 'loadMore' }>): vscode.TreeItem {
  if (node.kind === 'loadMore') {
    const item = new vscode.TreeItem(`Load more (${node.remaining} remaining)`);
    item.iconPath = new vscode.ThemeIcon('unfold');
    item.command = { command: 'cln.loadMore', title: 'Load more', arguments: [node] };
    item.contextValue = 'loadMore';
    return item;
  }
  const item = new vscode.TreeItem(node.text);
  const icon = { error: ['error', new vscode.ThemeColor('errorForeground')], warning: ['warning', WARNING], empty: ['info', undefined] } as const;
  item.iconPath = new vscode.ThemeIcon(icon[node.tone][0], icon[node.tone][1]);
  item.tooltip = node.detail ? `${node.text}\n\n${node.detail}` : node.text;
  if (node.retry) {
    item.description = 'Retry';
    item.command = { command: 'cln.refresh', title: 'Retry', arguments: [node] };
  }
  item.contextValue = node.retry ? 'message retryable' : 'message';
  return item;
}

function explorerItem(node: ExplorerNode, context: RenderContext): vscode.TreeItem {
  const look = lookOf(node, context);
  const item = new vscode.TreeItem(look.label, look.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.description = look.description.filter(Boolean).join(' · ');
  item.iconPath = look.warn ? new vscode.ThemeIcon('warning', WARNING) : new vscode.ThemeIcon(look.icon, look.color);
  item.tooltip = tooltip(look.title, look.fields, look.warn);
  item.contextValue = contextValueOf(node);
  return item;
}

interface Look {
  label: string;
  description: (string | null | undefined | false)[];
  icon: string;
  color?: vscode.ThemeColor;
  expandable?: boolean;
  title: string;
  fields: Field[];
  /** A line that explains a warning icon (stale or never checked in). */
  warn?: string;
}

function lookOf(node: ExplorerNode, context: RenderContext): Look {
  switch (node.kind) {
    case 'family':
      return { label: FAMILY_NAMES[node.family], description: [], icon: FAMILY_ICONS[node.family], expandable: true, title: FAMILY_NAMES[node.family], fields: [] };
    case 'ipType':
      return container(ipTypeName(node.type), 'tag', `Type ${node.type}`, context, 'license');
    case 'elsCode':
      return container(nameOf(ELS_CODES, node.code) ?? (node.code || 'Unknown product'), 'package', node.code, context, 'key');
    case 'ipLicense': {
      const { license, info } = node;
      const checkin = info && license.registered ? checkinOf(info.lastCheckin, context) : undefined;
      return {
        label: license.ip,
        description: [license.registered ? 'registered' : 'not registered', license.created && `created ${shortDate(license.created)}`, checkin?.marker],
        icon: license.registered ? 'vm-active' : 'vm-outline',
        title: `IP license ${license.ip}`,
        fields: [
          ['IP', license.ip],
          ['Type', `${ipTypeName(license.type)} (${license.type})`],
          ['Registered', license.registered],
          ['Created', license.created],
          ['Server', info ? (info.serverInfo ?? 'none reported') : 'details not loaded'],
          ['Last check-in', info ? (info.lastCheckin ?? 'never') : undefined],
        ],
        warn: checkin?.warn,
      };
    }
    case 'kcareKey': {
      const { key } = node;
      return {
        label: key.key,
        description: [key.note, limitText(key.limit), !key.enabled && 'disabled'],
        icon: 'key',
        color: key.enabled ? undefined : new vscode.ThemeColor('disabledForeground'),
        expandable: true,
        title: 'KernelCare key',
        fields: [['Key', key.key], ['Note', key.note], ['Server limit', limitText(key.limit)], ['Enabled', key.enabled], ['Created', key.created]],
      };
    }
    case 'imKey': {
      const { key } = node;
      const product = nameOf(IMUNIFY_CODES, key.code) ?? key.code;
      return {
        label: key.key,
        description: [product, key.servers !== null && `${key.servers} servers`, limitText(key.limit), key.note],
        icon: 'key',
        expandable: true,
        title: 'Imunify key',
        fields: [['Key', key.key], ['Product', `${product} (${key.code})`], ['Servers', key.servers], ['Server limit', limitText(key.limit)], ['Note', key.note]],
      };
    }
    case 'elsKey': {
      const { key } = node;
      return {
        label: key.key,
        description: [key.note, limitText(key.limit)],
        icon: 'key',
        expandable: true,
        title: 'ELS key',
        fields: [['Key', key.key], ['Product', key.code], ['Server limit', limitText(key.limit)], ['Note', key.note]],
      };
    }
    case 'kcareServer':
    case 'imServer': {
      const { server } = node;
      const id = node.kind === 'kcareServer' ? node.server.serverId : node.server.id;
      const checkin = checkinOf(server.lastCheckin, context);
      return {
        label: server.ip ?? id,
        description: [server.ip && id, checkin.marker],
        icon: 'server',
        title: node.kind === 'kcareServer' ? 'KernelCare server' : 'Imunify server',
        fields: [
          ['Server id', id],
          ['IP', server.ip],
          ['Key', server.key],
          ...(node.kind === 'kcareServer' ? ([['Registered', node.server.created]] as Field[]) : []),
          ['Last check-in', server.lastCheckin ?? 'never'],
        ],
        warn: checkin.warn,
      };
    }
    case 'elsServer': {
      const { server } = node;
      return {
        label: server.hostname ?? server.ip ?? server.id,
        description: [server.hostname && server.ip, server.id],
        icon: 'server',
        title: 'ELS server',
        fields: [['Server id', server.id], ['Hostname', server.hostname], ['IP', server.ip], ['Key', server.key]],
      };
    }
    case 'backup': {
      const { backup } = node;
      return {
        label: `Backup ${backup.backupId}`,
        description: [`${backup.size} GB`, backup.datacenter, `server ${backup.serverId}`],
        icon: 'database',
        title: `Backup ${backup.backupId}`,
        fields: [['Backup id', backup.backupId], ['Size', `${backup.size} GB`], ['Datacenter', backup.datacenter], ['Server id', backup.serverId]],
      };
    }
    case 'group': {
      const { group } = node;
      return { label: group.name, description: [group.description], icon: 'server-environment', expandable: true, title: 'Server group', fields: [['Name', group.name], ['Description', group.description]] };
    }
    case 'groupServer': {
      const { server } = node;
      return {
        label: server.hostname ?? server.ip ?? server.id,
        description: [server.hostname && server.ip, server.type, server.id],
        icon: 'server',
        title: `Server in group "${node.groupName}"`,
        fields: [['Server id', server.id], ['Hostname', server.hostname], ['IP', server.ip], ['Type', server.type], ['Group', node.groupName]],
      };
    }
  }
}

function container(label: string, icon: string, title: string, context: RenderContext, noun: string): Look {
  const counts = context.counts;
  const plural = (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const text = !counts ? undefined : counts.matching === counts.total ? plural(counts.total) : `${counts.matching} of ${plural(counts.total)}`;
  return { label, description: [text], icon, expandable: true, title, fields: [] };
}

function checkinOf(lastCheckin: Date | null, context: RenderContext): { state: CheckinState; marker: string; warn?: string } {
  const state = checkinState(lastCheckin, context.staleDays, context.now);
  if (state === 'never') return { state, marker: 'never checked in', warn: 'This server has never checked in.' };
  const ago = daysAgo(lastCheckin!, context.now);
  if (state === 'stale') return { state, marker: `stale (checked in ${ago})`, warn: `Stale: no check-in for more than ${context.staleDays} days (cln.staleCheckinDays).` };
  return { state, marker: `checked in ${ago}` };
}

function limitText(limit: number): string {
  return limit === 0 ? 'unlimited' : `limit ${limit}`;
}

function tooltip(title: string, fields: Field[], warn: string | undefined): vscode.MarkdownString {
  const lines = [`**${escapeMarkdown(title)}**`, ''];
  if (warn) lines.push(`$(warning) ${escapeMarkdown(warn)}`, '');
  for (const [label, value] of fields) if (value !== undefined) lines.push(`${label}: ${escapeMarkdown(formatValue(value))}  `);
  return new vscode.MarkdownString(lines.join('\n'), true);
}

function formatValue(value: Exclude<Field[1], undefined>): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) return value.toLocaleString();
  return String(value);
}
