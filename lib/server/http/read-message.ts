/**
 * @module
 * Reading one JSON-RPC message from a web `Request` body, within a size limit.
 */
import type { SchedulerLike, Subscription } from 'rxjs';
import { ErrorCode } from '../../protocol/errors.js';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { toInboundMessage } from '../../transport/parse-message.js';
import { DeadlineQueue, type Deadline } from './deadline-queue.js';
import { isInvalidFrame } from '../../transport/transport.js';
import type { HttpAnswer } from './http-answer.js';
import { jsonRpcError, TRANSPORT_ERROR } from './http-utils.js';

/** Default largest request body: 4 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * How much of an oversized upload is read (and dropped) before the 413 is sent. A client such as
 * Node's `fetch` that is still writing when the server answers and closes reports a write error
 * (EPIPE) instead of the answer, so the server reads the rest first; past this many bytes it stops
 * reading and answers.
 */
export const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

/** The outcome of {@link readJsonBody}. */
export type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; code: number; message: string };

/** How a body is read: its size limit, and how long it may take. */
export interface BodyReadOptions {
  /** The largest body in bytes (larger → 413). */
  readonly maxBytes: number;
  /** Milliseconds the body may take to arrive (slower → 408); 0 waits forever. @defaultValue 0 */
  readonly timeout?: number;
  /** Where the timeout is timed (required with `timeout`). */
  readonly scheduler?: SchedulerLike;
  /** The endpoint's timeouts of this length on one timer (see {@link bodyReadOptions}); otherwise one timer per body. */
  readonly deadlines?: DeadlineQueue;
}

/**
 * The body options of an endpoint: its limit and timeout, with every body's timeout on one
 * shared {@link DeadlineQueue}; `close()` it with the endpoint.
 *
 * @example
 * const body = bodyReadOptions(limits.maxMessageBytes, limits.bodyTimeout, scheduler);
 * const message = await readMessage(request, body);
 */
export function bodyReadOptions(
  maxBytes: number,
  timeout: number,
  scheduler: SchedulerLike,
): BodyReadOptions & { readonly deadlines?: DeadlineQueue } {
  return { maxBytes, timeout, scheduler, ...(timeout > 0 && { deadlines: new DeadlineQueue(scheduler, timeout) }) };
}

const decoder = new TextDecoder();

/** Bodies already read (by the resource guard, for the scopes of their message), by request. */
const readBodies = new WeakMap<Request, unknown>();

/**
 * Keeps the parsed body of `request`, so the endpoint's {@link readMessage} takes it rather than
 * reading a body already consumed.
 *
 * @example
 * keepReadBody(request, body.value);
 */
export function keepReadBody(request: Request, value: unknown): void {
  readBodies.set(request, value);
}

/** Whether {@link keepReadBody} kept a body for `request`. */
export function hasKeptBody(request: Request): boolean {
  return readBodies.has(request);
}

/** The body {@link keepReadBody} kept for `request`. */
export function keptBody(request: Request): unknown {
  return readBodies.get(request);
}

/**
 * A web `Request` whose host adapter hands over its body text by callback, with no promise (the
 * `Request`s of `rxmcp/node` do): {@link readJsonBody} uses it where present, `request.text()`
 * otherwise.
 */
export interface CallbackBodyRequest {
  /** Reads the body as UTF-8 text once; calls exactly one of `onText` and `onError`, never synchronously. */
  readTextInto(onText: (text: string) => void, onError: (error: unknown) => void): void;
}

/**
 * Reads and parses a JSON request body of at most `maxBytes` bytes. An oversized body (declared
 * or streamed) is refused with 413 without buffering it, once the upload has been read and
 * dropped (up to {@link DISCARD_LIMIT_BYTES}); unparsable JSON yields 400 with -32700; a body
 * not complete within `timeout` (slowloris) yields 408. A body {@link keepReadBody} kept is
 * returned at once, without a promise.
 *
 * @example
 * const body = await readJsonBody(request, { maxBytes: DEFAULT_MAX_BODY_BYTES });
 * if (!body.ok) return bodyError(body);
 */
export function readJsonBody(request: Request, options: BodyReadOptions): BodyResult | Promise<BodyResult> {
  return readJsonBodyAs(request, options, (result) => result);
}

/**
 * {@link readJsonBody}, with `next` applied to the outcome inside the one promise the read makes
 * (a request is read, parsed and answered with no promise per step); `next` throwing rejects it.
 */
function readJsonBodyAs<T>(
  request: Request,
  options: BodyReadOptions,
  next: (body: BodyResult) => T | Promise<T>,
): T | Promise<T> {
  if (hasKeptBody(request)) return next({ ok: true, value: keptBody(request) });
  const { maxBytes } = options;
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > DISCARD_LIMIT_BYTES) {
    void request.body?.cancel().catch(() => undefined);
    return next(tooLarge(maxBytes));
  }
  return new Promise<T>((resolve, reject) => {
    let open = true;
    const settle = (result: BodyResult) => {
      if (!open) return;
      open = false;
      timer?.cancel();
      try {
        resolve(next(result));
      } catch (error) {
        reject(error);
      }
    };
    const timer = startTimeout(options, () => {
      void request.body?.cancel().catch(() => undefined);
      settle({
        ok: false,
        status: 408,
        code: TRANSPORT_ERROR,
        message: `Request Timeout: the body did not arrive within ${options.timeout} ms`,
      });
    });
    // A declared length within the limit bounds the body (the HTTP layer holds the client to it):
    // read it whole, the runtime's fastest way.
    if (declared <= maxBytes)
      readText(
        request,
        (text) => open && settle(parseJson(text)),
        (error) => settle(badBody(error)),
      );
    else readStreamedBody(request, maxBytes, declared > maxBytes).then(settle, (error) => settle(badBody(error)));
  });
}

/** The body timeout of `options`, started (none without a timeout). */
function startTimeout(options: BodyReadOptions, expire: () => void): Deadline | undefined {
  const { timeout = 0, scheduler, deadlines } = options;
  if (timeout <= 0 || !scheduler) return undefined;
  return deadlines ? deadlines.start(expire) : unsubscribing(scheduler.schedule(expire, timeout));
}

/** The body of `request` as text: by callback where its adapter offers one, else `request.text()`. */
function readText(request: Request, onText: (text: string) => void, onError: (error: unknown) => void): void {
  const byCallback = (request as Partial<CallbackBodyRequest>).readTextInto;
  if (byCallback) return byCallback.call(request, onText, onError);
  let text: Promise<string>;
  try {
    text = request.text();
  } catch (error) {
    return onError(error);
  }
  text.then(onText, onError);
}

const unsubscribing = (action: Subscription): Deadline => ({ cancel: () => action.unsubscribe() });

/** The 413 outcome (made only for a body that is refused). */
const tooLarge = (maxBytes: number): BodyResult => ({
  ok: false,
  status: 413,
  code: TRANSPORT_ERROR,
  message: `Payload Too Large: the body exceeds ${maxBytes} bytes`,
});

/** The 400 outcome of a body that failed to arrive. */
const badBody = (error: unknown): BodyResult => ({
  ok: false,
  status: 400,
  code: TRANSPORT_ERROR,
  message: `Bad request body: ${(error as Error)?.message ?? String(error)}`,
});

/** Reads a body of unknown (or too large) length chunk by chunk, dropping it past `maxBytes`. */
async function readStreamedBody(request: Request, maxBytes: number, oversized: boolean): Promise<BodyResult> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  const body = request.body;
  if (body) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.byteLength;
        if (received > maxBytes && !oversized) {
          oversized = true;
          chunks.length = 0;
        }
        if (!oversized) chunks.push(value);
        else if (received > DISCARD_LIMIT_BYTES) {
          void reader.cancel().catch(() => undefined);
          break;
        }
      }
    } catch (error) {
      return oversized ? tooLarge(maxBytes) : badBody(error);
    }
  }
  if (oversized) return tooLarge(maxBytes);
  return parseJson(chunks.length === 1 ? decoder.decode(chunks[0]) : decoder.decode(concat(chunks, received)));
}

function parseJson(text: string): BodyResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, status: 400, code: ErrorCode.ParseError, message: `Parse error: ${(error as Error).message}` };
  }
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const all = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

/**
 * The answer of a body that could not be read; 413 and 408 close the connection (the client may
 * still be sending).
 *
 * @example
 * if (!body.ok) return bodyError(body);
 */
export function bodyError(body: Extract<BodyResult, { ok: false }>): HttpAnswer {
  return jsonRpcError(
    body.status,
    body.code,
    body.message,
    body.status === 413 || body.status === 408 ? { headers: { connection: 'close' } } : {},
  );
}

/**
 * Reads one JSON-RPC message from a POST body, or returns the answer with the HTTP and JSON-RPC
 * error the spec names: 413 over the limit, 400 with -32700 for invalid JSON, 400 with -32600 for
 * a batch or a non-message, 408 for a body slower than `timeout`.
 *
 * @example
 * const message = await readMessage(request, { maxBytes: DEFAULT_MAX_BODY_BYTES });
 * if (isAnswer(message)) return message;
 */
export function readMessage(
  request: Request,
  options: BodyReadOptions,
): JSONRPCMessage | HttpAnswer | Promise<JSONRPCMessage | HttpAnswer> {
  return readMessageThen(request, options, (message) => message);
}

/**
 * {@link readMessage}, with `next` applied to the message (or refusal) inside the read's one
 * promise; `next` throwing rejects it.
 *
 * @example
 * return readMessageThen(request, body, (message) => (isAnswer(message) ? message : serve(message)));
 */
export function readMessageThen<T>(
  request: Request,
  options: BodyReadOptions,
  next: (message: JSONRPCMessage | HttpAnswer) => T | Promise<T>,
): T | Promise<T> {
  return readJsonBodyAs(request, options, (body) => next(messageOf(body)));
}

function messageOf(body: BodyResult): JSONRPCMessage | HttpAnswer {
  if (!body.ok) return bodyError(body);
  if (Array.isArray(body.value))
    return jsonRpcError(400, ErrorCode.InvalidRequest, 'Invalid Request: JSON-RPC batches are not supported');
  const message = toInboundMessage(body.value);
  if (isInvalidFrame(message))
    return jsonRpcError(400, ErrorCode.InvalidRequest, message.message, { id: message.id ?? null });
  return message;
}
