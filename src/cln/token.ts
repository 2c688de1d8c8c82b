import { createHash } from 'crypto';

export interface Credentials {
  readonly login: string;
  readonly secretKey: string;
}

/** `login|timestamp|sha1hex(secretKey + timestamp)`, timestamp in POSIX seconds. */
export function makeToken(credentials: Credentials, nowMs: number): string {
  const timestamp = String(Math.floor(nowMs / 1000));
  const digest = createHash('sha1')
    .update(credentials.secretKey + timestamp)
    .digest('hex');
  return `${credentials.login}|${timestamp}|${digest}`;
}
