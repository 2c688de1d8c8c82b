/** The slice of the fetch API the client needs; node-fetch satisfies it. */
export interface FetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  signal: AbortSignal;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

/**
 * node-fetch goes through Node's http/https modules, which VS Code patches so
 * the user's proxy settings apply; passing a custom agent would bypass that.
 */
export const defaultFetch: FetchLike = async (url, init) => {
  const { default: fetch } = await import('node-fetch');
  return fetch(url, { method: init.method, headers: init.headers, signal: init.signal as never });
};
