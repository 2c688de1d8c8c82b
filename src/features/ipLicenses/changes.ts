import * as vscode from 'vscode';
import type { QuickPickItem } from 'vscode';
import { IMUNIFY_IP_TYPES, ipTypeName, isKnownIpType } from '../../cln/catalog';
import type { IpLicense } from '../../cln/types';
import type { AccountService } from '../../services/accountService';
import { requireAccount } from '../../ui/requireAccount';
import { BulkReport, NOUNS, runBulk, VERBS } from '../../ui/bulk';
import { askIp } from '../../ui/inputs';
import { stop } from '../../ui/notify';
import { revealInTree } from '../../ui/reveal';
import { askIpType, askYesNo, OTHER_TYPE } from '../../ui/pickers';
import { withProgress } from '../../ui/progress';
import { clickedNode } from '../../ui/targets';
import { ELS_QUESTION, isCloudLinuxType, typeList } from '../../ui/ipTypes';
import type { CommandContext } from '../../ui/registerCommand';
import { isUserCancelled } from '../../ui/prompter';
import { registerIps } from './register';

const NOT_CHANGED = () => vscode.l10n.t('CLN found no such license owned by this account (it answered "false")');
/** Imunify types convert; so may a type the catalog does not know (CLN decides). */
const isConvertibleType = (type: number) => IMUNIFY_IP_TYPES.includes(type) || !isKnownIpType(type);

/** Convert IP License: an Imunify license to another Imunify type. */
export async function convertIpLicense(context: CommandContext, clicked?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const license = await licenseFrom(context, account, clicked, {
    applies: isConvertibleType,
    title: vscode.l10n.t('IP license to convert'),
    none: (ip, type) => vscode.l10n.t('Only Imunify IP licenses can be converted; {0} has {1}.', ip, type),
    noneAtAll: () => vscode.l10n.t('Only Imunify IP licenses can be converted, and this account has none.'),
  });
  const items: (QuickPickItem & { type?: number })[] = [
    ...IMUNIFY_IP_TYPES.filter((t) => t !== license.type).map((type) => ({ label: ipTypeName(type), description: vscode.l10n.t('type {0}', type), type })),
    { label: OTHER_TYPE(), description: vscode.l10n.t('a type number not in this list') },
  ];
  const picked = await context.ui.prompter.pick(items, {
    title: vscode.l10n.t('Convert to'),
    placeHolder: vscode.l10n.t('The new license type of {0} (now {1})', license.ip, ipTypeName(license.type)),
  });
  const typeTo = picked.type ?? (await askIpType(context, vscode.l10n.t('Convert to')));
  return runBulk(context, {
    commandId: 'cln.convertIpLicense',
    verb: VERBS.convert(),
    noun: NOUNS.ipLicense(),
    items: [license],
    describe: ({ ip, type }) => vscode.l10n.t('{0} from {1} to {2}', ip, ipTypeName(type), ipTypeName(typeTo)),
    run: async ({ ip, type }) => ((await account.change('ipl.convert', { ip, type, type_to: typeTo })) ? undefined : NOT_CHANGED()),
  });
}

/**
 * Update IP License: whether a CloudLinux OS license allows CL6 (ELS)
 * registration. Offered on CloudLinux OS licenses, and on types the catalog
 * does not know (CLN has types no list has; the question says CLN may not use
 * the option); a KernelCare, Imunify or ELS license has no such option.
 */
export async function updateIpLicense(context: CommandContext, clicked?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const license = await licenseFrom(context, account, clicked, {
    applies: (type) => isCloudLinuxType(type) || !isKnownIpType(type),
    title: vscode.l10n.t('CloudLinux OS license to update'),
    none: (ip, type) => vscode.l10n.t('Update IP License sets whether a CloudLinux OS license may register CloudLinux OS 6 (ELS); {0} has {1}, which has no such option.', ip, type),
    noneAtAll: () => vscode.l10n.t('Update IP License sets whether a CloudLinux OS license may register CloudLinux OS 6 (ELS), and this account has no CloudLinux OS licenses.'),
  });
  const cloudLinux = isCloudLinuxType(license.type);
  const allowed = await askYesNo(context, {
    title: ELS_QUESTION(),
    placeHolder: vscode.l10n.t('May {0} ({1}) register CloudLinux OS 6 (Extended Lifecycle Support)?', license.ip, ipTypeName(license.type)),
    defaultValue: false,
    yesDetail: cloudLinux
      ? undefined
      : vscode.l10n.t('{0} is a type this extension does not know; the option is documented for CloudLinux OS licenses, and CLN may ignore or refuse it.', ipTypeName(license.type)),
  });
  return runBulk(context, {
    commandId: 'cln.updateIpLicense',
    verb: VERBS.update(),
    noun: NOUNS.ipLicense(),
    items: [license],
    describe: ({ ip, type }) =>
      allowed ? vscode.l10n.t('{0} ({1}) to allow CL6 (ELS) registration', ip, ipTypeName(type)) : vscode.l10n.t('{0} ({1}) to refuse CL6 (ELS) registration', ip, ipTypeName(type)),
    run: async ({ ip, type }) => ((await account.change('ipl.update', { ip, type, els_allowed: allowed })) ? undefined : NOT_CHANGED()),
  });
}

type CheckItem = QuickPickItem & { act?: () => Promise<unknown> };

/**
 * Check IP: which types any customer has registered for an IP, and which this account owns or may
 * register, as a list to read (not a toast of twenty names): what is registered there first (this
 * account's licenses shown in Licenses when picked), then each type available (registered when picked).
 */
export async function checkIp(context: CommandContext, clicked?: unknown): Promise<{ registered: number[]; owned: number[]; available: number[] }> {
  const account = requireAccount(context);
  const node = clickedNode(clicked);
  const ip = node?.kind === 'ipLicense' ? node.license.ip : await askIp(context.ui.prompter, { title: vscode.l10n.t('IP address'), prompt: vscode.l10n.t('The IP address to check') });
  const [registered, availability] = await withProgress(vscode.l10n.t('Checking {0}…', ip), (signal) =>
    Promise.all([account.read('ipl.check', { ip }, { signal }), account.read('ipl.availability', { ip }, { signal })]),
  );
  const result = { registered, ...availability };
  const held = [...new Set([...registered, ...availability.owned])];
  const registrable = availability.available.filter((type) => !availability.owned.includes(type));
  const separator = (label: string): CheckItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const items: CheckItem[] = [];
  if (held.length) {
    items.push(separator(vscode.l10n.t('Registered for {0}', ip)));
    for (const type of held) {
      const own = availability.owned.includes(type);
      items.push({
        label: own ? `$(account) ${ipTypeName(type)}` : `$(lock) ${ipTypeName(type)}`,
        description: own ? vscode.l10n.t('this account · pick to show it in Licenses') : vscode.l10n.t('another CLN customer'),
        act: own ? () => revealInTree(context, { kind: 'ipLicense', ip, type }, `The ${ipTypeName(type)} license of ${ip}`) : undefined,
      });
    }
  }
  items.push(separator(vscode.l10n.t('Available to register ({0})', registrable.length)));
  if (registrable.length === 0) items.push({ label: `$(circle-slash) ${vscode.l10n.t('No type is available to register for {0}', ip)}` });
  for (const type of registrable) items.push({ label: ipTypeName(type), description: vscode.l10n.t('type {0} · pick to register it for {1}', type, ip), act: () => registerIps(context, [ip], type) });
  const summary =
    held.length === 0
      ? registrable.length === 1
        ? vscode.l10n.t('No CLN customer holds a license for {0}; 1 type is available to register.', ip)
        : vscode.l10n.t('No CLN customer holds a license for {0}; {1} types are available to register.', ip, registrable.length)
      : registrable.length === 1
        ? vscode.l10n.t('{0} is registered for {1}; 1 more type is available to register.', ip, typeList(held))
        : vscode.l10n.t('{0} is registered for {1}; {2} more types are available to register.', ip, typeList(held), registrable.length);
  context.log.info(`cln.checkIp: ${summary}`);
  let picked: CheckItem;
  try {
    picked = await context.ui.prompter.pick(items, { title: vscode.l10n.t('Check IP {0}', ip), placeHolder: summary, matchOnDescription: true });
  } catch (error) {
    // Reading the answer and closing the list is the common case: nothing to do, nothing to say.
    if (isUserCancelled(error)) return result;
    throw error;
  }
  await picked.act?.();
  return result;
}

/** The license a command was invoked on, or one of the account's licenses it applies to. */
async function licenseFrom(
  context: CommandContext,
  account: AccountService,
  clicked: unknown,
  options: { applies: (type: number) => boolean; title: string; none: (ip: string, type: string) => string; noneAtAll: () => string },
): Promise<IpLicense> {
  const node = clickedNode(clicked);
  if (node?.kind === 'ipLicense') {
    if (!options.applies(node.license.type)) throw stop(context, options.none(node.license.ip, ipTypeName(node.license.type)));
    return node.license;
  }
  const items = account.read('ipl.list', {}).then((licenses) => {
    const fitting = licenses.filter((license) => options.applies(license.type));
    if (fitting.length === 0) throw stop(context, options.noneAtAll());
    return fitting.map((license) => ({ label: license.ip, description: ipTypeName(license.type), license }));
  });
  return (await context.ui.prompter.pick(items, { title: options.title, placeHolder: vscode.l10n.t('One of the IP licenses of this account'), matchOnDescription: true })).license;
}
