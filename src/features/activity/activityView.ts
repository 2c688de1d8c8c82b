/**
 * The Activity view: the journal newest first, one row per change with its
 * outcome, filterable by words. Long journals show the newest `pageSize`
 * matches and a "Show more" row, so thousands of entries stay quick.
 */
import * as vscode from 'vscode';
import { matchesFilter, OUTCOME_LABELS, type Journal, type JournalEntry, type Outcome } from '../../services/journal';

export type ActivityNode = { kind: 'entry'; entry: JournalEntry } | { kind: 'more'; shown: number; total: number } | { kind: 'empty'; text: string };

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
  private readonly subscription: { dispose(): void };
  /** The rows last shown (filtered, newest first), for export. */
  shown: JournalEntry[] = [];

  constructor(
    private readonly journal: Journal,
    private readonly pageSize: () => number,
  ) {
    this.limit = pageSize();
    this.subscription = journal.onDidAppend(() => this.changed.fire());
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
    if (node) return [];
    const all = await this.matching();
    this.shown = all;
    if (all.length === 0)
      return [{ kind: 'empty', text: this.filterText ? vscode.l10n.t('No change matches "{0}".', this.filterText) : vscode.l10n.t('No changes yet. Every change CLN Explorer makes is listed here.') }];
    const rows: ActivityNode[] = all.slice(0, this.limit).map((entry) => ({ kind: 'entry', entry }));
    if (all.length > this.limit) rows.push({ kind: 'more', shown: this.limit, total: all.length });
    return rows;
  }

  getTreeItem(node: ActivityNode): vscode.TreeItem {
    if (node.kind === 'empty') return new vscode.TreeItem(node.text);
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(vscode.l10n.t('Show more ({0} of {1})', node.shown, node.total));
      item.command = { command: 'cln.activityShowMore', title: vscode.l10n.t('Show more') };
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(entry.target);
    const when = new Date(entry.time);
    item.description = vscode.l10n.t('{0} · {1}', OUTCOME_LABELS[entry.outcome], when.toLocaleString());
    const [icon, color] = ICONS[entry.outcome];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = `activityEntry ${entry.outcome}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${vscode.l10n.t('{0} — {1}', entry.title, OUTCOME_LABELS[entry.outcome])}\n\n`);
    tooltip.appendText(
      `${vscode.l10n.t('Target: {0}', entry.target)}\n${vscode.l10n.t('Account: {0}', entry.login)}\n${vscode.l10n.t('Action: {0}', entry.action)}\n${vscode.l10n.t('Arguments: {0}', JSON.stringify(entry.args))}\n${vscode.l10n.t('Sent: {0}', entry.time)}\n`,
    );
    if (entry.completed) tooltip.appendText(`${vscode.l10n.t('Outcome recorded: {0}', entry.completed)}\n`);
    if (entry.message) tooltip.appendText(`${vscode.l10n.t('Message: {0}', entry.message)}\n`);
    if (entry.run) tooltip.appendText(`${vscode.l10n.t('Bulk run: {0} (item {1})', entry.run, (entry.item ?? 0) + 1)}\n`);
    item.tooltip = tooltip;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
