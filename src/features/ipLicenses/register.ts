import * as vscode from 'vscode';
import type { QuickPickItem } from 'vscode';
import { IP_LICENSE_TYPES, ipTypeName } from '../../cln/catalog';
import type { IpAvailability } from '../../cln/types';
import type { AccountService } from '../../services/accountService';
import { requireAccount } from '../../ui/requireAccount';
import { BulkReport, NOUNS, runBulk, VERBS } from '../../ui/bulk';
import { askIps } from '../../ui/inputs';
import { stop } from '../../ui/notify';
import { askIpType, askYesNo, OTHER_TYPE } from '../../ui/pickers';
import { revealInTree } from '../../ui/reveal';
import { clickedNode } from '../../ui/targets';
import { ELS_QUESTION, isCloudLinuxType } from '../../ui/ipTypes';
import type { CommandContext } from '../../ui/registerCommand';

type TypeItem = QuickPickItem & { type?: number; owned: boolean };

/**
 * Register IP License: the IP (or a pasted list), then the type, then whether
 * CL6 (ELS) registration is allowed (CloudLinux types only, default No).
 * On a type folder the type is known; on a license the IP is.
 */
export async function registerIpLicense(context: CommandContext, clicked?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const node = clickedNode(clicked);
  const ips =
    node?.kind === 'ipLicense'
      ? [node.license.ip]
      : await askIps(context.ui.prompter, {
          title: vscode.l10n.t('IP address'),
          prompt: vscode.l10n.t('Register a CLN IP license for the server at this address. Paste several addresses, separated by spaces or commas, to register them all.'),
        });
  const type = node?.kind === 'ipType' ? node.type : await pickType(context, account, ips);
  return registerIps(context, ips, type);
}

/** Registers `type` for each IP (asking about CL6 (ELS) for CloudLinux types), then selects the new license in the Licenses view. */
export async function registerIps(context: CommandContext, ips: readonly string[], type: number): Promise<BulkReport> {
  const account = requireAccount(context);
  const elsAllowed = isCloudLinuxType(type)
    ? await askYesNo(context, {
        title: ELS_QUESTION(),
        placeHolder:
          ips.length === 1
            ? vscode.l10n.t('May this server register CloudLinux OS 6 (Extended Lifecycle Support)?')
            : vscode.l10n.t('May these servers register CloudLinux OS 6 (Extended Lifecycle Support)?'),
        defaultValue: false,
        yesDetail: vscode.l10n.t('The license may also be used by a CloudLinux OS 6 server.'),
      })
    : undefined;
  const name = ipTypeName(type);
  const registered: string[] = [];
  const report = await runBulk(context, {
    commandId: 'cln.registerIpLicense',
    verb: VERBS.register(),
    noun: NOUNS.ipLicense(),
    items: ips,
    describe: (ip) => vscode.l10n.t('{0} as {1}', ip, name),
    run: async (ip) => {
      await account.change('ipl.register', elsAllowed === undefined ? { ip, type } : { ip, type, els_allowed: elsAllowed });
      registered.push(ip);
    },
  });
  // The new license, selected in the Licenses view (the first, when several were registered).
  if (registered.length > 0) await revealInTree(context, { kind: 'ipLicense', ip: registered[0], type }, `The ${name} license of ${registered[0]}`);
  return report;
}

async function pickType(context: CommandContext, account: AccountService, ips: readonly string[]): Promise<number> {
  const picked = await context.ui.prompter.pick(typeItems(context, account, ips), {
    title: vscode.l10n.t('License type'),
    placeHolder: ips.length === 1 ? vscode.l10n.t('The license to register for {0}', ips[0]) : vscode.l10n.t('The license to register for each of the {0} addresses', ips.length),
    matchOnDescription: true,
  });
  if (picked.owned) throw stop(context, vscode.l10n.t('{0} already has a {1} license in this account; nothing was registered.', ips[0], picked.label));
  return picked.type ?? (await askIpType(context, vscode.l10n.t('License type')));
}

/**
 * Every known type, and types CLN offers that the catalog lacks; for a single IP,
 * marked with what `ipl.availability` says (fetched while the picker is open).
 * Last, "Other type…" for a number typed in.
 */
async function typeItems(context: CommandContext, account: AccountService, ips: readonly string[]): Promise<TypeItem[]> {
  let availability: IpAvailability | undefined;
  if (ips.length === 1) {
    try {
      availability = await account.read('ipl.availability', { ip: ips[0] });
    } catch (error) {
      context.log.info(`Could not check which license types are available for ${ips[0]}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const known = IP_LICENSE_TYPES.map(({ code }) => code);
  const offered = [...(availability?.available ?? []), ...(availability?.owned ?? [])].filter((code) => !known.includes(code));
  const items: TypeItem[] = [...known, ...new Set(offered)].map((code) => {
    const owned = availability?.owned.includes(code) ?? false;
    const unavailable = availability !== undefined && !owned && !availability.available.includes(code);
    const description = owned
      ? vscode.l10n.t('type {0} · $(check) already registered in this account', code)
      : unavailable
        ? vscode.l10n.t('type {0} · $(circle-slash) not available for this IP', code)
        : vscode.l10n.t('type {0}', code);
    return { label: ipTypeName(code), description, type: code, owned };
  });
  return [...items, { label: OTHER_TYPE(), description: vscode.l10n.t('a type number not in this list'), owned: false }];
}
