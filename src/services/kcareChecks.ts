/**
 * What the last KernelCare Nagios checks said about each server, so the tree
 * can mark the out-of-date ones. Checks name servers by host and address
 * (`host (ip) is OUTOFDATE`); KernelCare server rows have an id and an
 * address, so a server is matched by its address (or its id, when a check
 * names it). No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import type { NagiosServer, NagiosStatus } from '../cln/types';
import { Emitter } from './events';

export type CheckedState = NagiosServer['state'];

export interface ServerCheck {
  state: CheckedState;
  /** As the check wrote it: "host (ip) is OUTOFDATE". */
  label: string;
  checkedAt: Date;
  /** The key checked, or undefined for the account-wide check. */
  key?: string;
}

/** A check's scope: one key's servers, or every server of the account. */
export type CheckScope = { key: string } | { account: true };

export class KcareChecks {
  private readonly byAddress = new Map<string, ServerCheck>();
  private readonly changed = new Emitter<void>();
  /** Fires after a check was recorded. */
  readonly onDidChange = this.changed.event;
  private last?: { scope: CheckScope; status: NagiosStatus; at: Date };

  /** Records a check. A key check replaces what the previous checks said about that key's servers. */
  record(scope: CheckScope, status: NagiosStatus, at = new Date()): void {
    const key = 'key' in scope ? scope.key : undefined;
    for (const [address, check] of [...this.byAddress]) if (key === undefined || check.key === key) this.byAddress.delete(address);
    for (const server of status.servers) {
      const check: ServerCheck = {
        state: server.state,
        label: server.ip ? l10n.t('{0} ({1}) is {2}', server.host, server.ip, server.stateText) : l10n.t('{0} is {1}', server.host, server.stateText),
        checkedAt: at,
        key,
      };
      if (server.ip) this.byAddress.set(server.ip, check);
      this.byAddress.set(server.host, check);
    }
    this.last = { scope, status, at };
    this.changed.fire();
  }

  /** What the latest check said about a server, matched by its id or its address. */
  of(server: { serverId: string; ip: string | null; key?: string }): ServerCheck | undefined {
    return this.byAddress.get(server.serverId) ?? (server.ip ? this.byAddress.get(server.ip) : undefined);
  }

  get latest(): { scope: CheckScope; status: NagiosStatus; at: Date } | undefined {
    return this.last;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
