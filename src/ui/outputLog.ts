import * as vscode from 'vscode';
import type { RequestLogEntry } from '../cln/client';
import { LogLines } from '../cln/logLines';

/**
 * The "CLN" output channel: one line per request and errors with detail.
 * VS Code writes the channel to a file: every line is cleaned by LogLines
 * (tokens and secrets redacted, license keys fingerprinted) before it is written.
 */
export class OutputLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('CLN');
  private readonly lines: LogLines;

  constructor(secrets: () => readonly string[]) {
    this.lines = new LogLines(secrets);
  }

  request(entry: RequestLogEntry): void {
    this.channel.appendLine(this.lines.request(entry));
  }

  info(message: string): void {
    this.channel.appendLine(this.lines.line(message));
  }

  error(message: string, detail?: unknown): void {
    this.channel.appendLine(this.lines.line(`ERROR ${message}`));
    if (detail instanceof Error && detail.stack) this.channel.appendLine(this.lines.line(detail.stack));
    else if (typeof detail === 'string' && detail) this.channel.appendLine(this.lines.line(detail));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
