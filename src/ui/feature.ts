/**
 * What a feature is to the wiring: a function of the host (the command context and the surfaces the
 * extension made) that hands back its commands, by id, and anything else it contributes (providers,
 * listeners, tree views), to dispose on deactivation. `src/features/index.ts` lists every feature once
 * and registers every command through one loop; package.json declares the same ids (a test checks).
 */
import type * as vscode from 'vscode';
import type { CommandContext, CommandHandler } from './registerCommand';
import type { ActivitySurface, ExplorerSurface, NodeTrees, StatusSurface } from './surfaces';

export interface FeatureHost {
  readonly context: CommandContext;
  /** The Licenses, Server Groups and All Servers views. */
  readonly views: ExplorerSurface & NodeTrees;
  readonly status: StatusSurface;
  readonly activity: ActivitySurface;
  readonly extensionUri: vscode.Uri;
}

export interface FeatureParts {
  /** Command id → handler. */
  readonly commands?: Readonly<Record<string, CommandHandler>>;
  readonly disposables?: readonly vscode.Disposable[];
}

export type Feature = (host: FeatureHost) => FeatureParts;
