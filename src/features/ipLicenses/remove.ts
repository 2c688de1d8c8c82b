import { appendTo } from '../../cln/collections';
import * as vscode from 'vscode';
import type { QuickPickItem } from 'vscode';
import { ipTypeName } from '../../cln/catalog';
import type { AccountService } from '../../services/accountService';
import { requireAccount } from '../../ui/requireAccount';
import { BulkReport, NOUNS, runConfirmed, VERBS } from '../../ui/bulk';
import { askIp } from '../../ui/inputs';
import { stop } from '../../ui/notify';
import { withProgress } from '../../ui/progress';
import { nodesOf, splitTargets } from '../../ui/targets';
import { typeList } from '../../ui/ipTypes';
import type { CommandContext } from '../../ui/registerCommand';

/** One removal: a type of an IP, or every type when `type` is undefined. `lost`: the types the IP loses. */
interface Removal {
  ip: string;
  type?: number;
  lost: number[];
}

/**
 * Remove IP License. From the tree: the selected licenses. From the palette:
 * the IP (one of the account's, or another typed in), then which type or all,
 * then a modal naming what will be lost.
 */
export async function removeIpLicense(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const nodes = nodesOf(clicked, selected);
  let removals: Removal[];
  let skipped: string[] = [];
  if (nodes.length > 0) {
    const targets = splitTargets(nodes, 'ipLicense');
    removals = targets.matching.map(({ license }) => ({ ip: license.ip, type: license.type, lost: [license.type] }));
    skipped = targets.skipped;
  } else {
    removals = [await askRemoval(context, account)];
  }
  return runConfirmed(context, confirmation, {
    commandId: 'cln.removeIpLicense',
    verb: VERBS.remove(),
    noun: NOUNS.ipLicense(),
    items: removals,
    describe,
    skipped,
    run: async ({ ip, type }) => {
      const removed = await account.change('ipl.remove', type === undefined ? { ip } : { ip, type });
      return removed ? undefined : vscode.l10n.t('CLN found no such license owned by this account (it answered "false")');
    },
  });
}

function describe({ ip, type }: Removal): string {
  return type === undefined ? vscode.l10n.t('all licenses of {0}', ip) : vscode.l10n.t('the {0} license of {1}', ipTypeName(type), ip);
}

type IpItem = QuickPickItem & { ip?: string; types?: number[] };
type TypeItem = QuickPickItem & { type?: number };

async function askRemoval(context: CommandContext, account: AccountService): Promise<Removal> {
  const { prompter } = context.ui;
  const picked = await prompter.pick(ipItems(account), {
    title: vscode.l10n.t('IP address'),
    placeHolder: vscode.l10n.t('The IP address to remove a license from'),
    matchOnDescription: true,
  });
  const ip = picked.ip ?? (await askIp(prompter, { title: vscode.l10n.t('IP address'), prompt: vscode.l10n.t('The IP address to remove a license from') }));
  const types = picked.types ?? (await withProgress(vscode.l10n.t('Reading the licenses of {0}…', ip), (signal) => account.read('ipl.availability', { ip }, { signal }))).owned;
  if (types.length === 0) throw stop(context, vscode.l10n.t('This account has no IP license for {0}; nothing to remove.', ip));
  const items: TypeItem[] = [
    ...types.map((type) => ({ label: ipTypeName(type), description: vscode.l10n.t('type {0}', type), type })),
    { label: vscode.l10n.t('All types'), description: types.length === 1 ? vscode.l10n.t('1 license') : vscode.l10n.t('{0} licenses', types.length) },
  ];
  const choice = await prompter.pick(items, { title: vscode.l10n.t('License to remove'), placeHolder: vscode.l10n.t('Which license of {0} to remove', ip) });
  return { ip, type: choice.type, lost: choice.type === undefined ? types : [choice.type] };
}

/** The account's licensed IPs with their types, and a way to type another IP. */
async function ipItems(account: AccountService): Promise<IpItem[]> {
  const byIp = new Map<string, number[]>();
  for (const license of await account.read('ipl.list', {})) appendTo(byIp, license.ip, license.type);
  return [
    { label: `$(edit) ${vscode.l10n.t('Enter another IP…')}`, description: vscode.l10n.t('an address not listed here') },
    ...[...byIp].map(([ip, types]) => ({ label: ip, description: typeList(types), ip, types })),
  ];
}

function confirmation(removals: readonly Removal[]): { message: string; detail: string } {
  if (removals.length === 1) {
    const { ip, lost } = removals[0];
    const message =
      lost.length === 1 ? vscode.l10n.t('Remove the {0} license of {1}?', ipTypeName(lost[0]), ip) : vscode.l10n.t('Remove all {0} IP licenses of {1} ({2})?', lost.length, ip, typeList(lost));
    return { message, detail: vscode.l10n.t('The server at {0} stops being licensed for {1}. This cannot be undone.', ip, typeList(lost)) };
  }
  const shown = removals.slice(0, 10).map(describe);
  const more = removals.length > 10 ? [vscode.l10n.t('…and {0} more', removals.length - 10)] : [];
  return {
    message: vscode.l10n.t('Remove {0} IP licenses?', removals.length),
    detail: vscode.l10n.t('These servers stop being licensed:\n{0}\nThis cannot be undone.', [...shown, ...more].join('\n')),
  };
}
