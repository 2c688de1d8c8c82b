/**
 * The Activity view: the journal newest first, one row per change with its
 * outcome, filterable by words. Long journals show the newest `pageSize`
 * matches and a "Show more" row, so thousands of entries stay quick.
 */
import * as vscode from 'vscode';
import { matchesFilter, OUTCOME_LABELS, type Journal, type JournalEntry, type Outcome } from '../services/journal';

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
    if (all.length === 0) return [{ kind: 'empty', text: this.filterText ? `No change matches "${this.filterText}".` : 'No changes yet. Every change CLN Explorer makes is listed here.' }];
    const rows: ActivityNode[] = all.slice(0, this.limit).map((entry) => ({ kind: 'entry', entry }));
    if (all.length > this.limit) rows.push({ kind: 'more', shown: this.limit, total: all.length });
    return rows;
  }

  getTreeItem(node: ActivityNode): vscode.TreeItem {
    if (node.kind === 'empty') return new vscode.TreeItem(node.text);
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(`Show more (${node.shown} of ${node.total})`);
      item.command = { command: 'cln.activityShowMore', title: 'Show more' };
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(entry.target);
    const when = new Date(entry.time);
    item.description = `${OUTCOME_LABELS[entry.outcome]} · ${when.toLocaleString()}`;
    const [icon, color] = ICONS[entry.outcome];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = `activityEntry ${entry.outcome}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${entry.title} — ${OUTCOME_LABELS[entry.outcome]}\n\n`);
    tooltip.appendText(`Target: ${entry.target}\nAccount: ${entry.login}\nAction: ${entry.action}\nArguments: ${JSON.stringify(entry.args)}\nSent: ${entry.time}\n`);
    if (entry.completed) tooltip.appendText(`Outcome recorded: ${entry.completed}\n`);
    if (entry.message) tooltip.appendText(`Message: ${entry.message}\n`);
    if (entry.run) tooltip.appendText(`Bulk run: ${entry.run} (item ${(entry.item ?? 0) + 1})\n`);
    item.tooltip = tooltip;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
