/**
 * What the account holds, as far as the desired-state file describes it: one
 * read per list (IP licenses, each key family, each ELS code, each group's
 * members), all through AccountService, so they are cached, coalesced and bounded.
 */
import { setMaxListeners } from 'events';
import { ELS_CODES } from '../../../cln/catalog';
import type { ElsKey, GroupServer, ImunifyKey, IpLicense, KcareKey, ServerGroup } from '../../../cln/types';
import type { AccountService, ReadOptions } from '../../../services/accountService';
import { mapBounded } from '../../../services/concurrency';

export interface Snapshot {
  ipLicenses: IpLicense[];
  kcareKeys: KcareKey[];
  imunifyKeys: ImunifyKey[];
  elsKeys: ElsKey[];
  groups: (ServerGroup & { members: GroupServer[] })[];
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
  const [ipLicenses, kcareKeys, imunifyKeys, elsPerCode, groupList] = await Promise.all([
    account.read('ipl.list', {}, read),
    account.read('kcare.key.list', {}, read),
    account.read('im.key.list', {}, read),
    mapBounded(codes, codes.length, (code) => account.read('els.key.list', { code }, read).catch((error) => (ELS_CODES.some((c) => c.code === code) ? Promise.reject(error) : []))),
    account.read('group.list', {}, read),
  ]);
  const groups = await mapBounded(groupList, groupList.length, async (group) => ({
    ...group,
    members: options.withoutMembers ? [] : await account.read('group.servers.list', { name: group.name }, read),
  }));
  return { ipLicenses, kcareKeys, imunifyKeys, elsKeys: elsPerCode.flat(), groups };
}
