/**
 * `CLN: Set License Prices…` (and the report's "Set prices…" button): lists the account's products
 * by name with their current monthly price, asks the new one (checked as it is typed) and writes
 * `cln.cleanup.prices` in the user settings under the key the clean-up reads. Again until Escape.
 */
import * as vscode from 'vscode';
import type { Finding } from '../../services/cleanupFindings';
import type { CommandContext } from '../../ui/registerCommand';
import { clnSetting } from '../../ui/settings';
import { formatPrice, ownedPriceKeys, parsePrice, pricedProducts, withPrice, type PricedProduct } from './core/prices';

interface ProductItem extends vscode.QuickPickItem {
  product: PricedProduct;
}

/** The keys of the products the active account has (cached reads, shared with the tree); none when signed out. */
async function ownedKeys(context: CommandContext): Promise<string[]> {
  const account = context.session.account;
  if (!account) return [];
  const [ips, kcare, im] = await Promise.all([account.read('ipl.list', {}), account.read('kcare.key.list', {}), account.read('im.key.list', {})]);
  return ownedPriceKeys(
    ips.map((l) => l.type),
    kcare.length,
    im.map((k) => k.code),
  );
}

function userPrices(): Record<string, unknown> {
  const raw = vscode.workspace.getConfiguration('cln').inspect('cleanup.prices')?.globalValue;
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/**
 * Asks for a product and its price, writes it, and asks again (Escape ends). `findings`: those of
 * the open report, so a product the account lists do not name (another kind of finding) is offered too.
 */
export async function setLicensePrices(context: CommandContext, findings: readonly Finding[] = []): Promise<void> {
  const owned = ownedKeys(context);
  for (;;) {
    const prices = clnSetting('cleanup.prices');
    const items = owned.then((keys) =>
      pricedProducts(keys, findings, prices).map((product): ProductItem => ({
        label: product.name,
        description: prices[product.key] !== undefined ? vscode.l10n.t('{0} a month', formatPrice(prices[product.key])) : vscode.l10n.t('no price'),
        product,
      })),
    );
    const { product } = await context.ui.prompter.pick(items, {
      title: vscode.l10n.t('Set License Prices'),
      placeHolder: vscode.l10n.t('Choose a product to set its monthly price (the clean-up report adds them up); Escape when done'),
      matchOnDescription: true,
    });
    const current = prices[product.key];
    const answer = await context.ui.prompter.input({
      title: vscode.l10n.t('Monthly Price: {0}', product.name),
      prompt: vscode.l10n.t('What one {0} costs you a month, as a number (e.g. 12.50). Leave empty for no price.', product.name),
      value: current !== undefined ? String(current) : '',
      validateInput: (text) => {
        const parsed = parsePrice(text);
        return 'error' in parsed ? parsed.error : undefined;
      },
    });
    const parsed = parsePrice(answer);
    if ('error' in parsed) throw new Error(parsed.error);
    await vscode.workspace.getConfiguration('cln').update('cleanup.prices', withPrice(userPrices(), product.key, parsed.price), vscode.ConfigurationTarget.Global);
    context.log.info(`cln.setLicensePrices: ${product.key} = ${parsed.price ?? 'no price'}`);
  }
}
