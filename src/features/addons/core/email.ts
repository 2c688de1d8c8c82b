/**
 * The Change Imunify Email command's reads, without VS Code: Imunify Email's settings as far as
 * CLN's API shows them (the account's; key and server settings are set, never shown), laid out over
 * the Imunify keys and servers a change at a level reaches, and the call that makes the change.
 */
import * as l10n from '@vscode/l10n';
import type { ImunifyKey } from '../../../cln/types';
import type { AccountService, ReadOptions } from '../../../services/accountService';
import { IMUNIFY_EMAIL, settingOf, type EmailKey, type EmailLayout, type EmailTarget, type FeatureState, type Setting } from '../../../services/addons';
import { mapBounded } from '../../../services/concurrency';

/** The account's Imunify Email setting; a failed read is said by the caller (the error is CLN's). */
export async function accountEmailSetting(account: AccountService, options: ReadOptions = {}): Promise<Setting> {
  const settings = await account.accountFeatures(options);
  return settingOf(settings.get(IMUNIFY_EMAIL) ?? 'UNSET');
}

/**
 * The layout a change at `target` reaches: the account's setting and the servers under it (every
 * Imunify key's for the account, one key's, or one server). Key and server settings are not shown by
 * the API: they are left not known.
 */
export async function emailLayout(account: AccountService, target: EmailTarget, keys: readonly ImunifyKey[], options: ReadOptions = {}): Promise<EmailLayout> {
  const [setting, reached] = await Promise.all([
    accountEmailSetting(account, options),
    mapBounded(
      keys.filter((key) => target.level === 'account' || key.key === target.key),
      Math.max(1, account.maxConcurrent),
      async (key): Promise<EmailKey> => {
        const servers = await account.read('im.srv.list', { key: key.key }, options);
        return {
          key: key.key,
          code: key.code,
          setting: undefined,
          servers: servers.filter((s) => target.level !== 'server' || s.id === target.id).map((s) => ({ id: s.id, ip: s.ip, setting: undefined })),
        };
      },
    ),
  ]);
  return { account: setting, keys: reached };
}

/** Sends the change once (never retried); the account service journals it and invalidates the add-on reads. */
export async function changeEmail(account: AccountService, target: EmailTarget, to: FeatureState): Promise<void> {
  const permissions = { [String(IMUNIFY_EMAIL)]: to };
  switch (target.level) {
    case 'account':
      await account.change('features.account.set', { settings: permissions });
      return;
    case 'key':
      await account.change('imunify.key.features.set', { key: target.key, permissions });
      return;
    case 'server':
      await account.change('imunify.server.features.set', { id: target.id, permissions });
      return;
  }
}

/** The three choices, in the dashboard's words. */
export function stateChoices(): { state: FeatureState; label: string; detail: string }[] {
  return [
    { state: 'ENABLED', label: l10n.t('On'), detail: l10n.t('Installed within 24 hours and billed: 10 % of the Imunify360 license per server.') },
    { state: 'DISABLED', label: l10n.t('Off'), detail: l10n.t('Removed within 24 hours.') },
    { state: 'UNSET', label: l10n.t('Depends on lower level'), detail: l10n.t('The level below decides (UNSET in the API; its meaning is inferred).') },
  ];
}
