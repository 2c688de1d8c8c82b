import * as vscode from 'vscode';
import type { RequestLogEntry } from '../cln/client';
import { redact } from '../cln/redact';

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
    const safe = redact(`[${new Date().toISOString()}] ${text}`, this.secrets());
    this.channel.appendLine(safe);
  }
}
