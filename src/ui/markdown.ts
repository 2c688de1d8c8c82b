/** Markdown for tooltips. No `vscode` here. */

/** Escapes what Markdown (and `$(icon)` syntax) would interpret, keeping spaces so text still wraps. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$&]/g, '\\$&');
}
