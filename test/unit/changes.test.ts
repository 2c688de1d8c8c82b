import * as assert from 'assert';
import { ChangePacer, SETTLE_MS, Timers } from '../../src/explorer/changes';
import type { TreeNode } from '../../src/explorer/nodes';

/** A clock moved by hand; timers run when it passes them. */
class ManualTimers implements Timers {
  private at = 0;
  private readonly due: { at: number; run: () => void; id: number }[] = [];
  private ids = 0;
  now(): number {
    return this.at;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.due.push({ at: this.at + ms, run, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    const i = this.due.findIndex((t) => t.id === handle);
    if (i >= 0) this.due.splice(i, 1);
  }
  advance(ms: number): void {
    const until = this.at + ms;
    for (;;) {
      this.due.sort((a, b) => a.at - b.at);
      const next = this.due[0];
      if (!next || next.at > until) break;
      this.due.shift();
      this.at = next.at;
      next.run();
    }
    this.at = until;
  }
}

const family: TreeNode = { kind: 'family', family: 'ip' };
const group: TreeNode = { kind: 'ipType', type: 1 };
const row = (ip: string): TreeNode => ({ kind: 'ipLicense', license: { ip, type: 1, registered: true, created: null, elsAllowed: false } as never });

describe('ChangePacer: the re-renders that details filling in cause', () => {
  let timers: ManualTimers;
  let sent: (TreeNode[] | undefined)[];
  let parents: Map<TreeNode, TreeNode>;
  let pacer: ChangePacer;

  beforeEach(() => {
    timers = new ManualTimers();
    sent = [];
    parents = new Map([[group, family]]);
    pacer = new ChangePacer({ fire: (nodes) => sent.push(nodes), parentOf: (node) => parents.get(node), intervalMs: 250, timers });
  });

  /** A list handed out a while ago (it has settled). */
  const handOut = (parent: TreeNode | undefined, children: TreeNode[]) => {
    for (const child of children) if (parent) parents.set(child, parent);
    pacer.fetch(parent)(children);
    timers.advance(SETTLE_MS);
  };

  it('names only rows the workbench was handed; the others render from their data when first shown', () => {
    handOut(undefined, [family]);
    handOut(family, [group]);
    const shown = row('192.0.2.1');
    handOut(group, [shown]);
    pacer.changed([row('192.0.2.2'), shown, row('192.0.2.3')]);
    timers.advance(0);
    assert.deepStrictEqual(sent, [[shown]]);
    pacer.changed([row('192.0.2.4')]);
    timers.advance(1000);
    assert.strictEqual(sent.length, 1, 'nothing sent for rows never shown');
  });

  it('sends the first change at once and then at most one event per interval, however often details arrive', () => {
    const rows = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'].map(row);
    handOut(undefined, [family]);
    handOut(family, [group]);
    handOut(group, rows);
    pacer.changed([rows[0]]);
    timers.advance(0);
    assert.deepStrictEqual(sent, [[rows[0]]], 'the first at once');
    // Batches every 30 ms for a second: the extension host would hold every one of them back until they stop.
    for (let t = 0; t < 1000; t += 30) {
      pacer.changed([rows[(t / 30) % 4]]);
      timers.advance(30);
    }
    timers.advance(250);
    assert.ok(sent.length >= 4 && sent.length <= 6, `paced: ${sent.length} events for 34 changes`);
    const times: number[] = [];
    const spaced = new ChangePacer({ fire: () => times.push(timers.now()), parentOf: (node) => parents.get(node), intervalMs: 250, timers });
    spaced.fetch(group)(rows);
    for (let t = 0; t < 1000; t += 30) {
      spaced.changed([rows[0]]);
      timers.advance(30);
    }
    for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= 250, `events ${times[i - 1]} and ${times[i]} ms are at least the interval apart`);
  });

  it('holds a change to a list being handed out, or to its ancestors, until it is handed out', () => {
    handOut(undefined, [family]);
    const done = pacer.fetch(family);
    pacer.changed([family]);
    timers.advance(1000);
    assert.deepStrictEqual(sent, [], 'nothing while the family hands out its groups');
    done([group]);
    timers.advance(SETTLE_MS - 1);
    assert.deepStrictEqual(sent, [], 'not in the write that hands its groups out: the family settles first');
    timers.advance(1);
    assert.deepStrictEqual(sent, [[family]], 'the family renders again once its groups are out and settled');

    const shown = row('192.0.2.1');
    handOut(group, [shown]);
    const again = pacer.fetch(group);
    pacer.changed([family]);
    timers.advance(1000);
    assert.deepStrictEqual(sent.slice(1), [], 'an ancestor of a list being handed out waits too');
    again([shown]);
    timers.advance(1000);
    assert.deepStrictEqual(sent.slice(1), [[family]]);
    pacer.changed([shown, family]);
    timers.advance(1000);
    assert.deepStrictEqual(sent.slice(2), [[family]], 'one event, for the outermost node: the rows under it render with it');
  });

  it('sends what the user asked for at once, and keeps the interval after it', () => {
    handOut(undefined, [family]);
    handOut(family, [group]);
    void pacer.now(group);
    assert.deepStrictEqual(sent, [[group]], 'at once, in the same tick');
    pacer.changed([family]);
    timers.advance(100);
    assert.strictEqual(sent.length, 1, 'a paced change waits for the interval after it');
    timers.advance(150);
    assert.deepStrictEqual(sent[1], [family]);
    void pacer.now(undefined);
    assert.deepStrictEqual(sent[2], undefined, 'the whole view');
  });

  it('renders the whole view once the top level is handed out, and nothing after it is disposed', () => {
    const top = pacer.fetch(undefined);
    pacer.changed(undefined);
    timers.advance(1000);
    assert.deepStrictEqual(sent, []);
    top([family]);
    timers.advance(0);
    assert.deepStrictEqual(sent, [], 'the top level settles first');
    timers.advance(SETTLE_MS);
    assert.deepStrictEqual(sent, [undefined]);
    pacer.changed(undefined);
    pacer.dispose();
    timers.advance(1000);
    assert.strictEqual(sent.length, 1);
  });

  it('holds what the user asked for while a list at or below its node is handed out, then sends it at once (issue 23)', () => {
    handOut(undefined, [family]);
    handOut(family, [group]);
    const rows = pacer.fetch(group);
    void pacer.now(family);
    timers.advance(1000);
    assert.deepStrictEqual(sent, [], 'the family waits while its group hands out its rows: a re-render would orphan them');
    void pacer.now(family);
    rows([row('192.0.2.1')]);
    timers.advance(0);
    assert.deepStrictEqual(sent, [[family]], 'sent once, as soon as the rows are out');
    void pacer.now(group);
    assert.deepStrictEqual(sent.slice(1), [], 'the group’s rows were just handed out: it settles first');
    timers.advance(SETTLE_MS);
    assert.deepStrictEqual(sent.slice(1), [[group]]);
    timers.advance(1000);
    void pacer.now(group);
    assert.deepStrictEqual(sent.slice(2), [[group]], 'nothing being handed out or settling: at once, in the same tick');
  });

  it('never names a node in the same write as the answer handing out its children: the workbench would keep children the extension host forgot', () => {
    handOut(undefined, [family]);
    handOut(family, [group]);
    // The group's rows are handed out and its row renders again ("12 licenses"), paced: nothing was sent for a while.
    const rows = [row('192.0.2.1'), row('192.0.2.2')];
    for (const r of rows) parents.set(r, group);
    const out = pacer.fetch(group);
    pacer.changed([group]);
    out(rows);
    timers.advance(0);
    assert.deepStrictEqual(sent, [], 'held while the answer leaves');
    timers.advance(SETTLE_MS);
    assert.deepStrictEqual(sent, [[group]], 'then sent');

    // Rows and an ancestor are not held: the workbench renders them from new items.
    timers.advance(1000);
    const again = pacer.fetch(group);
    again(rows);
    pacer.changed([rows[0], family]);
    timers.advance(0);
    assert.deepStrictEqual(sent.slice(1), [[family]], 'the family at once (the row renders with it)');

    // The whole view waits for a top level just handed out, asked for or paced.
    timers.advance(1000);
    pacer.fetch(undefined)([family]);
    void pacer.now(undefined);
    assert.deepStrictEqual(sent.slice(2), [], 'the whole view waits for the top level to settle');
    timers.advance(SETTLE_MS);
    assert.deepStrictEqual(sent.slice(2), [undefined]);

    // Asked for while the top level settles, with a list fetched meanwhile: still sent once it settled, as at once it would be.
    timers.advance(1000);
    pacer.fetch(undefined)([family]);
    void pacer.now(undefined);
    pacer.fetch(group);
    timers.advance(SETTLE_MS);
    assert.deepStrictEqual(sent.slice(3), [undefined], 'the whole view the user asked for is not lost to a fetch');
  });

  it('tells a caller of now() when its change has gone out: a reveal follows the re-render it asked for', async () => {
    handOut(undefined, [family]);
    pacer.fetch(family)([group]);
    let out = false;
    const asked = pacer.now(family).then(() => (out = true));
    await Promise.resolve();
    assert.strictEqual(out, false, 'not while the family settles');
    timers.advance(SETTLE_MS);
    await asked;
    assert.deepStrictEqual(sent, [[family]]);
    await pacer.now(group);
    assert.deepStrictEqual(sent.slice(1), [[group]], 'at once when nothing holds it');
    const held = pacer.now(family);
    pacer.fetch(family);
    pacer.dispose();
    await held;
  });

  it('renders the whole view once a fetch overlapped a re-render above its list, when no list is being handed out (issue 23)', () => {
    handOut(undefined, [family]);
    handOut(family, [group]);
    const rows = pacer.fetch(group);
    // The extension host renders the family again (a change it held back) while the group's rows are on their way.
    pacer.rendered(family);
    rows([row('192.0.2.1')]);
    timers.advance(0);
    assert.deepStrictEqual(sent, [undefined], 'the whole view: VS Code forgets the orphaned records');

    // A fetch of the family starting while its group is being fetched orphans the group's rows too.
    const groupRows = pacer.fetch(group);
    const familyRows = pacer.fetch(family);
    familyRows([group]);
    timers.advance(0);
    assert.deepStrictEqual(sent.slice(1), [], 'not while a list is still being handed out');
    groupRows([row('192.0.2.1')]);
    timers.advance(0);
    assert.deepStrictEqual(sent.slice(1), [undefined]);

    // Items asked for after their list is out, with nothing below them being fetched: no overlap.
    handOut(family, [group]);
    pacer.rendered(group);
    pacer.rendered(family);
    timers.advance(1000);
    assert.deepStrictEqual(sent.slice(2), []);
  });
});
