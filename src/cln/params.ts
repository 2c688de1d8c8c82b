/**
 * Argument descriptions for the endpoint table: how each argument is checked
 * and written into the URL. The client validates every argument with these
 * before it sends anything; the simulator parses with the same names.
 */
import * as l10n from '@vscode/l10n';
import { AWP_PRODUCTS, AwpProduct, isIpTypeNumber } from './catalog';
import * as v from './validate';

export interface Param<T, R extends boolean = true> {
  readonly required: R;
  /** A credential (the account's API security token): the client redacts its value everywhere. */
  readonly secret?: boolean;
  /**
   * `path` arguments replace `{name}` in the endpoint path; `body` arguments are fields of
   * the JSON body (API v2 changes), `bodyRoot` is the whole JSON body (a settings dictionary).
   */
  readonly in: 'query' | 'path' | 'body' | 'bodyRoot';
  validate(value: T): v.Problem;
  encode(value: T): string;
  /** The value as it goes into a JSON body (default: as it is). */
  json?(value: T): unknown;
  /** Phantom: the argument's TypeScript type. */
  readonly type?: T;
}

function make<T>(validate: (value: T) => v.Problem, encode: (value: T) => string = String): Param<T> {
  return { required: true, in: 'query', validate, encode };
}

export function optional<T>(param: Param<T>): Param<T, false> {
  return { ...param, required: false };
}

export function inPath<T>(param: Param<T>): Param<T> {
  return { ...param, in: 'path' };
}

/** A field of the JSON body (CLN API v2 changes of features). */
export function inBody<T, R extends boolean>(param: Param<T, R>): Param<T, R> {
  return { ...param, in: 'body' };
}

/** The whole JSON body (`PATCH /v2/features/account` takes the settings dictionary itself). */
export function asBody<T>(param: Param<T>): Param<T> {
  return { ...param, in: 'bodyRoot' };
}

const asString = (check: (value: string) => v.Problem) => make<string>((value) => (typeof value !== 'string' ? l10n.t('expected text') : check(value)));

const asInteger = (check: (value: number) => v.Problem) => make<number>((value) => (typeof value !== 'number' || !Number.isFinite(value) ? 'expected a number' : check(value)));

export const param = {
  // checkIp accepts surrounding blanks (input boxes), so send the address without them.
  ip: () => ({ ...asString(v.checkIp), encode: (value: string) => value.trim() }),
  ipList: (max = v.MAX_IPS_PER_SERVER_CALL) =>
    make<readonly string[]>(
      (values) =>
        !Array.isArray(values)
          ? l10n.t('expected a list of IP addresses')
          : values.some((value) => typeof value !== 'string')
            ? l10n.t('expected a list of IP addresses as text')
            : v.checkIpList(values, max),
      (values) => values.map((value) => value.trim()).join(','),
    ),
  /** Open-ended: CLN has more types than any list; any positive whole number may be one of them. */
  ipType: () => asInteger((value) => (isIpTypeNumber(value) ? undefined : l10n.t('{0} is not an IP license type (a whole number, 1 or more).', value))),
  limit: () => asInteger(v.checkLimit),
  count: () => asInteger((value) => (Number.isInteger(value) && value >= 0 ? undefined : l10n.t('expected a whole number, 0 or more'))),
  note: (max = v.MAX_KCARE_NOTE) => asString((value) => v.checkNote(value, max)),
  text: (what: string) => asString((value) => v.checkName(value, what)),
  freeText: () => asString(() => undefined),
  id: (what: string) => asString((value) => v.checkIdentifier(value, what)),
  ids: (what: string) =>
    make<readonly string[]>(
      (values) => {
        if (!Array.isArray(values) || values.length === 0) return l10n.t('Select at least one {0}.', what);
        for (const value of values) {
          if (typeof value !== 'string') return l10n.t('Each {0} must be text.', what);
          const problem = v.checkIdentifier(value, what);
          if (problem) return problem;
        }
        return undefined;
      },
      (values) => values.join(','),
    ),
  cidrList: () => asString(v.checkCidrList),
  monitoringKey: () => asString(v.checkMonitoringKey),
  /** The account's static API security token (CLN profile), used in `nagios-res` paths. */
  apiToken: () => ({ ...asString(v.checkApiToken), secret: true }),
  backupSize: () => asInteger(v.checkBackupSize),
  backupDelta: () => asInteger(v.checkBackupDelta),
  yearMonth: () => asString(v.checkYearMonth),
  awpProducts: () =>
    make<readonly AwpProduct[]>(
      (values) =>
        !Array.isArray(values) || values.length === 0
          ? l10n.t('Choose at least one product.')
          : values.find((p) => !AWP_PRODUCTS.includes(p))
            ? l10n.t('Products are {0} and {1}.', AWP_PRODUCTS[0], AWP_PRODUCTS[1])
            : undefined,
      (values) => values.join(','),
    ),
  /** A CloudLinux OS product of API v2: CL, CLP, CLS or CLADMIN, in any case (sent in upper case). */
  clProduct: () => ({ ...asString(v.checkClProduct), encode: (value: string) => value.toUpperCase() }),
  /** A v2 server id: a whole number (v1's are text). */
  serverNumber: () => asInteger((value) => (Number.isInteger(value) && value >= 0 && value <= Number.MAX_SAFE_INTEGER ? undefined : l10n.t('A server id is a whole number, 0 or more.'))),
  /** Feature settings `{"4600": "ENABLED"}`: ids are whole numbers (any, known or not), states ENABLED, DISABLED or UNSET in any case. */
  featureSettings: () =>
    ({
      ...make<Readonly<Record<string, string>>>(v.checkFeatureSettings, (value) => JSON.stringify(v.normalFeatureSettings(value))),
      json: (value: Readonly<Record<string, string>>) => v.normalFeatureSettings(value),
    }) as Param<Readonly<Record<string, string>>>,
  flag: () =>
    make<boolean>(
      (value) => (typeof value === 'boolean' ? undefined : l10n.t('expected true or false')),
      (value) => (value ? 'true' : 'false'),
    ),
};
