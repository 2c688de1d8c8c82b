// Shared set-up for the account-command tests: a small simulated account the
// extension is signed in to, and a ScriptedPrompter installed for each test.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/features/testApi';
import { endpointOf, EndpointId } from '../../src/cln/endpoints';
import type { Prompter } from '../../src/ui/prompter';
import type { SimBackup, SimElsKey, SimElsServer, SimGroup, SimImunifyKey, SimImunifyServer, SimKcareKey, SimKcareServer } from '../../src/sim';
import { AccountSize, Simulator, startSimulator } from '../../src/sim';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { getApi, labelOf, setSetting } from './helpers';
import { Answer, ScriptedPrompter } from './scriptedPrompter';

/** Small enough to seed and list in milliseconds, big enough for every kind of node. */
export const SMALL_ACCOUNT: Partial<AccountSize> = {
  ipLicenses: 12,
  kcareKeys: 3,
  kcareServersPerKey: 3,
  imunifyKeys: 3,
  imunifyServersPerKey: 3,
  elsKeysPerCode: 1,
  elsServersPerKey: 2,
  backups: 3,
  groups: 2,
  serversPerGroup: 2,
  awpEntriesPerMonth: 2,
};

export interface Harness {
  api: TestApi;
  sim: Simulator;
  /** Installs a fresh ScriptedPrompter with these answers. */
  script(answers: Answer[], noticeReplies?: Record<string, string>): ScriptedPrompter;
  /** Runs a command as the palette or a tree menu would. */
  run<T = unknown>(command: string, ...args: unknown[]): Promise<T>;
  /** Requests that change state (the simulator logs every request). */
  changeRequests(): { endpointId?: EndpointId; query: Record<string, string> }[];
  restore(): void;
  close(): Promise<void>;
}

/** Starts a simulator and signs the extension in to it (through the session, not the Sign In prompts). */
export async function signedInHarness(seed = 7): Promise<Harness> {
  const api = await getApi();
  const sim = await startSimulator({ size: SMALL_ACCOUNT, seed });
  await setSetting('apiUrl', sim.url);
  await api.session.signIn(sim.credentials.login, sim.credentials.secretKey);
  const original: Prompter = api.ui.prompter;
  return {
    api,
    sim,
    script(answers, noticeReplies) {
      const prompter = new ScriptedPrompter(answers, noticeReplies);
      api.ui.prompter = prompter;
      return prompter;
    },
    run: <T>(command: string, ...args: unknown[]) => Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)),
    changeRequests: () => sim.requests.filter((r) => r.endpointId && endpointOf(r.endpointId).mutates),
    restore() {
      api.ui.prompter = original;
    },
    async close() {
      api.ui.prompter = original;
      await api.session.signOut();
      await setSetting('apiUrl', undefined);
      await setSetting('requestTimeout', undefined);
      await sim.close();
    },
  };
}

/** Before each test: a clean request log and no cached reads, so each test sees the simulator's state. */
export function freshStart(h: Harness): void {
  h.sim.resetLog();
  h.sim.faults.clear();
  h.api.session.account?.clearCache();
}

/** The mocha hooks of a suite of command tests: a signed-in harness, a clean start before each test. */
export function useSignedInHarness(seed: number, set: (harness: Harness) => void): void {
  let harness: Harness | undefined;
  before(async () => {
    harness = await signedInHarness(seed);
    set(harness);
  });
  beforeEach(() => freshStart(harness!));
  afterEach(() => harness?.restore());
  after(async () => harness?.close());
}

export function titles(prompter: ScriptedPrompter): string[] {
  return prompter.asked.map((a) => `${a.type}: ${a.title}`);
}

/** The notice messages shown, as one string per notice: "info: Registered …". */
export function notices(prompter: ScriptedPrompter): string[] {
  return prompter.notices.map((n) => `${n.level}: ${n.message}`);
}

export function onlyNotice(prompter: ScriptedPrompter): ScriptedPrompter['notices'][number] {
  assert.strictEqual(prompter.notices.length, 1, `expected one notice, got: ${JSON.stringify(notices(prompter))}`);
  return prompter.notices[0];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tree nodes as the Licenses and Groups views hand them to commands, built from simulator records. */
export const nodeOf = {
  kcareKey: (k: SimKcareKey): ExplorerNode => ({ kind: 'kcareKey', key: { key: k.key, enabled: k.enabled, created: null, limit: k.limit, note: k.note } }),
  imKey: (k: SimImunifyKey): ExplorerNode => ({ kind: 'imKey', key: { key: k.key, code: k.code, limit: k.limit, servers: null, note: k.note, type: null } }),
  elsKey: (k: SimElsKey): ExplorerNode => ({ kind: 'elsKey', key: { key: k.key, code: k.code, limit: k.limit, note: k.description === null ? null : String(k.description) } }),
  kcareServer: (s: SimKcareServer): ExplorerNode => ({ kind: 'kcareServer', server: { serverId: s.serverId, key: s.key, ip: s.ip, created: null, lastCheckin: null } }),
  imServer: (s: SimImunifyServer): ExplorerNode => ({ kind: 'imServer', server: { id: s.id, key: s.key, ip: s.ip, lastCheckin: null } }),
  elsServer: (s: SimElsServer): ExplorerNode => ({ kind: 'elsServer', server: { id: s.id, key: s.key, ip: s.ip, hostname: s.hostname } }),
  backup: (b: SimBackup): ExplorerNode => ({ kind: 'backup', backup: { ...b } }),
  group: (g: SimGroup): ExplorerNode => ({ kind: 'group', group: { name: g.name, description: g.description } }),
};

/** What the Licenses (or Groups) view shows: the child labels under a path of labels, loaded as the view loads them. */
export async function treeNodes(api: TestApi, path: string[], view: 'licenses' | 'groups' = 'licenses'): Promise<{ label: string; node: unknown }[]> {
  const provider = api[view];
  const labelled = async (parent?: unknown) => Promise.all(((await provider.getChildren(parent)) ?? []).map(async (node) => ({ label: labelOf(await provider.getTreeItem(node)), node })));
  let level = await labelled();
  for (const step of path) {
    const found = level.find((entry) => entry.label === step);
    assert.ok(found, `no "${step}" in the ${view} view; it shows: ${level.map((e) => e.label).join(' | ')}`);
    level = await labelled(found.node);
  }
  return level;
}

export async function treeLabels(api: TestApi, path: string[], view: 'licenses' | 'groups' = 'licenses'): Promise<string[]> {
  return (await treeNodes(api, path, view)).map((entry) => entry.label);
}
