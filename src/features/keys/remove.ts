import * as vscode from 'vscode';
import type { AccountService } from '../../services/accountService';
import type { KeyNode } from '../../explorer/nodes';
import { requireAccount } from '../../ui/requireAccount';
import { loadServers } from '../../explorer/loaders';
import { BulkReport, NOUNS, runConfirmed, VERBS } from '../../ui/bulk';
import { describeNode, listNames } from '../../ui/describe';
import { pickKey, serverItem } from '../../ui/pickers';
import { withProgress } from '../../ui/progress';
import { nodesOf, splitTargets } from '../../ui/targets';
import type { CommandContext } from '../../ui/registerCommand';

/** Servers per key, or the reason they could not be counted. */
type ServerCount = { names: string[] } | { unknown: string };

/**
 * Remove Key (KernelCare, Imunify, ELS): the selected keys or one picked from
 * the account, after a modal that counts the servers each key takes with it.
 */
export async function removeKey(context: CommandContext, clicked?: unknown, selected?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const nodes = nodesOf(clicked, selected);
  const { matching, skipped }: { matching: KeyNode[]; skipped: string[] } = nodes.length
    ? splitTargets(nodes, 'kcareKey', 'imKey', 'elsKey')
    : {
        matching: [await pickKey(context, account, ['kcare', 'im', 'els'], { title: vscode.l10n.t('Key to remove'), placeHolder: vscode.l10n.t('The key to remove, with all its servers') })],
        skipped: [],
      };
  const counts = matching.length
    ? await withProgress(vscode.l10n.t('Counting the servers of the keys to remove…'), (signal) => Promise.all(matching.map((key) => countServers(account, key, signal))))
    : [];
  return runConfirmed<KeyNode>(context, (keys) => confirmation(keys, counts), {
    commandId: 'cln.removeKey',
    verb: VERBS.remove(),
    noun: NOUNS.key(),
    items: matching,
    describe: describeNode,
    skipped,
    run: async (node) => {
      const key = node.key.key;
      if (node.kind === 'kcareKey') return (await account.change('kcare.key.delete', { key })) ? undefined : vscode.l10n.t('CLN found no such key in this account (it answered "false")');
      if (node.kind === 'imKey') await account.change('im.key.remove', { key });
      else await account.change('els.key.remove', { key });
      return undefined;
    },
  });
}

async function countServers(account: AccountService, key: KeyNode, signal: AbortSignal): Promise<ServerCount> {
  try {
    return { names: (await loadServers(account, key, { force: true, signal })).map((server) => serverItem(server).label) };
  } catch (error) {
    if (signal.aborted) throw error;
    return { unknown: error instanceof Error ? error.message : String(error) };
  }
}

function serversOf(c: ServerCount): string {
  return 'names' in c ? NOUNS.server().count(c.names.length) : vscode.l10n.t('an unknown number of servers');
}

function confirmation(keys: readonly KeyNode[], counts: readonly ServerCount[]): { message: string; detail: string } {
  const unknown = counts.flatMap((c) => ('unknown' in c ? [c.unknown] : []));
  const caveat = unknown.length ? `\n\n${vscode.l10n.t('The servers could not be counted: {0}', unknown[0])}` : '';
  if (keys.length === 1) {
    const c = counts[0];
    const message =
      'names' in c && c.names.length === 0 ? vscode.l10n.t('Remove {0}? It has no servers.', describeNode(keys[0])) : vscode.l10n.t('Remove {0} and its {1}?', describeNode(keys[0]), serversOf(c));
    const detail = 'names' in c && c.names.length ? vscode.l10n.t('Its servers lose their license: {0}. This cannot be undone.', listNames(c.names, 10)) : vscode.l10n.t('This cannot be undone.');
    return { message, detail: `${detail}${caveat}` };
  }
  const total = counts.reduce((sum, c) => sum + ('names' in c ? c.names.length : 0), 0);
  const lines = keys.slice(0, 10).map((key, i) => vscode.l10n.t('{0} — {1}', describeNode(key), serversOf(counts[i])));
  if (keys.length > 10) lines.push(vscode.l10n.t('…and {0} more', keys.length - 10));
  return {
    message: unknown.length ? vscode.l10n.t('Remove {0} keys and their servers?', keys.length) : vscode.l10n.t('Remove {0} keys and their {1}?', keys.length, NOUNS.server().count(total)),
    detail: `${vscode.l10n.t('The servers of these keys lose their license:\n{0}\nThis cannot be undone.', lines.join('\n'))}${caveat}`,
  };
}
