import * as vscode from 'vscode';
import { costLine, emailAppliesTo, featureName, previewChange, previewLines, settingOf, settingText, type EmailTarget, type FeatureState } from '../../services/addons';
import { NOUNS, runBulk, VERBS, type BulkReport } from '../../ui/bulk';
import { describeNode } from '../../ui/describe';
import { confirmOrStop, stop, tell } from '../../ui/notify';
import { pickKey } from '../../ui/pickers';
import { withProgress } from '../../ui/progress';
import { requireAccount } from '../../ui/requireAccount';
import { clnSetting } from '../../ui/settings';
import { clickedNode } from '../../ui/targets';
import type { CommandContext } from '../../ui/registerCommand';
import { accountEmailSetting, changeEmail, emailLayout, stateChoices } from './core/email';

/**
 * Change Imunify Email…: at the account (the palette, the Imunify folder), at a key or at a server
 * (their rows). Asks the state, previews which servers go on or off and what it costs a month, asks
 * to confirm, then sends one change (never retried; journaled by the account service).
 */
export async function changeImunifyEmail(context: CommandContext, clicked?: unknown): Promise<BulkReport> {
  const account = requireAccount(context);
  const target = await targetOf(context, clicked);
  const keys = await withProgress(vscode.l10n.t('Reading the Imunify keys…'), () => account.read('im.key.list', {}), false);
  if (target.target.level !== 'account') {
    const key = keys.find((k) => target.target.level !== 'account' && k.key === target.target.key);
    if (key && !emailAppliesTo(key.code)) throw stop(context, vscode.l10n.t('Imunify Email is an Imunify360 add-on: {0} is ImunifyAV+.', target.name));
  }
  const current = await withProgress(vscode.l10n.t("Reading the account's add-on settings…"), () => accountEmailSetting(account), false);
  const now =
    target.target.level === 'account'
      ? vscode.l10n.t('Now: {0}.', settingText(current))
      : vscode.l10n.t("Now: not shown (CLN's API shows the account's setting only; the account's is {0}).", settingText(current));
  const choices = stateChoices().map((choice) => ({
    label: choice.label,
    detail: choice.detail,
    description: target.target.level === 'account' && choice.state === current ? vscode.l10n.t('current') : undefined,
    state: choice.state,
  }));
  const picked = await context.ui.prompter.pick(choices, { title: vscode.l10n.t('Imunify Email for {0}', target.name), placeHolder: now });
  const to: FeatureState = picked.state;
  if (target.target.level === 'account' && to === current) throw stop(context, vscode.l10n.t('Nothing to change: Imunify Email is already {0} for the account.', settingText(current)));

  const layout = await withProgress(vscode.l10n.t('Reading the servers the change reaches…'), () => emailLayout(account, target.target, keys), false);
  const preview = previewChange(layout, { target: target.target, to }, clnSetting('cleanup.prices'));
  context.log.info(vscode.l10n.t('Change Imunify Email for {0} to {1}: {2}', target.name, settingText(to), costLine(preview)));
  await confirmOrStop(context, {
    message: vscode.l10n.t('Set Imunify Email for {0} to "{1}"?', target.name, settingText(to)),
    detail: previewLines(preview).join('\n'),
    action: vscode.l10n.t('Change'),
  });
  return runBulk(context, {
    commandId: 'cln.changeImunifyEmail',
    verb: VERBS.update(),
    noun: NOUNS.change(),
    items: [target.target],
    describe: () => vscode.l10n.t('Imunify Email for {0} to "{1}"', target.name, settingText(to)),
    run: async (item) => {
      await changeEmail(account, item, to);
    },
  });
}

/** Add-ons: the feature catalog and the account's settings, each feature named (unknown ids as "feature 1101"). */
export async function showAddons(context: CommandContext): Promise<void> {
  const account = requireAccount(context);
  const [catalog, settings] = await withProgress(vscode.l10n.t('Reading the add-on features…'), () => Promise.all([account.features(), account.accountFeatures()]), false);
  const ids = [...new Set([...catalog.map((f) => f.id), ...settings.keys()])].sort((a, b) => a - b);
  const items = ids.map((id) => {
    const info = catalog.find((f) => f.id === id);
    const state = settings.get(id);
    return {
      label: info?.name ?? featureName(id),
      description: vscode.l10n.t('account: {0}', state === undefined ? vscode.l10n.t('not set') : settingText(settingOf(state))),
      detail: info
        ? info.applicableProductIds.length
          ? vscode.l10n.t('Feature {0}; product ids {1}', id, info.applicableProductIds.join(', '))
          : vscode.l10n.t('Feature {0}', id)
        : vscode.l10n.t('Feature {0}; not in the catalog CLN lists', id),
      id,
    };
  });
  if (items.length === 0) throw stop(context, vscode.l10n.t('CLN lists no add-on features for this account.'));
  context.log.info(vscode.l10n.t('Add-ons: {0}', items.map((item) => `${item.label} (${item.description})`).join('; ')));
  const picked = await context.ui.prompter.pick(items, {
    title: vscode.l10n.t('Add-ons of this account'),
    placeHolder: vscode.l10n.t('Imunify Email can be changed here; other features are shown as CLN lists them'),
  });
  if (picked.id === 4600) await changeImunifyEmail(context);
  else tell(context, 'info', vscode.l10n.t('{0}: CLN Explorer shows this feature as CLN lists it; what it is, CLN does not publish.', picked.label));
}

async function targetOf(context: CommandContext, clicked: unknown): Promise<{ target: EmailTarget; name: string }> {
  const node = clickedNode(clicked);
  if (node?.kind === 'imKey') return { target: { level: 'key', key: node.key.key }, name: describeNode(node) };
  if (node?.kind === 'imServer') return { target: { level: 'server', key: node.server.key, id: node.server.id }, name: describeNode(node) };
  if (node && !(node.kind === 'family' && node.family === 'im'))
    throw stop(context, vscode.l10n.t('Imunify Email is set for the account, an Imunify key or an Imunify server, not for {0}.', describeNode(node)));
  if (node) return { target: { level: 'account' }, name: vscode.l10n.t('the whole account') };
  const level = await context.ui.prompter.pick(
    [
      { label: vscode.l10n.t('The whole account'), detail: vscode.l10n.t('Every Imunify360 server, unless it is "depends on lower level".'), level: 'account' as const },
      { label: vscode.l10n.t('One Imunify key'), detail: vscode.l10n.t("The key's servers, when the account leaves it to the keys."), level: 'key' as const },
    ],
    { title: vscode.l10n.t('Change Imunify Email'), placeHolder: vscode.l10n.t('Where to set it (a server: from its row in the tree)') },
  );
  if (level.level === 'account') return { target: { level: 'account' }, name: vscode.l10n.t('the whole account') };
  const key = await pickKey(context, requireAccount(context), ['im'], { title: vscode.l10n.t('Imunify key'), placeHolder: vscode.l10n.t('The key whose setting to change') });
  if (key.kind !== 'imKey') throw stop(context, vscode.l10n.t('Imunify Email is set on Imunify keys only.'));
  return { target: { level: 'key', key: key.key.key }, name: describeNode(key) };
}
