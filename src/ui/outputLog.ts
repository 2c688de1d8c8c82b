import * as vscode from 'vscode';
import type { RequestLogEntry } from '../cln/client';
import { redact } from '../cln/redact';

const MAX_LINE = 32_000;

/**
 * The "CLN" output channel: one line per request and errors with detail.
 * Everything written passes through `redact`, with the session's secrets.
 */
export class OutputLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('CLN');

  constructor(private readonly secrets: () => readonly string[]) {}

  request(entry: RequestLogEntry): void {
    const outcome = entry.status === undefined ? 'no answer' : String(entry.status);
    const retry = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    this.line(`${entry.method} ${entry.path} ${outcome} ${entry.ms}ms${retry}${entry.error ? ` — ${entry.error}` : ''}`);
  }

  info(message: string): void {
    this.line(message);
  }

  error(message: string, detail?: unknown): void {
    this.line(`ERROR ${message}`);
    if (detail instanceof Error && detail.stack) this.line(detail.stack);
    else if (typeof detail === 'string' && detail) this.line(detail);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private line(text: string): void {
    // Text from CLN is bounded before it gets here (ClnError details); this bounds anything else, redacting before the cut.
    const bounded = text.length > MAX_LINE ? `${redact(text.slice(0, MAX_LINE + 4096), this.secrets()).slice(0, MAX_LINE)}… (truncated: ${text.length} characters in all)` : text;
    const safe = redact(`[${new Date().toISOString()}] ${bounded}`, this.secrets());
    this.channel.appendLine(safe);
  }
}
