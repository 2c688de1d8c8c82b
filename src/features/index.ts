/**
 * Every feature, once. Each is a folder of its own under src/features/ (its VS Code-free core in
 * core/, its webview page in page/); this table is where the extension learns of it, and
 * `registerFeatures` registers every command of every feature through one loop.
 * Adding a feature: a folder with an index.ts exporting a `Feature`, an entry here, and its commands
 * in package.json (test/suite/activation.test.ts checks the manifest and this table name the same ids).
 */
import type * as vscode from 'vscode';
import type { Feature, FeatureHost } from '../ui/feature';
import { registerClnCommand, type CommandHandler } from '../ui/registerCommand';
import { accountFile } from './accountFile';
import { accounts } from './accounts';
import { activity } from './activity';
import { awpReport } from './awpReport';
import { addons } from './addons';
import { backups } from './backups';
import { chat } from './chat';
import { cleanup } from './cleanup';
import { cloudlinux } from './cloudlinux';
import { find } from './find';
import { groups } from './groups';
import { hover } from './hover';
import { ipLicenses } from './ipLicenses';
import { jsonView } from './jsonView';
import { kernelcareHealth } from './kernelcareHealth';
import { keys } from './keys';
import { servers } from './servers';
import { transfer } from './transfer';
import { tree } from './tree';

export const FEATURES: Readonly<Record<string, Feature>> = {
  accounts,
  tree,
  find,
  jsonView,
  ipLicenses,
  keys,
  servers,
  cloudlinux,
  groups,
  backups,
  addons,
  transfer,
  kernelcareHealth,
  cleanup,
  awpReport,
  accountFile,
  hover,
  activity,
  chat,
};

/** Starts every feature and registers its commands; an id two features claim is a programming error. */
export function registerFeatures(host: FeatureHost): vscode.Disposable[] {
  const commands = new Map<string, CommandHandler>();
  const disposables: vscode.Disposable[] = [];
  for (const [name, feature] of Object.entries(FEATURES)) {
    const parts = feature(host);
    for (const [id, handler] of Object.entries(parts.commands ?? {})) {
      if (commands.has(id)) throw new TypeError(`Command ${id} is registered by two features (the second: ${name}).`);
      commands.set(id, handler);
    }
    disposables.push(...(parts.disposables ?? []));
  }
  for (const [id, handler] of commands) disposables.push(registerClnCommand(id, handler, host.context));
  return disposables;
}
