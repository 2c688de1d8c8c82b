/** Checks `login|timestamp|sha1hex(secret + timestamp)` tokens against the simulator's clock. */
import { createHash, timingSafeEqual } from 'crypto';

export interface TokenCheck {
  /** The token has three parts, a numeric timestamp and a 40-digit hex digest. */
  wellFormed: boolean;
  login: string;
  timestamp: number;
  /** Accepted: right login, right digest, timestamp inside the window. */
  valid: boolean;
  /** Why it was refused, for the request log (never the token itself). */
  reason?: 'missing' | 'malformed' | 'login' | 'digest' | 'expired';
}

export interface AuthConfig {
  login: string;
  secretKey: string;
  windowSeconds: number;
  now: () => number;
}

export function checkToken(token: string | undefined | null, config: AuthConfig): TokenCheck {
  if (!token) return { wellFormed: false, login: '', timestamp: 0, valid: false, reason: 'missing' };
  const parts = token.split('|');
  const [login = '', ts = '', digest = ''] = parts;
  const wellFormed = parts.length === 3 && /^\d{1,12}$/.test(ts) && /^[0-9a-f]{40}$/i.test(digest);
  const result = { wellFormed, login, timestamp: wellFormed ? Number(ts) : 0 };
  if (!wellFormed) return { ...result, valid: false, reason: 'malformed' };
  if (login !== config.login) return { ...result, valid: false, reason: 'login' };
  const expected = createHash('sha1')
    .update(config.secretKey + ts)
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(digest.toLowerCase(), 'hex'))) return { ...result, valid: false, reason: 'digest' };
  if (Math.abs(Number(ts) * 1000 - config.now()) > config.windowSeconds * 1000) return { ...result, valid: false, reason: 'expired' };
  return { ...result, valid: true };
}
