import { checkCidrList, splitList } from '../cln/validate';
import { requireAccount } from './common/account';
import { BulkReport, runBulk } from './common/bulk';
import { describeNode } from './common/describe';
import { askChecked } from './common/inputs';
import { pickKey } from './common/pickers';
import { clickedNode } from './common/targets';
import type { CommandContext } from '../ui/registerCommand';
import type { KeyNode } from '../explorer/nodes';

/** Set Key IP Ranges (KernelCare): the CIDR ranges servers may register the key from. */
export async function setKeyCidr(context: CommandContext, clicked?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const node = clickedNode(clicked);
  const keyNode: KeyNode =
    node?.kind === 'kcareKey' ? node : await pickKey(context, account, ['kcare'], { title: 'KernelCare key', placeHolder: 'The key whose IP ranges to set' });
  const text = await askChecked(
    context.ui.prompter,
    {
      title: 'IP ranges',
      prompt: `Only servers in these ranges may register with ${keyNode.key.key}. Separate ranges with spaces, commas or semicolons.`,
      placeHolder: 'e.g. 192.0.2.0/24, 2001:db8::/32',
    },
    checkCidrList,
  );
  const cidr = splitList(text).join(',');
  return runBulk(context, {
    commandId: 'cln.setKeyCidr',
    verb: { base: 'set the IP ranges of', doing: 'Setting the IP ranges of', done: 'Set the IP ranges of' },
    noun: { one: 'key', many: 'keys' },
    items: [keyNode],
    describe: (item) => `${describeNode(item)} to ${cidr}`,
    run: async (item) => {
      const result = await account.change('kcare.key.setCidr', { key: item.key.key, cidr });
      return result.ok ? undefined : `${result.meaning} (code ${result.code})`;
    },
  });
}
