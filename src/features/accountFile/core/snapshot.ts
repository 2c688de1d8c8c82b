/**
 * What the account holds, as far as the desired-state file describes it: one
 * read per list (IP licenses, each key family, each ELS code, each group's
 * members), all through AccountService, so they are cached, coalesced and bounded.
 */
import { setMaxListeners } from 'events';
import { ELS_CODES } from '../../../cln/catalog';
import { isV2Unavailable } from '../../../cln/errors';
import type { ClKey, ElsKey, FeatureState, GroupServer, ImunifyKey, IpLicense, KcareKey, ServerGroup } from '../../../cln/types';
import type { AccountService, ReadOptions } from '../../../services/accountService';
import { mapBounded } from '../../../services/concurrency';

export interface Snapshot {
  ipLicenses: IpLicense[];
  kcareKeys: KcareKey[];
  imunifyKeys: ImunifyKey[];
  elsKeys: ElsKey[];
  groups: (ServerGroup & { members: GroupServer[] })[];
  /** CloudLinux OS keys and the account's add-on settings (API v2); undefined where v2 does not answer this account. */
  v2?: { clKeys: ClKey[]; addons: Map<number, FeatureState> };
  /** Why the v2 sections could not be read (CLN's answer), when it could not. */
  v2Unavailable?: string;
}

export interface SnapshotOptions extends ReadOptions {
  /** ELS codes beyond the catalog to list (codes a file names). */
  extraElsCodes?: readonly string[];
  /** Skip the members of groups (one request per group). */
  withoutMembers?: boolean;
}

export async function readSnapshot(account: AccountService, options: SnapshotOptions = {}): Promise<Snapshot> {
  const read = { force: options.force, signal: options.signal };
  // One signal watches a read per list (a dozen or more): not a leak.
  if (options.signal) setMaxListeners(1000, options.signal);
  const codes = [...new Set([...ELS_CODES.map((c) => c.code), ...(options.extraElsCodes ?? [])])];
  // v2 goes beside the v1 reads; where the account has no v2, its sections are left out, not an error.
  const v2 = (async () => {
    try {
      // Two rounds at most, one lone request where v2 has not answered yet: the add-on settings go first
      // (where v2 is absent, that one request says so), then every product's keys together.
      if (!account.v2Answers) {
        const addons = await account.accountFeatures(read);
        return { clKeys: await account.clKeys(read), addons };
      }
      const [clKeys, addons] = await Promise.all([account.clKeys(read), account.accountFeatures(read)]);
      return { clKeys, addons };
    } catch (error) {
      if (isV2Unavailable(error)) return error;
      throw error;
    }
  })();
  const [ipLicenses, kcareKeys, imunifyKeys, elsPerCode, groupList, v2Read] = await Promise.all([
    account.read('ipl.list', {}, read),
    account.read('kcare.key.list', {}, read),
    account.read('im.key.list', {}, read),
    mapBounded(codes, codes.length, (code) => account.read('els.key.list', { code }, read).catch((error) => (ELS_CODES.some((c) => c.code === code) ? Promise.reject(error) : []))),
    account.read('group.list', {}, read),
    v2,
  ]);
  const groups = await mapBounded(groupList, groupList.length, async (group) => ({
    ...group,
    members: options.withoutMembers ? [] : await account.read('group.servers.list', { name: group.name }, read),
  }));
  const v2Part = v2Read instanceof Error ? { v2Unavailable: v2Read.message } : { v2: v2Read };
  return { ipLicenses, kcareKeys, imunifyKeys, elsKeys: elsPerCode.flat(), groups, ...v2Part };
}
