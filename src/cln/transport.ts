import * as l10n from '@vscode/l10n';
import * as http from 'http';
import * as https from 'https';
import { readBoundedBody } from './body';

/** The slice of the fetch API the client needs. */
export interface FetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  /** The body as text, decoded; rejects with an AnswerTooLargeError once it passes `FetchInit.maxBytes`. */
  text(): Promise<string>;
  /** Drops the body unread (a redirect's), freeing the connection. */
  discard?(): void;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  /**
   * The largest body accepted, counted both as sent (compressed) and as
   * decoded: past it, reading stops and the request is aborted.
   */
  maxBytes: number;
  /** A JSON body (API v2 changes); sent with the Content-Type in `headers`. */
  body?: string;
}

/**
 * One HTTP exchange, redirects NOT followed: a 3xx comes back as it is, with
 * its `Location`, and the client decides (see ClnClient's redirect policy).
 */
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/**
 * Node's own http/https request. VS Code patches these modules so the user's
 * proxy settings apply; passing a custom agent would bypass that, so none is.
 * Node never follows a redirect by itself (node-fetch did by default, and
 * carried the token to any host). The body is read raw and decoded by
 * readBoundedBody, which counts the bytes on the wire and after decoding, so
 * a small gzip body cannot inflate past the limit. A connection that breaks
 * after the headers fails the body with ECONNRESET at once; node-fetch 2, used
 * before, kept waiting for the rest of a body with a Content-Length until the
 * request timed out.
 */
export const defaultFetch: FetchLike = (url, init) =>
  new Promise<FetchResponse>((resolve, reject) => {
    const target = new URL(url);
    const module = target.protocol === 'https:' ? https : http;
    const request = module.request(target, { method: init.method, headers: { 'Accept-Encoding': 'gzip, deflate, br', ...init.headers }, signal: init.signal }, (response) => {
      response.on('aborted', () => response.destroy(Object.assign(new Error(l10n.t('the connection closed before the answer was complete')), { code: 'ECONNRESET' })));
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        headers: { get: (name: string) => headerValue(response.headers[name.toLowerCase()]) },
        text: () =>
          readBoundedBody(response, { encoding: headerValue(response.headers['content-encoding']), declaredLength: headerValue(response.headers['content-length']), maxBytes: init.maxBytes }),
        discard: () => response.destroy(),
      });
    });
    request.on('error', reject);
    request.end(init.body);
  });

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
