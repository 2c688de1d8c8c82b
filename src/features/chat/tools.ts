/**
 * The language-model tools' adapters (registered by `index.ts`): they find the active account, turn cancellation into an AbortSignal, ask
 * for confirmation of changes through prepareInvocation, and wrap the vscode-free answers of
 * `core/` in a LanguageModelToolResult. No secret, token or key string leaves
 * here, except the key the user looked up. CLN's strings arrive quoted as data (core/quote.ts);
 * confirmations are MarkdownStrings (untrusted: no commands, no HTML, no icons) whose text is escaped.
 */
import { setMaxListeners } from 'events';
import * as vscode from 'vscode';
import { isClnError } from '../../cln/errors';
import { redact } from '../../cln/redact';
import type { AccountService } from '../../services/accountService';
import { PlanBook, planRegister, planRemoveLicense, planRemoveServer, type ChangePlan, type RegisterInput, type RemoveLicenseInput, type RemoveServerInput } from './core/changes';
import { ResultText } from './core/quote';
import { accountSummary, awpTotals, checkDays, formatAwp, formatLookup, formatSummary, formatUnused, lookup, resolveMonth, unusedLicenses, withoutKeys, type ToolScope } from './core/read';
import { escapeMarkdown } from '../../ui/markdown';
import type { CommandContext } from '../../ui/registerCommand';
import { clnSetting } from '../../ui/settings';
import type { ToolName } from './index';

type Options = vscode.LanguageModelToolInvocationOptions<any>;
type PrepareOptions = vscode.LanguageModelToolInvocationPrepareOptions<any>;

interface Active {
  account: AccountService;
  scope: ToolScope;
}

function active(context: CommandContext): Active | undefined {
  const { state } = context.session;
  const account = context.session.account;
  if (!account || state.kind === 'signedOut') return undefined;
  return { account, scope: { login: state.login, demo: state.kind === 'demo' } };
}

const signedOut = () =>
  vscode.l10n.t('Not signed in to CLN, so nothing was read or changed. Ask the user to run "CLN: Sign In" (or "CLN: Explore Demo Data" to try the demo account), then ask again.');

function result(context: CommandContext, text: string, account?: AccountService, allowedKey?: string): vscode.LanguageModelToolResult {
  const safe = redact(text, context.session.secretValues);
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(account ? withoutKeys(safe, account, allowedKey) : safe)]);
}

/** An AbortSignal that follows the tool call's cancellation token. */
function signalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  // Every read of a tool call listens to it (one per key on a large account): by design, not a leak.
  setMaxListeners(0, controller.signal);
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

/** A read tool: signed out says so; a read that fails says why, in the result (the model can tell the user). */
async function read(
  context: CommandContext,
  token: vscode.CancellationToken,
  what: string,
  answer: (a: Active, signal: AbortSignal) => Promise<string>,
  allowedKey?: string,
): Promise<vscode.LanguageModelToolResult> {
  const a = active(context);
  if (!a) return result(context, signedOut());
  try {
    return result(context, await answer(a, signalOf(token)), a.account, allowedKey);
  } catch (error) {
    if (token.isCancellationRequested || (isClnError(error) && error.kind === 'cancelled')) throw new vscode.CancellationError();
    const message = error instanceof Error ? error.message : String(error);
    context.log.error(vscode.l10n.t('Language-model tool: could not read {0}: {1}', what, message));
    // The error's text may carry CLN's own message: quoted as data.
    const out = new ResultText();
    return result(context, out.done(vscode.l10n.t('Could not read {0} of CLN account {1}: {2}', what, a.scope.login, out.q(message))), a.account);
  }
}

const unusedDaysSetting = () => clnSetting('cleanup.unusedDays');

// ---- change tools: plan in prepareInvocation (the user confirms it), run the plan in invoke ----

const book = new PlanBook();

type Planner = (account: AccountService, scope: ToolScope, input: any) => Promise<ChangePlan>;

const PLANNERS: Record<'cln_registerIpLicense' | 'cln_removeIpLicense' | 'cln_removeServer', { planner: Planner; doing: (input: any) => string }> = {
  cln_registerIpLicense: { planner: (a, s, i: RegisterInput) => planRegister(a, s, i), doing: (i: RegisterInput) => vscode.l10n.t('Registering an IP license for {0}', String(i?.ip ?? '')) },
  cln_removeIpLicense: { planner: (a, s, i: RemoveLicenseInput) => planRemoveLicense(a, s, i), doing: (i: RemoveLicenseInput) => vscode.l10n.t('Removing an IP license of {0}', String(i?.ip ?? '')) },
  cln_removeServer: { planner: (a, s, i: RemoveServerInput) => planRemoveServer(a, s, i), doing: (i: RemoveServerInput) => vscode.l10n.t('Removing server {0}', String(i?.serverId ?? i?.ip ?? '')) },
};

const isChange = (name: ToolName): name is keyof typeof PLANNERS => name in PLANNERS;

async function prepareChange(context: CommandContext, name: keyof typeof PLANNERS, options: PrepareOptions): Promise<vscode.PreparedToolInvocation> {
  const { planner, doing } = PLANNERS[name];
  const key = PlanBook.keyOf(name, options.input);
  const a = active(context);
  let plan: ChangePlan;
  if (!a) plan = { kind: 'none', message: signedOut() };
  else {
    try {
      plan = await planner(a.account, a.scope, options.input ?? {});
    } catch (error) {
      plan = { kind: 'none', message: vscode.l10n.t('Nothing was sent: the account could not be read to say what would change ({0}).', error instanceof Error ? error.message : String(error)) };
    }
  }
  book.put(key, plan);
  // The input is the model's (which may have read CLN's text): shown, never rendered.
  const invocationMessage = markdown(escapeMarkdown(doing(options.input)));
  if (plan.kind === 'none') return { invocationMessage };
  const secrets = context.session.secretValues;
  // plan.message is markdown with every string from CLN escaped; a secret is redacted in either spelling.
  const message = withoutKeys(redact(plan.message, [...secrets, ...secrets.map(escapeMarkdown)]), a!.account);
  return { invocationMessage, confirmationMessages: { title: redact(plan.title, secrets), message: markdown(message) } };
}

async function invokeChange(context: CommandContext, name: keyof typeof PLANNERS, options: Options): Promise<vscode.LanguageModelToolResult> {
  const plan = book.take(PlanBook.keyOf(name, options.input));
  if (!plan) return result(context, vscode.l10n.t('Nothing was sent: this change was not shown to the user for confirmation. Call the tool again so the user can confirm it.'));
  if (plan.kind === 'none') return result(context, plan.message, context.session.account);
  const a = active(context);
  if (!a || a.scope.login !== plan.scope.login || a.scope.demo !== plan.scope.demo) {
    return result(context, vscode.l10n.t('Nothing was sent: the active CLN account changed after the user confirmed this change for {0}.', plan.scope.login));
  }
  const text = await plan.run(a.account);
  context.log.info(vscode.l10n.t('Language-model tool {0}: {1}', name, text));
  return result(context, text, a.account);
}

/** Markdown that can run nothing: no command links, no HTML, no `$(icon)`s. */
function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

// ---- the tools --------------------------------------------------------------------------------

export function prepare(name: ToolName, context: CommandContext, options: PrepareOptions): Promise<vscode.PreparedToolInvocation> | vscode.PreparedToolInvocation {
  if (isChange(name)) return prepareChange(context, name, options);
  const input = options.input ?? {};
  switch (name) {
    case 'cln_accountSummary':
      return { invocationMessage: vscode.l10n.t('Counting what the CLN account holds') };
    case 'cln_lookup':
      return { invocationMessage: markdown(escapeMarkdown(vscode.l10n.t('Looking up {0} in the CLN account', String(input.query ?? '')))) };
    case 'cln_unusedLicenses':
      return { invocationMessage: vscode.l10n.t('Finding unused CLN licenses') };
    case 'cln_awpMonth':
      return { invocationMessage: vscode.l10n.t('Reading the AccelerateWP billing totals') };
  }
}

export async function invoke(name: ToolName, context: CommandContext, options: Options, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  if (isChange(name)) return invokeChange(context, name, options);
  const input = options.input ?? {};
  switch (name) {
    case 'cln_accountSummary':
      return read(context, token, vscode.l10n.t('the account summary'), async ({ account, scope }, signal) => formatSummary(scope, await accountSummary(account, { signal })));
    case 'cln_lookup': {
      const query = typeof input.query === 'string' ? input.query.trim() : '';
      // The key the user asked about may be named in full; every other key is fingerprinted.
      return read(context, token, query, async ({ account, scope }, signal) => formatLookup(scope, await lookup(account, query, { signal })), query);
    }
    case 'cln_unusedLicenses': {
      const days = input.days ?? unusedDaysSetting();
      const problem = checkDays(days);
      if (problem) return result(context, vscode.l10n.t('Nothing was read: {0}', problem));
      return read(context, token, vscode.l10n.t('the unused licenses'), async ({ account, scope }, signal) => formatUnused(scope, await unusedLicenses(account, days, { signal })));
    }
    case 'cln_awpMonth': {
      const month = resolveMonth(input.month);
      if ('problem' in month) return result(context, vscode.l10n.t('Nothing was read: {0}', month.problem));
      return read(context, token, vscode.l10n.t('the AccelerateWP billing of {0}', month.month), async ({ account, scope }, signal) =>
        formatAwp(scope, await awpTotals(account, month.month, { signal })),
      );
    }
  }
  throw new Error(vscode.l10n.t('Unknown CLN language-model tool {0}', String(name)));
}
