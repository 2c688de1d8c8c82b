import type { QuickPickItem } from 'vscode';
import { ipTypeName } from '../cln/catalog';
import type { AccountService } from '../services/account';
import { requireAccount } from './common/account';
import { BulkReport, REMOVE, runConfirmed } from './common/bulk';
import { count } from './common/describe';
import { askIp } from './common/inputs';
import { stop } from './common/notify';
import { withProgress } from './common/progress';
import { nodesOf, splitTargets } from './common/targets';
import { typeList } from './ipTypes';
import type { CommandContext } from '../ui/registerCommand';

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
    verb: REMOVE,
    noun: { one: 'IP license', many: 'IP licenses' },
    items: removals,
    describe,
    skipped,
    run: async ({ ip, type }) => {
      const removed = await account.change('ipl.remove', type === undefined ? { ip } : { ip, type });
      return removed ? undefined : 'CLN found no such license owned by this account (it answered "false")';
    },
  });
}

function describe({ ip, type }: Removal): string {
  return type === undefined ? `all licenses of ${ip}` : `the ${ipTypeName(type)} license of ${ip}`;
}

type IpItem = QuickPickItem & { ip?: string; types?: number[] };
type TypeItem = QuickPickItem & { type?: number };

async function askRemoval(context: CommandContext, account: AccountService): Promise<Removal> {
  const { prompter } = context.ui;
  const picked = await prompter.pick(ipItems(account), {
    title: 'IP address',
    placeHolder: 'The IP address to remove a license from',
    matchOnDescription: true,
  });
  const ip = picked.ip ?? (await askIp(prompter, { title: 'IP address', prompt: 'The IP address to remove a license from' }));
  const types = picked.types ?? (await withProgress(`Reading the licenses of ${ip}…`, (signal) => account.read('ipl.availability', { ip }, { signal }))).owned;
  if (types.length === 0) throw stop(context, `This account has no IP license for ${ip}; nothing to remove.`);
  const items: TypeItem[] = [
    ...types.map((type) => ({ label: ipTypeName(type), description: `type ${type}`, type })),
    { label: 'All types', description: count(types.length, 'license') },
  ];
  const choice = await prompter.pick(items, { title: 'License to remove', placeHolder: `Which license of ${ip} to remove` });
  return { ip, type: choice.type, lost: choice.type === undefined ? types : [choice.type] };
}

/** The account's licensed IPs with their types, and a way to type another IP. */
async function ipItems(account: AccountService): Promise<IpItem[]> {
  const byIp = new Map<string, number[]>();
  for (const license of await account.read('ipl.list', {})) byIp.set(license.ip, [...(byIp.get(license.ip) ?? []), license.type]);
  return [
    { label: '$(edit) Enter another IP…', description: 'an address not listed here' },
    ...[...byIp].map(([ip, types]) => ({ label: ip, description: typeList(types), ip, types })),
  ];
}

function confirmation(removals: readonly Removal[]): { message: string; detail: string } {
  if (removals.length === 1) {
    const { ip, lost } = removals[0];
    const what = lost.length === 1 ? `the ${ipTypeName(lost[0])} license of ${ip}` : `all ${lost.length} IP licenses of ${ip} (${typeList(lost)})`;
    return { message: `Remove ${what}?`, detail: `The server at ${ip} stops being licensed for ${typeList(lost)}. This cannot be undone.` };
  }
  const shown = removals.slice(0, 10).map(describe);
  const more = removals.length > 10 ? [`…and ${removals.length - 10} more`] : [];
  return { message: `Remove ${count(removals.length, 'IP license')}?`, detail: `These servers stop being licensed:\n${[...shown, ...more].join('\n')}\nThis cannot be undone.` };
}
