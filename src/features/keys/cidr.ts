import * as vscode from 'vscode';
import { checkCidrList, splitList } from '../../cln/validate';
import { requireAccount } from '../../ui/requireAccount';
import { BulkReport, NOUNS, runBulk, VERBS } from '../../ui/bulk';
import { describeNode } from '../../ui/describe';
import { askChecked } from '../../ui/inputs';
import { pickKey } from '../../ui/pickers';
import { clickedNode } from '../../ui/targets';
import type { CommandContext } from '../../ui/registerCommand';
import type { KeyNode } from '../../explorer/nodes';

/** Set Key IP Ranges (KernelCare): the CIDR ranges servers may register the key from. */
export async function setKeyCidr(context: CommandContext, clicked?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const node = clickedNode(clicked);
  const keyNode: KeyNode =
    node?.kind === 'kcareKey' ? node : await pickKey(context, account, ['kcare'], { title: vscode.l10n.t('KernelCare key'), placeHolder: vscode.l10n.t('The key whose IP ranges to set') });
  const text = await askChecked(
    context.ui.prompter,
    {
      title: vscode.l10n.t('IP ranges'),
      prompt: vscode.l10n.t('Only servers in these ranges may register with {0}. Separate ranges with spaces, commas or semicolons.', keyNode.key.key),
      placeHolder: vscode.l10n.t('e.g. 192.0.2.0/24, 2001:db8::/32'),
    },
    checkCidrList,
  );
  const cidr = splitList(text).join(',');
  return runBulk(context, {
    commandId: 'cln.setKeyCidr',
    verb: VERBS.setCidr(),
    noun: NOUNS.key(),
    items: [keyNode],
    describe: (item) => vscode.l10n.t('{0} to {1}', describeNode(item), cidr),
    run: async (item) => {
      const result = await account.change('kcare.key.setCidr', { key: item.key.key, cidr });
      return result.ok ? undefined : vscode.l10n.t('{0} (code {1})', result.meaning, result.code);
    },
  });
}
