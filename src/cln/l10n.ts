/**
 * Translatable text for the vscode-free layers: `import * as l10n from '@vscode/l10n'` and
 * `l10n.t('Removed {0}.', ip)`, as adapters write `vscode.l10n.t(…)`. Both read the same
 * l10n/bundle.l10n.<locale>.json, which `npm run l10n` extracts from the sources (English
 * needs no bundle: the message is its own key).
 *
 * Why this module exists: every esbuild bundle (dist/extension.js and the lazily loaded
 * cleanup.js, transfer.js, desired.js, accountCommands.js …) gets its own copy of a module's
 * state, @vscode/l10n's loaded translations included, so configuring it once at activation
 * would leave the lazy bundles in English. esbuild.js therefore resolves '@vscode/l10n' to this
 * module in every bundle: the library's own API, with the configured bundle kept process-wide
 * (a Symbol.for key on globalThis, as services/journal.ts keeps its change context), and each
 * copy loading it into its own @vscode/l10n before it translates. Node unit tests import the
 * library itself (English).
 */
import * as l10n from '@vscode/l10n/dist/main';

export type { l10nJsonFormat, l10nJsonMessageFormat, L10nReplacement } from '@vscode/l10n/dist/main';

interface Store {
  /** Bumped on every config(); a copy whose `seen` differs loads `contents` again. */
  version: number;
  contents?: string | l10n.l10nJsonFormat;
}

const KEY = Symbol.for('cln-explorer.l10n');
const store: Store = ((globalThis as Record<symbol, unknown>)[KEY] as Store | undefined) ?? ((globalThis as Record<symbol, unknown>)[KEY] = { version: 0 } as Store);
let seen = 0;

/** As @vscode/l10n's config; a bundle given as contents (what activation passes: vscode.l10n.bundle) serves every esbuild bundle. */
export function config(options: { contents: string | l10n.l10nJsonFormat }): void;
export function config(options: { fsPath: string }): void;
export function config(options: { uri: string | URL }): Promise<void>;
export function config(options: { contents: string | l10n.l10nJsonFormat } | { fsPath: string } | { uri: string | URL }): void | Promise<void> {
  if ('contents' in options) {
    store.contents = options.contents;
    seen = ++store.version;
  }
  return (l10n.config as (o: typeof options) => void | Promise<void>)(options);
}

/** As @vscode/l10n's t, with this copy brought up to the process-wide bundle first. */
export const t: typeof l10n.t = ((...args: unknown[]) => {
  if (seen !== store.version) {
    seen = store.version;
    l10n.config({ contents: store.contents ?? {} });
  }
  // eslint-disable-next-line l10n/no-hardcoded-text -- passes the caller's literal message through
  return (l10n.t as (...a: unknown[]) => string)(...args);
}) as typeof l10n.t;
