import * as vscode from 'vscode';
import type { QuickPickItem } from 'vscode';
import { fingerprint } from '../../cln/keyPrint';
import type { AccountService } from '../../services/accountService';
import type { ExplorerNode } from '../../explorer/nodes';
import { requireAccount } from '../../ui/requireAccount';
import type { KeyFamily } from '../../explorer/loaders';
import { FAMILY_NAMES, productCodeName } from '../../ui/describe';
import { tell } from '../../ui/notify';
import { pickProductCode } from '../../ui/pickers';
import { withProgress } from '../../ui/progress';
import { revealInTree } from '../../ui/reveal';
import { clickedNode } from '../../ui/targets';
import { askLimit, askNote, describeLimit } from './fields';
import type { CommandContext } from '../../ui/registerCommand';

/**
 * Create Key: the product family (unless invoked on a family or ELS code
 * folder), the product code (Imunify, ELS), the server limit, a note.
 */
export async function createKey(context: CommandContext, clicked?: unknown): Promise<{ key: string; family: KeyFamily; code?: string }> {
  const account = requireAccount(context);
  const node = clickedNode(clicked);
  const family = familyOf(node) ?? (await pickFamily(context));
  const code = family === 'kcare' ? undefined : node?.kind === 'elsCode' ? node.code : await pickProductCode(context, family, vscode.l10n.t('Product'));
  const limit = await askLimit(context.ui.prompter);
  const note = await askNote(context.ui.prompter, family);
  const key = await withProgress(vscode.l10n.t('Creating a {0} key…', FAMILY_NAMES[family]), () => create(account, family, code, limit, note || undefined), false);
  const created = (shown: string) =>
    family === 'kcare'
      ? vscode.l10n.t('Created {0} key {1} ({2}).', FAMILY_NAMES[family], shown, describeLimit(limit))
      : vscode.l10n.t('Created {0} key {1} for {2} ({3}).', FAMILY_NAMES[family], shown, productCodeName(family, code!), describeLimit(limit));
  // The notification shows the new key (the user made it and needs it); the log, kept on disk, its fingerprint.
  tell(context, 'info', created(key), { [vscode.l10n.t('Copy Key')]: () => vscode.env.clipboard.writeText(key) }, created(fingerprint(key)));
  await revealInTree(context, { kind: 'key', family, key, code }, `The new key ${fingerprint(key)}`);
  return { key, family, code };
}

function familyOf(node: ExplorerNode | undefined): KeyFamily | undefined {
  if (node?.kind === 'elsCode') return 'els';
  if (node?.kind === 'family' && (node.family === 'kcare' || node.family === 'im' || node.family === 'els')) return node.family;
  return undefined;
}

async function pickFamily(context: CommandContext): Promise<KeyFamily> {
  const items: (QuickPickItem & { family: KeyFamily })[] = [
    { label: FAMILY_NAMES.kcare, detail: vscode.l10n.t('Live kernel patching; servers register with the key.'), family: 'kcare' },
    { label: FAMILY_NAMES.im, detail: vscode.l10n.t('Imunify360 or ImunifyAV+ for a number of servers.'), family: 'im' },
    { label: FAMILY_NAMES.els, detail: vscode.l10n.t('Extended Lifecycle Support for an end-of-life OS or language.'), family: 'els' },
  ];
  return (await context.ui.prompter.pick(items, { title: vscode.l10n.t('Product family'), placeHolder: vscode.l10n.t('The product the new key is for') })).family;
}

async function create(account: AccountService, family: KeyFamily, code: string | undefined, limit: number, note: string | undefined): Promise<string> {
  const withNote = note === undefined ? {} : { note };
  switch (family) {
    case 'kcare':
      return account.change('kcare.key.create', { limit, ...withNote });
    case 'im':
      return (await account.change('im.key.create', { code: code!, limit, ...withNote })).key;
    case 'els':
      return (await account.change('els.key.create', { code: code!, limit, ...withNote })).key;
  }
}
