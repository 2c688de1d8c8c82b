/** Small hostile HTTP servers on loopback: each request is recorded, the test decides the answer. */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  /** Path and query as received (token included: only tests read it). */
  url: string;
}

export interface HostileServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `${origin}/api` */
  api: string;
  requests: Seen[];
  /** Bytes of body written to each response, counted as they are accepted by the socket. */
  written: number[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number, count: (bytes: number) => void) => void | Promise<void>;

export async function startHostile(handler: Handler): Promise<HostileServer> {
  const requests: Seen[] = [];
  const written: number[] = [];
  const server = createServer((req, res) => {
    req.resume();
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
    const index = written.push(0) - 1;
    Promise.resolve(handler(req, res, requests.length, (bytes) => (written[index] += bytes))).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    api: `${origin}/api`,
    requests,
    written,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes `total` bytes made by `fill` in chunks, honouring backpressure, and stops when the client goes away. */
export function stream(res: ServerResponse, total: number, fill: (offset: number, size: number) => Buffer, count: (bytes: number) => void): Promise<void> {
  return new Promise((resolve) => {
    let offset = 0;
    let closed = false;
    res.on('close', () => {
      closed = true;
      resolve();
    });
    const pump = () => {
      while (!closed && offset < total) {
        const size = Math.min(64 * 1024, total - offset);
        const chunk = fill(offset, size);
        offset += size;
        count(size);
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!closed) res.end(() => resolve());
    };
    pump();
  });
}

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
};
