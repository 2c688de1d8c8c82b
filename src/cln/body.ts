/**
 * Reads an HTTP body with a hard size limit, counted twice: the bytes as they
 * arrive (compressed) and the bytes after decoding (gzip, deflate, br). Past
 * either, reading stops at once: a 200 MB answer or a gzip bomb costs at most
 * the limit in memory, never the whole body.
 */
import * as l10n from '@vscode/l10n';
import { pipeline } from 'stream/promises';
import { Transform, Writable } from 'stream';
import * as zlib from 'zlib';

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export class AnswerTooLargeError extends Error {
  constructor(
    /** `declared`: the Content-Length alone was over; `sent`: bytes on the wire; `decoded`: bytes after decompression. */
    readonly which: 'declared' | 'sent' | 'decoded',
    readonly maxBytes: number,
    readonly declaredBytes?: number,
  ) {
    super(which === 'decoded' ? l10n.t('the answer is larger than {0} once decompressed', formatBytes(maxBytes)) : l10n.t('the answer is larger than {0}', formatBytes(maxBytes)));
    this.name = 'AnswerTooLargeError';
  }
}

export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(l10n.t('the answer is encoded as "{0}", which CLN Explorer cannot read', encoding.slice(0, 40)));
    this.name = 'UnsupportedEncodingError';
  }
}

export interface BoundedBodyOptions {
  /** The Content-Encoding header. */
  encoding: string | null;
  /** The Content-Length header: a body declared larger than the limit is refused before reading it. */
  declaredLength: string | null;
  maxBytes: number;
}

export async function readBoundedBody(body: NodeJS.ReadableStream | null, options: BoundedBodyOptions): Promise<string> {
  if (!body) return '';
  const { maxBytes } = options;
  const declared = options.declaredLength !== null && /^\s*\d+\s*$/.test(options.declaredLength) ? Number(options.declaredLength) : undefined;
  if (declared !== undefined && declared > maxBytes) {
    destroy(body);
    throw new AnswerTooLargeError('declared', maxBytes, declared);
  }
  let decoder: Transform | undefined;
  try {
    decoder = decoderFor(options.encoding);
  } catch (error) {
    destroy(body);
    throw error;
  }
  if (!decoder) return readPlain(body, maxBytes);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  if (decoder) await pipeline(body, counter('sent', maxBytes), decoder, counter('decoded', maxBytes), sink);
  else await pipeline(body, counter('sent', maxBytes), sink);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * An unencoded body (the usual answer), read through its events: a stream pipeline's clean-up costs an
 * AbortController and a DOMException per answer, a fifth of our CPU per request when 2,000 keys are read.
 */
function readPlain(body: NodeJS.ReadableStream, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const stream = body as NodeJS.ReadableStream & { destroyed?: boolean; errored?: Error | null };
    if (stream.errored) return reject(stream.errored);
    if (stream.destroyed) return reject(prematureClose());
    const chunks: Buffer[] = [];
    let seen = 0;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      body.removeListener('data', onData);
      if (error === undefined) resolve(Buffer.concat(chunks).toString('utf8'));
      else reject(error);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      seen += bytes.length;
      if (seen > maxBytes) {
        finish(new AnswerTooLargeError('sent', maxBytes));
        destroy(body);
      } else chunks.push(bytes);
    };
    body.on('data', onData);
    body.once('end', () => finish());
    body.once('error', (error: unknown) => finish(error));
    // Closed without its end (and without an error): cut off, as the pipeline said it.
    body.once('close', () => settled || finish(prematureClose()));
  });
}

function prematureClose(): Error {
  return Object.assign(new Error(l10n.t('the connection closed before the answer was complete')), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

function counter(which: 'sent' | 'decoded', maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) done(new AnswerTooLargeError(which, maxBytes));
      else done(null, chunk);
    },
  });
}

function decoderFor(header: string | null): Transform | undefined {
  const coding = (header ?? '').trim().toLowerCase();
  // Lenient like browsers (and node-fetch): a gzip stream cut short yields what it has, and the JSON check reports the cut.
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (coding === '' || coding === 'identity') return undefined;
  if (coding === 'gzip' || coding === 'x-gzip' || coding === 'deflate') return zlib.createUnzip(lenient);
  if (coding === 'br') return zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  throw new UnsupportedEncodingError(coding);
}

function destroy(body: NodeJS.ReadableStream): void {
  (body as { destroy?: () => void }).destroy?.();
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
