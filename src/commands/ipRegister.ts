import type { QuickPickItem } from 'vscode';
import { IP_LICENSE_TYPES, ipTypeName } from '../cln/catalog';
import type { IpAvailability } from '../cln/types';
import type { AccountService } from '../services/account';
import { requireAccount } from './common/account';
import { BulkReport, runBulk } from './common/bulk';
import { askIps } from './common/inputs';
import { stop } from './common/notify';
import { askIpType, askYesNo, OTHER_TYPE } from './common/pickers';
import { revealInTree } from './common/reveal';
import { clickedNode } from './common/targets';
import { ELS_QUESTION, isCloudLinuxType } from './ipTypes';
import type { CommandContext } from '../ui/registerCommand';

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
          title: 'IP address',
          prompt: 'Register a CLN IP license for the server at this address. Paste several addresses, separated by spaces or commas, to register them all.',
        });
  const type = node?.kind === 'ipType' ? node.type : await pickType(context, account, ips);
  const elsAllowed = isCloudLinuxType(type)
    ? await askYesNo(context, {
        title: ELS_QUESTION,
        placeHolder: `May ${ips.length === 1 ? 'this server' : 'these servers'} register CloudLinux OS 6 (Extended Lifecycle Support)?`,
        defaultValue: false,
        yesDetail: 'The license may also be used by a CloudLinux OS 6 server.',
      })
    : undefined;
  const name = ipTypeName(type);
  const registered: string[] = [];
  const report = await runBulk(context, {
    commandId: 'cln.registerIpLicense',
    verb: { base: 'register', doing: 'Registering', done: 'Registered' },
    noun: { one: 'IP license', many: 'IP licenses' },
    items: ips,
    describe: (ip) => `${ip} as ${name}`,
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
    title: 'License type',
    placeHolder: ips.length === 1 ? `The license to register for ${ips[0]}` : `The license to register for each of the ${ips.length} addresses`,
    matchOnDescription: true,
  });
  if (picked.owned) throw stop(context, `${ips[0]} already has a ${picked.label} license in this account; nothing was registered.`);
  return picked.type ?? (await askIpType(context, 'License type'));
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
    const mark = owned ? ' · $(check) already registered in this account' : unavailable ? ' · $(circle-slash) not available for this IP' : '';
    return { label: ipTypeName(code), description: `type ${code}${mark}`, type: code, owned };
  });
  return [...items, { label: OTHER_TYPE, description: 'a type number not in this list', owned: false }];
}
