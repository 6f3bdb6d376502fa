/**
 * @module
 * Reading one JSON-RPC message from a web `Request` body, within a size limit.
 */
import { ErrorCode } from '../../protocol/errors.js';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { toInboundMessage } from '../../transport/parse-message.js';
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

const decoder = new TextDecoder();

/**
 * Reads and parses a JSON request body of at most `maxBytes` bytes. An oversized body (declared
 * or streamed) is refused with 413 without buffering it, once the upload has been read and
 * dropped (up to {@link DISCARD_LIMIT_BYTES}); unparsable JSON yields 400 with -32700.
 *
 * @example
 * const body = await readJsonBody(request, DEFAULT_MAX_BODY_BYTES);
 * if (!body.ok) return jsonRpcError(body.status, body.code, body.message);
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const tooLarge: BodyResult = { ok: false, status: 413, code: TRANSPORT_ERROR, message: `Payload Too Large: the body exceeds ${maxBytes} bytes` };
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > DISCARD_LIMIT_BYTES) {
    void request.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  let oversized = Number.isFinite(declared) && declared > maxBytes;
  // A declared length within the limit bounds the body (the HTTP layer holds the client to it):
  // read it whole, the runtime's fastest way.
  if (!oversized && Number.isFinite(declared)) {
    let text: string;
    try {
      text = await request.text();
    } catch (error) {
      return { ok: false, status: 400, code: TRANSPORT_ERROR, message: `Bad request body: ${(error as Error)?.message ?? String(error)}` };
    }
    return parseJson(text);
  }
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
      return oversized ? tooLarge : { ok: false, status: 400, code: TRANSPORT_ERROR, message: `Bad request body: ${(error as Error)?.message ?? String(error)}` };
    }
  }
  if (oversized) return tooLarge;
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
 * Reads one JSON-RPC message from a POST body, or returns the answer with the HTTP and JSON-RPC
 * error the spec names: 413 over the limit, 400 with -32700 for invalid JSON, 400 with -32600 for
 * a batch or a non-message.
 *
 * @example
 * const message = await readMessage(request, DEFAULT_MAX_BODY_BYTES);
 * if (isAnswer(message)) return message;
 */
export async function readMessage(request: Request, maxBytes: number): Promise<JSONRPCMessage | HttpAnswer> {
  const body = await readJsonBody(request, maxBytes);
  if (!body.ok) return jsonRpcError(body.status, body.code, body.message, body.status === 413 ? { headers: { connection: 'close' } } : {});
  if (Array.isArray(body.value)) return jsonRpcError(400, ErrorCode.InvalidRequest, 'Invalid Request: JSON-RPC batches are not supported');
  const message = toInboundMessage(body.value);
  if (isInvalidFrame(message)) return jsonRpcError(400, ErrorCode.InvalidRequest, message.message, { id: message.id ?? null });
  return message;
}
