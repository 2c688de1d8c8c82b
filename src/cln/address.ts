/**
 * One spelling per IP address, so two texts that name the same address compare
 * equal: the account file against CLN's list, an inventory against CLN.
 */
import { isIP } from 'net';

/**
 * The canonical text of an IP address, or undefined when `text` is not one.
 * Surrounding white space is ignored. IPv4: dotted decimal as Node's `isIP`
 * accepts it (no leading zeros, so "010.0.0.1" is not an address). IPv6: the
 * RFC 5952 form as the WHATWG URL standard writes it — lower case, no leading
 * zeros, the first longest run of two or more zero groups as "::", an embedded
 * IPv4 part in hex ("::ffff:10.0.0.1" is "::ffff:a00:1"); a zone ("%eth0") is
 * kept as written.
 */
export function canonicalIp(text: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  const family = isIP(trimmed);
  if (family === 4) return trimmed;
  if (family !== 6) return undefined;
  const percent = trimmed.indexOf('%');
  const address = percent < 0 ? trimmed : trimmed.slice(0, percent);
  const zone = percent < 0 ? '' : trimmed.slice(percent);
  try {
    // The URL parser holds the standard's IPv6 serializer; `isIP` has already vouched for the text.
    return `${new URL(`http://[${address}]/`).hostname.slice(1, -1)}${zone}`;
  } catch {
    return undefined;
  }
}
