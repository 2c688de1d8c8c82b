/**
 * Removes credentials from any text that may reach a log, a message or a file,
 * in every form a server could echo them:
 * - a `token=` argument (also `&amp;token=`, `%26token%3D`, double-encoded), its whole value;
 * - a sha1 digest (the secret part of the per-request token) alone, in any
 *   case and whatever surrounds it: any run of 40 or more hex digits;
 * - the last segment of a `nagios-res/<login>/<token>` path (slashes encoded or not);
 * - each given secret (the secret key, the static API token …): raw, and
 *   URL-encoded (any case, partly or fully, once or twice), form-encoded,
 *   JSON-escaped and HTML-escaped.
 * Logins and timestamps are kept: they help reading a log and prove nothing.
 */
const TOKEN_QUERY = /((?:[?&;]|&amp;|%3f|%26|%253f|%2526)token(?:=|%3d|%253d))(?!<redacted>)[^&#\s"'<>]*/gi;
const HEX_RUN = /[0-9a-f]{40,}/gi;
const SLASH = '(?:/|%2f|%252f|\\\\/)';
const NAGIOS_RES_PATH = new RegExp(`(nagios-res${SLASH}(?:(?!${SLASH})[^\\s?#"'<>])+${SLASH})[^\\s?#"'<>]+`, 'gi');
const REDACTED = '<redacted>';
/** Shorter values would shred ordinary text. */
const MIN_SECRET_LENGTH = 4;

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(TOKEN_QUERY, `$1${REDACTED}`).replace(NAGIOS_RES_PATH, `$1${REDACTED}`).replace(HEX_RUN, REDACTED);
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) out = out.replace(secretPattern(secret), REDACTED);
  }
  return out;
}

const patterns = new Map<string, RegExp>();

/** One alternation per character: the character itself or any of its escapes. */
function secretPattern(secret: string): RegExp {
  let pattern = patterns.get(secret);
  if (pattern) return pattern;
  const source = [...secret].map((char) => `(?:${forms(char).join('|')})`).join('');
  pattern = new RegExp(source, 'gi');
  if (patterns.size > 32) patterns.clear();
  patterns.set(secret, pattern);
  return pattern;
}

function forms(char: string): string[] {
  const bytes = [...Buffer.from(char, 'utf8')].map((b) => b.toString(16).padStart(2, '0'));
  const codePoint = char.codePointAt(0)!;
  const units = char.length === 1 ? [char.charCodeAt(0)] : [char.charCodeAt(0), char.charCodeAt(1)];
  const out = [
    escapeRegExp(char),
    bytes.map((b) => `%${b}`).join(''),
    bytes.map((b) => `%25${b}`).join(''),
    units.map((u) => `\\\\u${u.toString(16).padStart(4, '0')}`).join(''),
    `&#0*${codePoint};`,
    `&#x0*${codePoint.toString(16)};`,
  ];
  const extra: Record<string, string[]> = {
    ' ': ['\\+'],
    '/': ['\\\\/'],
    '\\': ['\\\\\\\\'],
    '"': ['\\\\"', '&quot;'],
    '&': ['&amp;'],
    '<': ['&lt;'],
    '>': ['&gt;'],
    "'": ['&apos;'],
  };
  return [...out, ...(extra[char] ?? [])];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
