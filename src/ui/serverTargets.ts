import * as vscode from 'vscode';
import type { AccountService } from '../services/accountService';
import type { ServerNode } from '../explorer/nodes';
import type { CommandContext } from './registerCommand';
import { pickKey, pickServersOfKey } from './pickers';
import { nodesOf, splitTargets } from './targets';

/** A server registered with a product key (group members are not). */
export type LicensedServer = Extract<ServerNode, { kind: 'kcareServer' | 'imServer' | 'elsServer' }>;

/** The servers of the given kinds in the tree selection, or picked from one key of the account. */
export async function serversFrom<K extends LicensedServer['kind']>(
  context: CommandContext,
  account: AccountService,
  clicked: unknown,
  selected: unknown,
  kinds: K[],
  title: string,
): Promise<{ matching: Extract<ServerNode, { kind: K }>[]; skipped: string[] }> {
  const nodes = nodesOf(clicked, selected);
  if (nodes.length) return splitTargets(nodes, ...kinds);
  const families = (['kcare', 'im', 'els'] as const).filter((family) => (kinds as string[]).includes(`${family}Server`));
  const key = await pickKey(context, account, families, { title: vscode.l10n.t('Key'), placeHolder: vscode.l10n.t('The key the servers are registered with') });
  return { matching: (await pickServersOfKey(context, account, key, title)) as Extract<ServerNode, { kind: K }>[], skipped: [] };
}
