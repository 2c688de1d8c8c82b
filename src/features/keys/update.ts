import * as vscode from 'vscode';
import type { AccountService } from '../../services/accountService';
import type { KeyNode } from '../../explorer/nodes';
import { requireAccount } from '../../ui/requireAccount';
import { NOUNS, runBulk, VERBS } from '../../ui/bulk';
import { describeNode } from '../../ui/describe';
import { stop } from '../../ui/notify';
import { pickKey } from '../../ui/pickers';
import { clickedNode } from '../../ui/targets';
import { askLimit, askNote, describeLimit } from './fields';
import type { CommandContext } from '../../ui/registerCommand';

type UpdatableKey = Extract<KeyNode, { kind: 'imKey' | 'elsKey' }>;

/** Update Key (Imunify, ELS): the server limit and the note, each prefilled with the current value. */
export async function updateKey(context: CommandContext, clicked?: unknown): Promise<{ limit: number; note: string } | undefined> {
  const account = requireAccount(context);
  const node = await keyFrom(context, account, clicked);
  const limit = await askLimit(context.ui.prompter, node.key.limit);
  const note = await askNote(context.ui.prompter, node.kind === 'imKey' ? 'im' : 'els', node.key.note);
  const changes = [
    ...(limit !== node.key.limit ? [vscode.l10n.t('{0} → {1}', describeLimit(node.key.limit), describeLimit(limit))] : []),
    ...(note !== (node.key.note ?? '') ? [note ? vscode.l10n.t('note "{0}"', note) : vscode.l10n.t('note removed')] : []),
  ];
  if (changes.length === 0) throw stop(context, vscode.l10n.t('Nothing to change: {0} already has {1} and this note.', describeNode(node), describeLimit(limit)));
  const key = node.key.key;
  await runBulk(context, {
    commandId: 'cln.updateKey',
    verb: VERBS.update(),
    noun: NOUNS.key(),
    items: [node],
    describe: (item) => vscode.l10n.t('{0}: {1}', describeNode(item), changes.join(', ')),
    run: async (item) => {
      if (item.kind === 'imKey') await account.change('im.key.update', { key, limit, note });
      else await account.change('els.key.update', { key, limit, note });
    },
  });
  return { limit, note };
}

async function keyFrom(context: CommandContext, account: AccountService, clicked: unknown): Promise<UpdatableKey> {
  const node = clickedNode(clicked);
  if (node?.kind === 'imKey' || node?.kind === 'elsKey') return node;
  if (node?.kind === 'kcareKey') throw stop(context, vscode.l10n.t('CLN has no way to change a KernelCare key: remove it and create a new one instead.'));
  return (await pickKey(context, account, ['im', 'els'], { title: vscode.l10n.t('Key to update'), placeHolder: vscode.l10n.t('An Imunify or ELS key') })) as UpdatableKey;
}
