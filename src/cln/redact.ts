/** Removes credentials from any text that may reach a log, a message or a file. */
const TOKEN_QUERY = /([?&;]token=)[^&#\s"']*/gi;
// A login cannot contain the separators, so the regex can only start after one: a long text is scanned in linear time.
const TOKEN_VALUE = /(^|[\s|/?&="'(,;:<>[\]])([^\s|/?&="'(,;:<>[\]]+)\|(\d{9,11})\|[0-9a-f]{40}(?![0-9a-f])/gi;
const NAGIOS_RES_PATH = /(\/nagios-res\/[^/\s?#]+\/)[^/\s?#"']+/gi;

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(TOKEN_QUERY, '$1<redacted>').replace(NAGIOS_RES_PATH, '$1<redacted>');
  if (out.includes('|')) out = out.replace(TOKEN_VALUE, '$1$2|$3|<redacted>');
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('<redacted>');
  }
  return out;
}
