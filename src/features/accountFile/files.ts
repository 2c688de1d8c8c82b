/**
 * The editor side of desired-state files (`*.cln.json`): problems in the
 * Problems panel, a CodeLens and a decoration per entry of the last plan, and
 * a read-only view of the plan. Typing only re-reads the file; it sends nothing.
 */
import * as vscode from 'vscode';
import type { EntryStatus, Plan, Problem, StatusKind } from './core';
import { parseDesired } from './core';
import { isDesiredFile, PLAN_SCHEME, PlanDisplay, planUri, ShownPlan } from './filePattern';

type PlanState = ShownPlan;

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

const LENS_ICON: Record<StatusKind, string> = {
  same: '$(check)',
  create: '$(add)',
  update: '$(edit)',
  remove: '$(trash)',
  problem: '$(error)',
  info: '$(info)',
};

export class DesiredFiles implements PlanDisplay, vscode.Disposable, vscode.CodeLensProvider, vscode.TextDocumentContentProvider {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('cln');
  private readonly plans = new Map<string, PlanState>();
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  private readonly planChanged = new vscode.EventEmitter<vscode.Uri>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly decorations: Record<'create' | 'update' | 'remove' | 'problem', vscode.TextEditorDecorationType>;
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  readonly onDidChange = this.planChanged.event;

  constructor() {
    const mark = (background: string, ruler: string) =>
      vscode.window.createTextEditorDecorationType({
        backgroundColor: new vscode.ThemeColor(background),
        overviewRulerColor: new vscode.ThemeColor(ruler),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        isWholeLine: true,
      });
    this.decorations = {
      create: mark('diffEditor.insertedLineBackground', 'editorOverviewRuler.addedForeground'),
      update: mark('editor.rangeHighlightBackground', 'editorOverviewRuler.modifiedForeground'),
      remove: mark('diffEditor.removedLineBackground', 'editorOverviewRuler.deletedForeground'),
      problem: mark('inputValidation.errorBackground', 'editorOverviewRuler.errorForeground'),
    };
    const selector: vscode.DocumentSelector = [
      { scheme: 'file', pattern: '**/*.cln.json' },
      { scheme: 'untitled', pattern: '**/*.cln.json' },
    ];
    this.subscriptions = [
      this.diagnostics,
      ...Object.values(this.decorations),
      vscode.languages.registerCodeLensProvider(selector, this),
      vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, this),
      vscode.workspace.onDidOpenTextDocument((document) => this.checkSoon(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.checkSoon(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.decorateAll()),
    ];
    for (const document of vscode.workspace.textDocuments) this.checkSoon(document);
  }

  /** The last plan of this document, when the document has not changed since. */
  currentPlan(document: vscode.TextDocument): PlanState | undefined {
    const state = this.plans.get(document.uri.toString());
    return state && state.version === document.version ? state : undefined;
  }

  /** Shows a plan on its document: problems, CodeLens, decorations, and the plan view. */
  show(document: vscode.TextDocument, plan: Plan): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.plans.set(key, { plan, version: document.version, made: new Date() });
    this.diagnostics.set(
      document.uri,
      plan.problems.map((p) => toDiagnostic(document, p)),
    );
    this.decorateAll();
    this.lensesChanged.fire();
    this.planChanged.fire(planUri(document.uri));
  }

  diagnosticsOf(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.diagnostics.get(uri) ?? [];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const state = this.currentPlan(document);
    if (!state) return [new vscode.CodeLens(top, { title: `$(checklist) ${vscode.l10n.t('Plan with CLN')}`, command: 'cln.plan', arguments: [document.uri] })];
    const { plan } = state;
    const total = plan.changes.length;
    const lenses = [
      new vscode.CodeLens(top, { title: `$(checklist) ${vscode.l10n.t('CLN plan: {0}', plan.summary)}`, command: 'cln.showPlan', arguments: [document.uri], tooltip: vscode.l10n.t('Show the plan') }),
      ...(total > 0
        ? [new vscode.CodeLens(top, { title: `$(play) ${total === 1 ? vscode.l10n.t('Apply 1 change') : vscode.l10n.t('Apply {0} changes', total)}`, command: 'cln.apply', arguments: [document.uri] })]
        : []),
    ];
    for (const status of plan.statuses) {
      lenses.push(new vscode.CodeLens(rangeOf(document, status), { title: `${LENS_ICON[status.kind]} ${status.text}`, command: '' }));
    }
    return lenses;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const source = vscode.Uri.parse(uri.query);
    const state = this.plans.get(source.toString());
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.toString());
    if (!state || !document) return vscode.l10n.t('No plan for {0}: open the file and run CLN: Plan.', source.path);
    return planText(document, state);
  }

  private checkSoon(document: vscode.TextDocument): void {
    if (!isDesiredFile(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    // After typing stops: re-read the file (no requests) so its problems are current; a plan no longer matches.
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        if (document.isClosed || this.currentPlan(document)) return;
        const problems = parseDesired(document.getText()).problems;
        this.diagnostics.set(
          document.uri,
          problems.map((p) => toDiagnostic(document, p)),
        );
        this.decorateAll();
        this.lensesChanged.fire();
      }, 300),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    if (this.plans.delete(key)) this.lensesChanged.fire();
    this.diagnostics.delete(uri);
  }

  private decorateAll(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (!isDesiredFile(editor.document)) continue;
      const statuses = this.currentPlan(editor.document)?.plan.statuses ?? [];
      for (const kind of ['create', 'update', 'remove', 'problem'] as const) {
        editor.setDecorations(
          this.decorations[kind],
          statuses.filter((s) => s.kind === kind).map((s) => ({ range: rangeOf(editor.document, s), hoverMessage: s.text })),
        );
      }
    }
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.lensesChanged.dispose();
    this.planChanged.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function rangeOf(document: vscode.TextDocument, span: { offset: number; length: number }): vscode.Range {
  return new vscode.Range(document.positionAt(span.offset), document.positionAt(span.offset + span.length));
}

function toDiagnostic(document: vscode.TextDocument, problem: Problem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(rangeOf(document, problem), problem.message, SEVERITY[problem.severity]);
  diagnostic.source = 'CLN';
  return diagnostic;
}

function lineOf(document: vscode.TextDocument, status: { offset: number }): number {
  return document.positionAt(status.offset).line + 1;
}

/** The plan as text: each change with the line of its entry, then what cannot be applied. */
export function planText(document: vscode.TextDocument, { plan, made }: PlanState): string {
  const name = document.uri.path.split('/').pop();
  const lines = [vscode.l10n.t('CLN plan for {0}: {1}  (made {2})', name ?? '', plan.summary, made.toLocaleTimeString()), ''];
  const section = (title: string, sign: string, op: 'create' | 'update' | 'remove') => {
    const changes = plan.changes.filter((c) => c.op === op);
    if (changes.length === 0) return;
    lines.push(`${title} (${changes.length})`);
    for (const change of changes) lines.push(`  ${sign} ${change.title}${change.at ? `    ${vscode.l10n.t('(line {0})', lineOf(document, change.at))}` : ''}`);
    lines.push('');
  };
  section(vscode.l10n.t('Create'), '+', 'create');
  section(vscode.l10n.t('Update'), '~', 'update');
  section(vscode.l10n.t('Remove'), '−', 'remove');
  if (plan.changes.length === 0) lines.push(vscode.l10n.t('Nothing to change: CLN matches the file.'), '');
  if (plan.held.length) {
    lines.push(vscode.l10n.t('Not pruned ({0}): Apply removes nothing these sections do not list', plan.held.length));
    for (const held of plan.held) lines.push(`  ! ${held.at ? vscode.l10n.t('line {0}: {1}', lineOf(document, held.at), held.reason) : held.reason}`);
    lines.push('');
  }
  const blocking = plan.problems.filter((p) => p.severity === 'error');
  if (blocking.length) {
    lines.push(vscode.l10n.t('Cannot be applied ({0}), left out of the plan:', blocking.length));
    for (const problem of blocking) lines.push(`  ! ${vscode.l10n.t('line {0}: {1}', lineOf(document, problem), problem.message)}`);
    lines.push('');
  }
  const notes = plan.problems.filter((p) => p.severity !== 'error' && !plan.held.some((h) => h.reason === p.message));
  if (notes.length) {
    lines.push(vscode.l10n.t('Notes ({0}):', notes.length));
    for (const problem of notes) lines.push(`  ${problem.severity === 'warning' ? '?' : 'i'} ${vscode.l10n.t('line {0}: {1}', lineOf(document, problem), problem.message)}`);
  }
  return lines.join('\n');
}

export type { EntryStatus };
