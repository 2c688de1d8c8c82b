import { isIP } from 'net';
import { ipTypeName } from '../cln/catalog';
import { factsFromCache } from '../services/accountFacts';
import { requireAccount } from './common/account';
import { count } from './common/describe';
import { stop, tell } from './common/notify';
import { withProgress } from './common/progress';
import type { CommandContext } from '../ui/registerCommand';

/**
 * The hover's "Check in CLN" link: one request for what CLN holds now for an IP
 * (its licenses with server details) or a key (its servers).
 */
export async function checkInCln(context: CommandContext, token?: unknown): Promise<string> {
  const account = requireAccount(context);
  if (typeof token !== 'string' || !token) throw stop(context, 'Hover over an IP address or a key to check it in CLN.');
  let message: string;
  if (isIP(token)) {
    const licenses = await withProgress(`Checking ${token} in CLN…`, (signal) => account.read('ipl.server', { ip: [token] }, { force: true, signal }));
    message = licenses.length
      ? `${token}: ${licenses.map((l) => `${ipTypeName(l.type)} (${l.registered ? `registered${l.lastCheckin ? `, last check-in ${l.lastCheckin.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}` : 'not registered yet'})`).join('; ')}.`
      : `${token} has no IP license in this account.`;
  } else {
    const family = factsFromCache(context.session, token)?.key?.family;
    if (family === 'KernelCare') {
      const servers = await withProgress('Checking the key in CLN…', (signal) => account.read('kcare.key.servers', { key: token }, { force: true, signal }));
      message = `KernelCare key: ${count(servers.length, 'server')} registered.`;
    } else if (family === 'Imunify') {
      const servers = await withProgress('Checking the key in CLN…', (signal) => account.read('im.srv.list', { key: token }, { force: true, signal }));
      message = `Imunify key: ${count(servers.length, 'server')} registered.`;
    } else throw stop(context, 'CLN Explorer has not read this key in this session; open it in the CLN tree first.');
  }
  tell(context, 'info', message);
  return message;
}
