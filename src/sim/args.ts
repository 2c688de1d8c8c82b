/**
 * Reads query and path arguments with the endpoint table's own param specs:
 * decodes the text to the param's type (number, boolean, comma list, text),
 * then runs the same validator the client runs before sending.
 */
import type { Endpoint } from '../cln/endpoints';
import type { Param } from '../cln/params';

export type ParamKind = 'text' | 'number' | 'flag' | 'list';

/**
 * The specs carry no type tag, so the kind is read from how the validator
 * rejects a value of the wrong type ("expected text", "expected a number",
 * "expected true or false"); anything else takes a list. simulator.test.ts
 * checks that every param of the table gets a kind this way.
 */
export function kindOf(spec: Param<unknown, boolean>): ParamKind {
  const probe = (value: unknown) => {
    try {
      return spec.validate(value as never);
    } catch {
      return 'threw';
    }
  };
  const onText = probe('\u0000');
  if (onText === 'expected a number') return 'number';
  if (onText === 'expected true or false') return 'flag';
  if (probe(12345) === 'expected text') return 'text';
  return 'list';
}

export function decodeArg(kind: ParamKind, raw: string): unknown {
  switch (kind) {
    case 'number':
      return /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
    case 'flag':
      return /^(true|1)$/i.test(raw) ? true : /^(false|0)$/i.test(raw) ? false : raw;
    case 'list':
      return raw
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0);
    default:
      return raw;
  }
}

export interface ArgProblem {
  name: string;
  message: string;
}

export interface ParsedArgs {
  args: Record<string, unknown>;
  problems: ArgProblem[];
}

/** Problems are CLN-like sentences; `lenient` names arguments the handler checks itself (kept as raw text). */
export function parseArgs(
  endpoint: Endpoint,
  query: URLSearchParams,
  pathValues: Record<string, string>,
  aliases: Record<string, string> = {},
  lenient: readonly string[] = [],
  /** The parsed JSON body (API v2 changes), for `body` and `bodyRoot` params. */
  body?: unknown,
): ParsedArgs {
  const args: Record<string, unknown> = {};
  const problems: ArgProblem[] = [];
  for (const [name, spec] of Object.entries(endpoint.params)) {
    if (spec.in === 'body' || spec.in === 'bodyRoot') {
      // JSON carries its own types: the value is checked as it came.
      const value = spec.in === 'bodyRoot' ? body : typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)[name] : undefined;
      if (value === undefined || value === null) {
        if (spec.required) problems.push({ name, message: spec.in === 'bodyRoot' ? 'Missing JSON request body' : `Missing required field "${name}" in the JSON body` });
        continue;
      }
      let problem: string | undefined;
      try {
        problem = spec.validate(value as never);
      } catch {
        problem = 'unreadable value';
      }
      if (problem) problems.push({ name, message: `Invalid value of "${name}": ${problem}` });
      else args[name] = value;
      continue;
    }
    let raw = spec.in === 'path' ? pathValues[name] : query.get(name);
    if (raw === null || raw === undefined) {
      const alias = Object.keys(aliases).find((a) => aliases[a] === name && query.has(a));
      if (alias) raw = query.get(alias);
    }
    if (lenient.includes(name) && raw) {
      args[name] = raw;
      continue;
    }
    const kind = kindOf(spec);
    // An empty text argument is a value (`note=` clears a note); an empty number or list is absent.
    if (raw === null || raw === undefined || (raw === '' && kind !== 'text')) {
      if (spec.required) problems.push({ name, message: `Missing required parameter "${name}"` });
      continue;
    }
    const value = decodeArg(kind, raw);
    const problem = spec.validate(value as never);
    if (problem) problems.push({ name, message: `Invalid value of parameter "${name}": ${problem}` });
    else args[name] = value;
  }
  return { args, problems };
}
