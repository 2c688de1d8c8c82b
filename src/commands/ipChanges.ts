import * as vscode from 'vscode';
import type { QuickPickItem } from 'vscode';
import { IMUNIFY_IP_TYPES, ipTypeName, isKnownIpType } from '../cln/catalog';
import type { IpLicense } from '../cln/types';
import type { AccountService } from '../services/account';
import { requireAccount } from './common/account';
import { BulkReport, runBulk } from './common/bulk';
import { askIp } from './common/inputs';
import { NoticeActions, stop, tell } from './common/notify';
import { revealInTree } from './common/reveal';
import { askIpType, askYesNo, OTHER_TYPE } from './common/pickers';
import { withProgress } from './common/progress';
import { clickedNode } from './common/targets';
import { ELS_QUESTION, isCloudLinuxType, typeList } from './ipTypes';
import type { CommandContext } from '../ui/registerCommand';

const NOT_CHANGED = 'CLN found no such license owned by this account (it answered "false")';
/** Imunify types convert; so may a type the catalog does not know (CLN decides). */
const isConvertibleType = (type: number) => IMUNIFY_IP_TYPES.includes(type) || !isKnownIpType(type);

/** Convert IP License: an Imunify license to another Imunify type. */
export async function convertIpLicense(context: CommandContext, clicked?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const license = await licenseFrom(context, account, clicked, {
    applies: isConvertibleType,
    title: 'IP license to convert',
    none: 'Only Imunify IP licenses can be converted',
  });
  const items: (QuickPickItem & { type?: number })[] = [
    ...IMUNIFY_IP_TYPES.filter((t) => t !== license.type).map((type) => ({ label: ipTypeName(type), description: `type ${type}`, type })),
    { label: OTHER_TYPE, description: 'a type number not in this list' },
  ];
  const picked = await context.ui.prompter.pick(items, { title: 'Convert to', placeHolder: `The new license type of ${license.ip} (now ${ipTypeName(license.type)})` });
  const typeTo = picked.type ?? (await askIpType(context, 'Convert to'));
  return runBulk(context, {
    commandId: 'cln.convertIpLicense',
    verb: { base: 'convert', doing: 'Converting', done: 'Converted' },
    noun: { one: 'IP license', many: 'IP licenses' },
    items: [license],
    describe: ({ ip, type }) => `${ip} from ${ipTypeName(type)} to ${ipTypeName(typeTo)}`,
    run: async ({ ip, type }) => ((await account.change('ipl.convert', { ip, type, type_to: typeTo })) ? undefined : NOT_CHANGED),
  });
}

/**
 * Update IP License: whether a license allows CL6 (ELS) registration. The
 * reference names no type it is limited to, and CLN has types no list has, so
 * every license may be updated; for a type that is not CloudLinux OS the
 * question says CLN may not use the option.
 */
export async function updateIpLicense(context: CommandContext, clicked?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const license = await licenseFrom(context, account, clicked, {
    applies: () => true,
    title: 'IP license to update',
    none: 'There are no IP licenses to update',
  });
  const cloudLinux = isCloudLinuxType(license.type);
  const allowed = await askYesNo(context, {
    title: ELS_QUESTION,
    placeHolder: `May ${license.ip} (${ipTypeName(license.type)}) register CloudLinux OS 6 (Extended Lifecycle Support)?`,
    defaultValue: false,
    yesDetail: cloudLinux ? undefined : `The option is documented for CloudLinux OS licenses; CLN may ignore or refuse it for ${ipTypeName(license.type)}.`,
  });
  return runBulk(context, {
    commandId: 'cln.updateIpLicense',
    verb: { base: 'update', doing: 'Updating', done: 'Updated' },
    noun: { one: 'IP license', many: 'IP licenses' },
    items: [license],
    describe: ({ ip, type }) => `${ip} (${ipTypeName(type)}) to ${allowed ? 'allow' : 'refuse'} CL6 (ELS) registration`,
    run: async ({ ip, type }) => ((await account.change('ipl.update', { ip, type, els_allowed: allowed })) ? undefined : NOT_CHANGED),
  });
}

/** Check IP: which types any customer has registered for an IP, and which this account owns or may register. */
export async function checkIp(context: CommandContext, clicked?: unknown): Promise<{ registered: number[]; owned: number[]; available: number[] }> {
  const account = requireAccount(context);
  const node = clickedNode(clicked);
  const ip = node?.kind === 'ipLicense' ? node.license.ip : await askIp(context.ui.prompter, { title: 'IP address', prompt: 'The IP address to check' });
  const [registered, availability] = await withProgress(`Checking ${ip}…`, (signal) =>
    Promise.all([account.read('ipl.check', { ip }, { signal }), account.read('ipl.availability', { ip }, { signal })]),
  );
  const parts = [registered.length ? `${ip} is registered for ${typeList(registered)}` : `${ip} has no IP license with any CLN customer`];
  if (availability.owned.length) parts.push(`this account owns ${typeList(availability.owned)}`);
  parts.push(availability.available.length ? `available to register: ${typeList(availability.available)}` : 'no type is available to register');
  // The answer's follow-ups: register an available type (the type picker marks what is available), show what the account holds.
  const actions: NoticeActions = {};
  const registrable = availability.available.filter((type) => !availability.owned.includes(type));
  if (registrable.length) actions[registrable.length === 1 ? `Register ${ipTypeName(registrable[0])}…` : 'Register…'] = () => vscode.commands.executeCommand('cln.registerIpLicense', { kind: 'ipLicense', license: { ip, type: registrable[0], registered: false, created: null } });
  if (availability.owned.length) actions['Show in Licenses'] = () => revealInTree(context, { kind: 'ipLicense', ip, type: availability.owned[0] }, `The license of ${ip}`);
  tell(context, 'info', `${parts.join('; ')}.`, actions);
  return { registered, ...availability };
}

/** The license a command was invoked on, or one of the account's licenses it applies to. */
async function licenseFrom(
  context: CommandContext,
  account: AccountService,
  clicked: unknown,
  options: { applies: (type: number) => boolean; title: string; none: string },
): Promise<IpLicense> {
  const node = clickedNode(clicked);
  if (node?.kind === 'ipLicense') {
    if (!options.applies(node.license.type)) throw stop(context, `${options.none}; ${node.license.ip} has ${ipTypeName(node.license.type)}.`);
    return node.license;
  }
  const items = account.read('ipl.list', {}).then((licenses) => {
    const fitting = licenses.filter((license) => options.applies(license.type));
    if (fitting.length === 0) throw stop(context, `${options.none}, and this account has none.`);
    return fitting.map((license) => ({ label: license.ip, description: ipTypeName(license.type), license }));
  });
  return (await context.ui.prompter.pick(items, { title: options.title, placeHolder: 'One of the IP licenses of this account', matchOnDescription: true })).license;
}
