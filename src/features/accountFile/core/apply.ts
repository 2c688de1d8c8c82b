/**
 * One planned change, sent once through AccountService.change (never retried;
 * the journal records every change made there). No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import type { AccountService } from '../../../services/accountService';
import type { Change } from './plan';

export interface ChangeOutcome {
  /** CLN's word that nothing changed (e.g. the license was already gone). */
  notice?: string;
  /** The key string CLN created, to write back into the file. */
  createdKey?: string;
}

export async function applyChange(account: AccountService, change: Change, signal?: AbortSignal): Promise<ChangeOutcome> {
  const options = { signal };
  switch (change.kind) {
    case 'ipRegister':
      await account.change('ipl.register', change.els === undefined ? { ip: change.ip, type: change.type } : { ip: change.ip, type: change.type, els_allowed: change.els }, options);
      return {};
    case 'ipRemove':
      return (await account.change('ipl.remove', { ip: change.ip, type: change.type }, options)) ? {} : { notice: l10n.t('CLN had no such license') };
    case 'ipConvert':
      return (await account.change('ipl.convert', { ip: change.ip, type: change.from, type_to: change.to }, options)) ? {} : { notice: l10n.t('CLN converted nothing') };
    case 'kcareCreate': {
      const key = await account.change('kcare.key.create', { limit: change.limit, ...(change.note ? { note: change.note } : {}) }, options);
      if (change.cidr?.length) {
        const result = await account.change('kcare.key.setCidr', { key, cidr: change.cidr.join(',') }, options);
        if (!result.ok) return { createdKey: key, notice: l10n.t('created the key, but CLN did not set its IP ranges: {0} (code {1})', result.meaning, result.code) };
      }
      return { createdKey: key };
    }
    case 'kcareDelete':
      return (await account.change('kcare.key.delete', { key: change.key }, options)) ? {} : { notice: l10n.t('CLN had no such key') };
    case 'imCreate':
      return { createdKey: (await account.change('im.key.create', { code: change.code, limit: change.limit, ...(change.note ? { note: change.note } : {}) }, options)).key };
    case 'imUpdate':
      await account.change('im.key.update', { key: change.key, limit: change.limit, note: change.note }, options);
      return {};
    case 'imRemove':
      await account.change('im.key.remove', { key: change.key }, options);
      return {};
    case 'elsCreate':
      return { createdKey: (await account.change('els.key.create', { code: change.code, limit: change.limit, ...(change.note ? { note: change.note } : {}) }, options)).key };
    case 'elsUpdate':
      await account.change('els.key.update', { key: change.key, limit: change.limit, note: change.note }, options);
      return {};
    case 'elsRemove':
      await account.change('els.key.remove', { key: change.key }, options);
      return {};
    case 'groupCreate':
      await account.change('group.create', { name: change.name, ...(change.description ? { description: change.description } : {}) }, options);
      if (change.members.length) await account.change('group.servers.put', { name: change.name, server_ids: change.members }, options);
      return {};
    case 'groupAdd':
      await account.change('group.servers.put', { name: change.name, server_ids: change.ids }, options);
      return {};
    case 'groupRemove': {
      const removed = await account.change('group.servers.remove', { name: change.name, server_ids: change.ids }, options);
      return removed.length ? {} : { notice: l10n.t('none of them was in the group') };
    }
    case 'clCreate':
      return { createdKey: (await account.change('cl.key.create', { productType: change.product, limit: change.limit, ...(change.note ? { note: change.note } : {}) }, options)).key };
    case 'clUpdate':
      await account.change('cl.key.update', { key: change.key, limit: change.limit, note: change.note }, options);
      return {};
    case 'clRemove':
      await account.change('cl.key.remove', { key: change.key }, options);
      return {};
    case 'addonSet': {
      const answer = await account.change('features.account.set', { settings: { [change.feature]: change.state } }, options);
      const now = answer.settings?.find((s) => String(s.feature) === change.feature)?.state;
      return now === undefined || now === change.state ? {} : { notice: l10n.t('CLN answered that add-on {0} is {1}', change.feature, now) };
    }
  }
}

/**
 * The one call a change makes, for the activity journal's record of the run
 * (removals of IP licenses can then be resumed). Changes of two calls (a key
 * created then given IP ranges, a group created then filled) have none.
 */
export function plannedCall(change: Change): { action: string; args: Record<string, unknown> } | undefined {
  switch (change.kind) {
    case 'ipRegister':
      return { action: 'ipl.register', args: { ip: change.ip, type: change.type, ...(change.els === undefined ? {} : { els_allowed: change.els }) } };
    case 'ipRemove':
      return { action: 'ipl.remove', args: { ip: change.ip, type: change.type } };
    case 'ipConvert':
      return { action: 'ipl.convert', args: { ip: change.ip, type: change.from, type_to: change.to } };
    case 'kcareDelete':
      return { action: 'kcare.key.delete', args: { key: change.key } };
    case 'imUpdate':
      return { action: 'im.key.update', args: { key: change.key, limit: change.limit, note: change.note } };
    case 'imRemove':
      return { action: 'im.key.remove', args: { key: change.key } };
    case 'elsUpdate':
      return { action: 'els.key.update', args: { key: change.key, limit: change.limit, note: change.note } };
    case 'elsRemove':
      return { action: 'els.key.remove', args: { key: change.key } };
    case 'imCreate':
      return { action: 'im.key.create', args: { code: change.code, limit: change.limit, ...(change.note ? { note: change.note } : {}) } };
    case 'elsCreate':
      return { action: 'els.key.create', args: { code: change.code, limit: change.limit, ...(change.note ? { note: change.note } : {}) } };
    case 'groupAdd':
      return { action: 'group.servers.put', args: { name: change.name, server_ids: change.ids } };
    case 'groupRemove':
      return { action: 'group.servers.remove', args: { name: change.name, server_ids: change.ids } };
    case 'clCreate':
      return { action: 'cl.key.create', args: { productType: change.product, limit: change.limit, ...(change.note ? { note: change.note } : {}) } };
    case 'clUpdate':
      return { action: 'cl.key.update', args: { key: change.key, limit: change.limit, note: change.note } };
    case 'clRemove':
      return { action: 'cl.key.remove', args: { key: change.key } };
    case 'addonSet':
      return { action: 'features.account.set', args: { settings: { [change.feature]: change.state } } };
    case 'kcareCreate':
      return change.cidr?.length ? undefined : { action: 'kcare.key.create', args: { limit: change.limit, ...(change.note ? { note: change.note } : {}) } };
    case 'groupCreate':
      return change.members.length ? undefined : { action: 'group.create', args: { name: change.name, ...(change.description ? { description: change.description } : {}) } };
  }
}
