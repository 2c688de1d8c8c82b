/** Removes credentials from any text that may reach a log, a message or a file. */
const TOKEN_QUERY = /([?&;]token=)[^&#\s"']*/gi;
const TOKEN_VALUE = /\b([^\s|/?&="']+)\|(\d{9,11})\|[0-9a-f]{40}\b/gi;
const NAGIOS_RES_PATH = /(\/nagios-res\/[^/\s?#]+\/)[^/\s?#"']+/gi;

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text
    .replace(TOKEN_QUERY, '$1<redacted>')
    .replace(NAGIOS_RES_PATH, '$1<redacted>')
    .replace(TOKEN_VALUE, '$1|$2|<redacted>');
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('<redacted>');
  }
  return out;
}
