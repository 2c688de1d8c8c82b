/**
 * The Activity view: the journal newest first, one row per thing the user did, worded with one
 * verb ("Removed the KernelCare license of 62.19.92.87"); a bulk run or a two-step change is one
 * row with its changes inside. Filterable by words. Long journals show the newest `pageSize`
 * rows and a "Show more" row, so thousands of entries stay quick. In the demo it shows the
 * demo's own journal (kept apart from real accounts', emptied when the demo starts afresh), and says so.
 */
import * as vscode from 'vscode';
import { matchesFilter, OUTCOME_LABELS, type Journal, type JournalEntry, type Outcome, type RunSummary } from '../../services/journal';
import { activityRows, entryLabel, runComplete, runLabel } from './core/rows';
import { describeRunState } from './core/resume';

export type ActivityNode =
  | { kind: 'entry'; entry: JournalEntry }
  | { kind: 'run'; summary: RunSummary; entries: JournalEntry[] }
  | { kind: 'more'; shown: number; total: number }
  | { kind: 'empty'; text: string }
  | { kind: 'demo' }
  /** A planned item of a run that was never sent. */
  | { kind: 'unsent'; target: string };

/** The demo's journal, and whether the demo is what the explorer shows now. */
export interface DemoJournal {
  journal: Journal;
  active(): boolean;
  onDidChange(listener: () => void): { dispose(): void };
}

const ICONS: Record<Outcome, [string, string | undefined]> = {
  pending: ['question', 'charts.yellow'],
  done: ['check', 'charts.green'],
  refused: ['error', 'errorForeground'],
  failed: ['circle-slash', 'errorForeground'],
  unknown: ['question', 'charts.yellow'],
  unchanged: ['info', undefined],
};

export class ActivityTree implements vscode.TreeDataProvider<ActivityNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private filterText = '';
  private limit: number;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly accounts: Journal,
    private readonly pageSize: () => number,
    private readonly demo?: DemoJournal,
  ) {
    this.limit = pageSize();
    const fire = () => this.changed.fire();
    this.subscriptions = [accounts.onDidAppend(fire), ...(demo ? [demo.journal.onDidAppend(fire), demo.onDidChange(fire)] : [])];
  }

  /** The journal shown: the demo's in the demo, else the real accounts'. */
  private get journal(): Journal {
    return this.demo?.active() ? this.demo.journal : this.accounts;
  }

  get filter(): string {
    return this.filterText;
  }

  set filter(text: string) {
    this.filterText = text.trim();
    this.limit = this.pageSize();
    this.changed.fire();
  }

  showMore(): void {
    this.limit += this.pageSize();
    this.changed.fire();
  }

  refresh(): void {
    this.changed.fire();
  }

  /** Every entry matching the filter, newest first. */
  async matching(): Promise<JournalEntry[]> {
    const entries = (await this.journal.entries()).reverse();
    return entries.filter((entry) => matchesFilter(entry, this.filterText));
  }

  async getChildren(node?: ActivityNode): Promise<ActivityNode[]> {
    if (node?.kind === 'run') {
      // Its changes in the order sent, then (unfiltered) the planned items never sent, so a cut-off run shows what is left.
      const sent = node.entries.map((entry): ActivityNode => ({ kind: 'entry', entry }));
      const unsent = this.filterText ? [] : node.summary.items.filter((item) => item.state === 'unsent').map((item): ActivityNode => ({ kind: 'unsent', target: item.planned.target }));
      return [...sent, ...unsent];
    }
    if (node) return [];
    const journal = this.journal;
    const [entries, runs] = await Promise.all([journal.entries(), journal.runs()]);
    const all = activityRows(entries, runs, this.filterText);
    const top: ActivityNode[] = this.demo?.active() ? [{ kind: 'demo' }] : [];
    if (all.length === 0)
      return [
        ...top,
        { kind: 'empty', text: this.filterText ? vscode.l10n.t('No change matches "{0}".', this.filterText) : vscode.l10n.t('No changes yet. Every change CLN Explorer makes is listed here.') },
      ];
    const rows: ActivityNode[] = [...top, ...all.slice(0, this.limit).map((row): ActivityNode => (row.kind === 'run' ? row : { kind: 'entry', entry: row.entry }))];
    if (all.length > this.limit) rows.push({ kind: 'more', shown: this.limit, total: all.length });
    return rows;
  }

  getTreeItem(node: ActivityNode): vscode.TreeItem {
    if (node.kind === 'empty') return new vscode.TreeItem(node.text);
    if (node.kind === 'demo') {
      const item = new vscode.TreeItem(vscode.l10n.t('Demo data — cleared when the demo starts again'));
      item.description = vscode.l10n.t('your accounts’ activity is kept apart');
      item.iconPath = new vscode.ThemeIcon('beaker');
      item.tooltip = vscode.l10n.t(
        'These are the changes made in the demo, to its made-up account. The demo starts afresh each time it is opened (after a reload too), and this list is emptied with it. Leave the demo to see your own accounts’ activity.',
      );
      return item;
    }
    if (node.kind === 'run') return this.runItem(node.summary);
    if (node.kind === 'unsent') {
      const item = new vscode.TreeItem(vscode.l10n.t('Never sent: {0}', node.target));
      item.iconPath = new vscode.ThemeIcon('circle-outline');
      item.tooltip = vscode.l10n.t('Planned in this run and never sent: the run was cancelled or cut off. Resume sends what is still needed.');
      return item;
    }
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(vscode.l10n.t('Show more ({0} of {1})', node.shown, node.total));
      item.command = { command: 'cln.activityShowMore', title: vscode.l10n.t('Show more') };
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(entryLabel(entry));
    const when = new Date(entry.time).toLocaleString();
    // The label says what happened; the outcome is repeated only when it is not plain "done".
    item.description = entry.outcome === 'done' ? when : vscode.l10n.t('{0} · {1}', OUTCOME_LABELS[entry.outcome], when);
    const [icon, color] = ICONS[entry.outcome];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = `activityEntry ${entry.outcome}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${entry.outcome === 'done' ? entryLabel(entry) : vscode.l10n.t('{0} — {1}', entryLabel(entry), OUTCOME_LABELS[entry.outcome])}\n\n`);
    tooltip.appendText(
      `${vscode.l10n.t('Target: {0}', entry.target)}\n${vscode.l10n.t('Account: {0}', entry.login)}\n${vscode.l10n.t('Action: {0}', entry.action)}\n${vscode.l10n.t('Arguments: {0}', JSON.stringify(entry.args))}\n${vscode.l10n.t('Sent: {0}', entry.time)}\n`,
    );
    if (entry.completed) tooltip.appendText(`${vscode.l10n.t('Outcome recorded: {0}', entry.completed)}\n`);
    if (entry.message) tooltip.appendText(`${vscode.l10n.t('Message: {0}', entry.message)}\n`);
    if (entry.run) tooltip.appendText(`${vscode.l10n.t('Bulk run: {0} (item {1})', entry.run, (entry.item ?? 0) + 1)}\n`);
    item.tooltip = tooltip;
    return item;
  }

  /** A run: one row in one sentence, its changes inside; the description counts what is not plainly done. */
  private runItem(summary: RunSummary): vscode.TreeItem {
    const complete = runComplete(summary);
    const item = new vscode.TreeItem(runLabel(summary), vscode.TreeItemCollapsibleState.Collapsed);
    const when = new Date(summary.run.time).toLocaleString();
    const open = summary.counts.unknown + summary.counts.unsent;
    item.description = complete ? when : vscode.l10n.t('{0} · {1}', describeRunState(summary), when);
    item.iconPath = complete
      ? new vscode.ThemeIcon('check-all', new vscode.ThemeColor('charts.green'))
      : summary.counts.refused + summary.counts.failed > 0
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
        : new vscode.ThemeIcon(open > 0 ? 'question' : 'info', open > 0 ? new vscode.ThemeColor('charts.yellow') : undefined);
    item.contextValue = 'activityRun';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${runLabel(summary)}\n\n`);
    tooltip.appendText(
      `${vscode.l10n.t('Account: {0}', summary.run.login)}\n${vscode.l10n.t('Started: {0}', summary.run.time)}\n${vscode.l10n.t('Items: {0}', describeRunState(summary) || '0')}\n${vscode.l10n.t('Bulk run: {0}', summary.run.id)}\n`,
    );
    item.tooltip = tooltip;
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
