/**
 * A minimal stand-in for the `vscode` module, enough to load dist/extension.js
 * and call `activate` in plain Node (the benchmark's activation measurement).
 * Anything not modelled here is a callable, constructible no-op whose
 * properties are more of the same; configuration answers the manifest's defaults.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

type AnyValue = any;

/** A no-op that can be called, constructed (also as a base class) and read from at any depth. */
function noop(name: string, base: object = function () {}): AnyValue {
  const own = new Map<PropertyKey, unknown>();
  return new Proxy(base, {
    get(target, prop) {
      if (own.has(prop)) return own.get(prop);
      if (prop in target) return (target as Record<PropertyKey, unknown>)[prop as string];
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      const child = noop(`${name}.${String(prop)}`);
      own.set(prop, child);
      return child;
    },
    set(_target, prop, value) {
      own.set(prop, value);
      return true;
    },
    apply: () => noop(`${name}()`),
    construct: (_target, _args, newTarget) => noop(`new ${name}`, Object.create(newTarget.prototype)),
  });
}

export interface FileUri {
  scheme: 'file';
  fsPath: string;
  path: string;
  toString(): string;
  with(change: { path?: string }): FileUri;
}

export function fileUri(p: string): FileUri {
  return { scheme: 'file', fsPath: p, path: p, toString: () => `file://${p}`, with: (change) => fileUri(change.path ?? p) };
}

function defaultsOf(manifest: AnyValue): Map<string, unknown> {
  // One configuration object, or titled sections of one.
  const sections: AnyValue[] = [manifest.contributes?.configuration ?? []].flat();
  const properties = Object.assign({}, ...sections.map((section) => section.properties ?? {}));
  return new Map(Object.entries(properties).map(([key, spec]) => [key, (spec as { default?: unknown }).default]));
}

function configuration(defaults: Map<string, unknown>, section?: string): AnyValue {
  const full = (key: string) => (section ? `${section}.${key}` : key);
  return {
    get: (key: string, fallback?: unknown) => (defaults.has(full(key)) ? defaults.get(full(key)) : fallback),
    has: (key: string) => defaults.has(full(key)),
    inspect: (key: string) => ({ key: full(key), defaultValue: defaults.get(full(key)) }),
    update: async () => undefined,
  };
}

function memento(): AnyValue {
  const values = new Map<string, unknown>();
  return {
    get: (key: string, fallback?: unknown) => (values.has(key) ? values.get(key) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, value),
    keys: () => [...values.keys()],
    setKeysForSync: () => undefined,
  };
}

/**
 * The names the real module exports, from @types/vscode: bundlers copy a
 * module's own properties (esbuild's __toESM), so each must exist up front.
 */
function apiNames(root: string): string[] {
  const typings = fs.readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  return [...typings.matchAll(/^\texport (?:class|namespace|enum|const|let|function) (\w+)/gm)].map((m) => m[1]);
}

/** The `vscode` module as the extension imports it. */
export function vscodeStandIn(root: string, manifest: AnyValue): AnyValue {
  const defaults = defaultsOf(manifest);
  const vscode: AnyValue = {};
  for (const name of apiNames(root)) vscode[name] = noop(`vscode.${name}`);
  vscode.version = '1.100.0';
  vscode.Uri.file = fileUri;
  vscode.Uri.parse = (text: string) => fileUri(text.replace(/^file:\/\//, ''));
  vscode.Uri.joinPath = (base: FileUri, ...parts: string[]) => fileUri(path.join(base.fsPath, ...parts));
  vscode.workspace.getConfiguration = (section?: string) => configuration(defaults, section);
  vscode.workspace.workspaceFolders = undefined;
  vscode.workspace.textDocuments = [];
  // English, as VS Code answers with no language pack: the message with its {0} / {name} placeholders filled.
  vscode.l10n = {
    bundle: undefined,
    uri: undefined,
    t: (first: string | { message: string; args?: unknown[] | Record<string, unknown> }, ...rest: unknown[]) => {
      const message = typeof first === 'string' ? first : first.message;
      const args: Record<string, unknown> =
        typeof first === 'string' ? (rest.length === 1 && rest[0] !== null && typeof rest[0] === 'object' ? (rest[0] as Record<string, unknown>) : { ...rest }) : { ...(first.args ?? {}) };
      return message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
    },
  };
  return vscode;
}

/** An ExtensionContext for `activate`, with storage in a fresh temporary directory. */
export function contextStandIn(root: string, manifest: AnyValue): AnyValue {
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'cln-bench-ctx-'));
  const secrets = new Map<string, string>();
  return Object.assign(noop('context'), {
    subscriptions: [],
    extensionPath: root,
    extensionUri: fileUri(root),
    extension: { id: `${manifest.publisher}.${manifest.name}`, packageJSON: manifest, extensionUri: fileUri(root) },
    extensionMode: 1,
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      get: async (key: string) => secrets.get(key),
      store: async (key: string, value: string) => void secrets.set(key, value),
      delete: async (key: string) => void secrets.delete(key),
      onDidChange: () => ({ dispose() {} }),
    },
    globalStorageUri: fileUri(path.join(storage, 'global')),
    storageUri: fileUri(path.join(storage, 'workspace')),
    logUri: fileUri(path.join(storage, 'log')),
    asAbsolutePath: (p: string) => path.join(root, p),
  });
}
