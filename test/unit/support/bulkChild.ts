/**
 * A stand-in extension host for the killed-host test: journals a bulk run of
 * KernelCare server removals through the real AccountService and Journal, and
 * sends them one by one until the parent kills it (SIGKILL, no clean-up).
 * argv: simulator URL, login, secret key, journal file, JSON [{ id, key }].
 */
import { ClnClient } from '../../../src/cln/client';
import { AccountService } from '../../../src/services/accountService';
import { Journal } from '../../../src/services/journal';

async function main(): Promise<void> {
  const [url, login, secretKey, file, json] = process.argv.slice(2);
  const servers = JSON.parse(json) as { id: string; key: string }[];
  const journal = new Journal(file, { secrets: () => [secretKey] });
  const account = new AccountService(new ClnClient({ baseUrl: url, credentials: () => ({ login, secretKey }) }), { maxConcurrent: 1, journal, login });
  const run = await journal.startRun({
    login,
    title: `Removing ${servers.length} servers`,
    command: 'cln.removeServer',
    items: servers.map((s) => ({ target: `KernelCare server ${s.id}`, action: 'kcare.srv.remove', args: { server_id: s.id }, where: { key: s.key } })),
  });
  process.send?.({ run });
  for (const [item, s] of servers.entries()) {
    await account.change('kcare.srv.remove', { server_id: s.id }, { run, item, target: `KernelCare server ${s.id}` }).catch(() => undefined);
  }
  await journal.endRun(run);
  process.send?.({ finished: true });
}

void main();
