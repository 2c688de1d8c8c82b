/**
 * The lines of the "CLN" output channel, without `vscode` (ui/outputLog.ts
 * writes them). VS Code keeps the channel in a file under the user-data
 * folder, so a line is cleaned before it is written: tokens and the session's
 * secrets redacted (redact.ts), and every license key the session has sent or
 * been answered with (each request entry names them) written as its
 * fingerprint — whoever wrote the line: a request, an error, a command's notice.
 */
import type { RequestLogEntry } from './client';
import { KeyRing } from './keyPrint';
import { redact } from './redact';

/** The longest line written; longer text is cut (after cleaning) and says how long it was. */
export const MAX_LINE = 32_000;

export class LogLines {
  private readonly keys = new KeyRing();

  constructor(
    private readonly secrets: () => readonly string[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** How many key strings the log knows to fingerprint. */
  get knownKeys(): number {
    return this.keys.size;
  }

  /** A request's line; the keys it names are fingerprinted in it and in every line after. */
  request(entry: RequestLogEntry): string {
    this.keys.add(entry.keys ?? []);
    const outcome = entry.status === undefined ? 'no answer' : String(entry.status);
    const retry = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    return this.line(`${entry.method} ${entry.path} ${outcome} ${entry.ms}ms${retry}${entry.error ? ` — ${entry.error}` : ''}`);
  }

  /** Any other text, cleaned, bounded and time-stamped. */
  line(text: string): string {
    const clean = (part: string) => redact(this.keys.fingerprintIn(part), this.secrets());
    // Text from CLN is bounded before it gets here (ClnError details); this bounds anything else, cleaning before the cut.
    // Cleaning shortens text (a key of 8 characters becomes 3, a digest of 40 becomes 10): the part cleaned is long
    // enough that the cut falls in it, never where a key or a secret was sliced in two by the first cut.
    const bounded = text.length > MAX_LINE ? `${clean(text.slice(0, MAX_LINE * 8)).slice(0, MAX_LINE)}… (truncated: ${text.length} characters in all)` : text;
    return clean(`[${this.now().toISOString()}] ${bounded}`);
  }
}
