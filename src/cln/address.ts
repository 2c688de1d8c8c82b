/**
 * One spelling for an IP address, so the same address written two ways
 * (`2001:DB8::0:1` and `2001:db8::1`, or with spaces around it) compares
 * equal wherever addresses are matched. No `vscode` here.
 */
import { isIP } from 'net';

/**
 * The address in canonical form: IPv4 dotted decimal, IPv6 compressed and in
 * lower case (RFC 5952, as the WHATWG URL standard serialises it), trimmed; a
 * zone (`%eth0`) is kept as written. Undefined when the text is not an address.
 */
export function canonicalIp(text: string): string | undefined {
  const value = text.trim();
  const family = isIP(value);
  // Node accepts only dotted decimal without leading zeros: already canonical.
  if (family === 4) return value;
  if (family !== 6) return undefined;
  const zoneAt = value.indexOf('%');
  const address = zoneAt < 0 ? value : value.slice(0, zoneAt);
  const zone = zoneAt < 0 ? '' : value.slice(zoneAt);
  try {
    return `${new URL(`http://[${address}]/`).hostname.slice(1, -1)}${zone}`;
  } catch {
    return undefined;
  }
}
