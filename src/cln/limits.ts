/**
 * Every bound on text that a user or a server hands CLN Explorer to read, in one
 * place. Within a bound, each parser takes time linear in its input; past it,
 * the parser stops with a message that names the limit (or, where said so, gives
 * a shortened answer). CLN's answers are bounded first by `cln.maxResponseMB`
 * (src/cln/body.ts). No `vscode` here.
 */
import * as l10n from '@vscode/l10n';

// ---- inventories (Compare with Inventory: CSV, a list of IPs, Ansible INI or YAML) ----------

/** The largest inventory file read, in bytes. */
export const MAX_INVENTORY_BYTES = 16 * 1024 * 1024;
/** The most hosts (rows, addresses, host entries — usable or not) one inventory may list. */
export const MAX_INVENTORY_HOSTS = 100_000;
/** The most columns a CSV inventory's header may have (each is offered in a pick list). */
export const MAX_CSV_COLUMNS = 1_000;
/** How deep a YAML inventory may nest. */
export const MAX_YAML_DEPTH = 64;
/** The most aliases (`*name`) a YAML inventory may use; each group or hosts mapping is read once however often it is aliased. */
export const MAX_YAML_ALIASES = 10_000;

// ---- CLN's text answers (KernelCare Nagios checks, *.plain) ---------------------------------

/** The longest line of a Nagios check. */
export const MAX_NAGIOS_LINE_CHARS = 1_000_000;
/** The most servers a Nagios check may name. */
export const MAX_NAGIOS_SERVERS = 100_000;
/** The longest server name (host, address or state word) a Nagios check may give. */
export const MAX_NAGIOS_NAME_CHARS = 1_000;
/** A Nagios summary (its first line) longer than this is shortened, with "…". */
export const MAX_NAGIOS_SUMMARY_CHARS = 1_000;

// ---- desired-state files (*.cln.json) -------------------------------------------------------

/** The largest desired-state file planned, in characters. */
export const MAX_DESIRED_FILE_CHARS = 10 * 1024 * 1024;
/** How deep a desired-state file's JSON may nest (the format itself needs 5 levels). */
export const MAX_DESIRED_DEPTH = 64;

// ---- what a person types or pastes ----------------------------------------------------------

/** The longest pasted list of IP addresses read (register several IP licenses at once). */
export const MAX_PASTED_LIST_CHARS = 100_000;

/** Checked before a pasted list is split (as the person types): the problem with a paste past MAX_PASTED_LIST_CHARS, else undefined. */
export function pastedListProblem(text: string, maxItems: number): string | undefined {
  if (text.length <= MAX_PASTED_LIST_CHARS) return undefined;
  return l10n.t('The list is longer than {0} characters; CLN Explorer reads at most {0} characters (up to {1} addresses at once).', formatLimit(MAX_PASTED_LIST_CHARS), maxItems);
}

/** How much of a value that could not be used a message quotes. */
export const MAX_QUOTED_CHARS = 60;

/** A limit as a message shows it: 100,000. */
export function formatLimit(n: number): string {
  return n.toLocaleString('en-US');
}

/** A value for a message: at most MAX_QUOTED_CHARS characters, "…" when shortened. */
export function quoted(value: string): string {
  return value.length > MAX_QUOTED_CHARS ? `${value.slice(0, MAX_QUOTED_CHARS)}…` : value;
}
