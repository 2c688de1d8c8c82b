/** Switchable failures, per endpoint or for all ('*'), and how each one answers. */
import type { AnswerFormat, EndpointId } from '../cln/endpoints';

export type FaultKind = 'latency' | 'http500' | 'html' | 'truncated' | 'empty' | 'auth';

export interface FaultSpec {
  kind: FaultKind;
  /** latency: how long to wait before answering (default 30 s, beyond any test timeout). */
  ms?: number;
  /** How many requests it applies to; default: until cleared. */
  times?: number;
  /** State-changing endpoint: apply the change, THEN answer with the fault (an unknown outcome for the client). */
  afterCommit?: boolean;
}

export interface FaultControl {
  set(target: EndpointId | '*', fault: FaultSpec): void;
  clear(target?: EndpointId | '*'): void;
}

export const DEFAULT_FAULT_LATENCY_MS = 30_000;

export class Faults implements FaultControl {
  private readonly active = new Map<EndpointId | '*', FaultSpec & { left: number }>();

  set(target: EndpointId | '*', fault: FaultSpec): void {
    this.active.set(target, { ...fault, left: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(target?: EndpointId | '*'): void {
    if (target === undefined) this.active.clear();
    else this.active.delete(target);
  }

  /** The fault for this request, if any (the endpoint's own before '*'); counts `times` down. */
  take(id: EndpointId): FaultSpec | undefined {
    for (const target of [id, '*'] as const) {
      const fault = this.active.get(target);
      if (!fault) continue;
      fault.left -= 1;
      if (fault.left <= 0) this.active.delete(target);
      const { left: _left, ...spec } = fault;
      return spec;
    }
    return undefined;
  }
}

export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

const NGINX_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

const JSON_TYPE = 'application/json;charset=UTF-8';
const TEXT_TYPE = 'text/plain;charset=UTF-8';

/** The answer a fault gives instead of (or, for 'truncated', made from) the real one. */
export function faultAnswer(kind: Exclude<FaultKind, 'latency'>, format: AnswerFormat, path: string, real: RawAnswer | undefined, nowMs: number): RawAnswer {
  const isJson = format === 'json' || format === 'json-or-bare';
  switch (kind) {
    case 'html':
      return { status: 502, contentType: 'text/html', body: NGINX_502 };
    case 'http500':
      return isJson
        ? { status: 500, contentType: JSON_TYPE, body: JSON.stringify({ timestamp: new Date(nowMs).toISOString(), status: 500, error: 'Internal Server Error', path }) }
        : { status: 500, contentType: TEXT_TYPE, body: 'Internal Server Error' };
    case 'empty':
      return { status: 200, contentType: isJson ? JSON_TYPE : TEXT_TYPE, body: '' };
    case 'truncated': {
      // Without the real answer (a change that was not made), cut an envelope that promised data.
      const full = real?.body ?? '{"success":true,"message":null,"type":null,"data":{"result":"the change would be described here"}}';
      return { status: 200, contentType: real?.contentType ?? JSON_TYPE, body: full.slice(0, Math.max(1, Math.floor(full.length / 2))) };
    }
    case 'auth':
      return authFailure(format);
  }
}

/** "Authorization failed" in each answer format. Nagios checks carry no envelope, so they get HTTP 403. */
export function authFailure(format: AnswerFormat): RawAnswer {
  if (format === 'plain') return { status: 200, contentType: TEXT_TYPE, body: 'success:false message:Authorization failed\n' };
  const body = JSON.stringify({ success: false, message: 'Authorization failed', type: null, data: null });
  if (format === 'nagios') return { status: 403, contentType: JSON_TYPE, body };
  return { status: 200, contentType: JSON_TYPE, body };
}

export const CONTENT_TYPES = { json: JSON_TYPE, text: TEXT_TYPE };
