import * as vscode from 'vscode';
import { CatalogEntry, ELS_CODES, IMUNIFY_CODES, ipTypeName, isKnownIpType } from '../cln/catalog';
import { checkIdentifier, checkIpTypeText } from '../cln/validate';
import type { AccountService } from '../services/accountService';
import { serverIdOf, type KeyNode, type ServerNode } from '../explorer/nodes';
import type { CommandContext } from './registerCommand';
import { KeyFamily, loadKeys, loadServers } from '../explorer/loaders';
import { FAMILY_NAMES, productCodeName } from './describe';
import { stop } from './notify';

type Item<T> = vscode.QuickPickItem & { value?: T };

const separator = <T>(label: string): Item<T> => ({ label, kind: vscode.QuickPickItemKind.Separator });

export function productName(node: KeyNode): string {
  return node.kind === 'kcareKey' ? 'KernelCare' : productCodeName(node.kind === 'imKey' ? 'im' : 'els', node.key.code);
}

function keyItem(node: KeyNode): Item<KeyNode> {
  const description = node.key.limit === 0 ? vscode.l10n.t('{0} · unlimited', productName(node)) : vscode.l10n.t('{0} · limit {1}', productName(node), node.key.limit);
  return { label: node.key.key, description, detail: node.key.note ?? undefined, value: node };
}

/** One key of the given families, listed under a separator per family. */
export async function pickKey(context: CommandContext, account: AccountService, families: readonly KeyFamily[], options: { title: string; placeHolder: string; exclude?: string }): Promise<KeyNode> {
  const items = (async () => {
    const lists = await Promise.all(families.map((family) => loadKeys(account, family)));
    const found: Item<KeyNode>[] = [];
    families.forEach((family, i) => {
      const keys = lists[i].filter((node) => node.key.key !== options.exclude);
      if (keys.length && families.length > 1) found.push(separator(vscode.l10n.t('{0} keys', FAMILY_NAMES[family])));
      found.push(...keys.map(keyItem));
    });
    if (found.length === 0) {
      const names = families.map((f) => FAMILY_NAMES[f]).join(vscode.l10n.t(' or '));
      throw stop(context, options.exclude ? vscode.l10n.t('This account has no other {0} keys.', names) : vscode.l10n.t('This account has no {0} keys.', names));
    }
    return found;
  })();
  return (await context.ui.prompter.pick(items, { title: options.title, placeHolder: options.placeHolder, matchOnDescription: true, matchOnDetail: true })).value!;
}

export function serverItem(node: ServerNode, context?: string): Item<ServerNode> {
  const { server } = node;
  const id = serverIdOf(node);
  const address = ('hostname' in server ? server.hostname : null) ?? server.ip;
  return { label: address ?? id, description: [address ? id : '', context].filter(Boolean).join(' · '), value: node };
}

/** One or several servers of a key. */
export async function pickServersOfKey(context: CommandContext, account: AccountService, key: KeyNode, title: string): Promise<ServerNode[]> {
  const items = loadServers(account, key).then((servers) => {
    if (servers.length === 0) throw stop(context, vscode.l10n.t('{0} has no servers.', key.key.key));
    return servers.map((node) => serverItem(node));
  });
  const picked = await context.ui.prompter.pickMany(items, { title, placeHolder: vscode.l10n.t('Servers of {0}', key.key.key), matchOnDescription: true });
  return picked.map((item) => item.value!);
}

const OTHER_CODE = () => `$(edit) ${vscode.l10n.t('Other code…')}`;

/** A product code from the catalog, or free text with a warning that it is not in the known list. */
export async function pickProductCode(context: CommandContext, family: 'im' | 'els', title: string): Promise<string> {
  const catalog: readonly CatalogEntry<string>[] = family === 'im' ? IMUNIFY_CODES : ELS_CODES;
  const what = vscode.l10n.t('{0} product code', FAMILY_NAMES[family]);
  const items: Item<string>[] = [
    ...catalog.map((entry) => ({ label: entry.name, description: entry.code, value: entry.code })),
    { label: OTHER_CODE(), description: vscode.l10n.t('a code not in this list') },
  ];
  const picked = await context.ui.prompter.pick(items, { title, placeHolder: vscode.l10n.t('The {0} product', FAMILY_NAMES[family]), matchOnDescription: true });
  if (picked.value) return picked.value;
  const code = await context.ui.prompter.input({
    title: what,
    prompt: vscode.l10n.t('Any {0} CLN knows, e.g. {1}', what, catalog[0].code),
    validateInput: (text) => {
      const value = text.trim();
      const problem = checkIdentifier(value, what);
      if (problem) return problem;
      if (catalog.some((entry) => entry.code === value)) return undefined;
      return {
        message: vscode.l10n.t('"{0}" is not in the known list of {1} product codes; CLN refuses codes it does not have.', value, FAMILY_NAMES[family]),
        severity: vscode.InputBoxValidationSeverity.Warning,
      };
    },
  });
  return code.trim();
}

/** The last item of a type picker: a type number typed in. */
export const OTHER_TYPE = () => `$(edit) ${vscode.l10n.t('Other type…')}`;

/**
 * An IP license type typed in: any whole number, 1 or more. CLN has types no list
 * has (real-api.md), so an unknown one is accepted with a warning, not refused.
 */
export async function askIpType(context: CommandContext, title: string): Promise<number> {
  const text = await context.ui.prompter.input({
    title,
    prompt: vscode.l10n.t('The number of a CLN IP license type, e.g. 44 (Imunify360 up to 5 users)'),
    validateInput: (value) => {
      const problem = checkIpTypeText(value);
      if (problem) return problem;
      const type = Number(value.trim());
      if (isKnownIpType(type)) return undefined;
      return { message: vscode.l10n.t('Type {0} is not in the known list ({1}); CLN refuses a type it does not have.', type, ipTypeName(type)), severity: vscode.InputBoxValidationSeverity.Warning };
    },
  });
  return Number(text.trim());
}

/** A Yes/No question whose first item is the default. */
export async function askYesNo(context: CommandContext, options: { title: string; placeHolder: string; defaultValue: boolean; yesDetail?: string; noDetail?: string }): Promise<boolean> {
  const yes: Item<boolean> = { label: vscode.l10n.t('Yes'), detail: options.yesDetail, value: true };
  const no: Item<boolean> = { label: vscode.l10n.t('No'), detail: options.noDetail, value: false };
  const items = options.defaultValue ? [{ ...yes, description: vscode.l10n.t('default') }, no] : [{ ...no, description: vscode.l10n.t('default') }, yes];
  return (await context.ui.prompter.pick(items, { title: options.title, placeHolder: options.placeHolder })).value!;
}
