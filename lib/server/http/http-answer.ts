/**
 * @module
 * What an MCP endpoint answers before it becomes a web `Response`: status, headers, and a body
 * that is a string or a Server-Sent Events stream. The fetch handler turns it into a `Response`
 * ({@link toResponse}); a host that writes answers itself (`rxmcp/node` on `node:http`) skips
 * the `Response`, its body stream and their copies.
 */

/** Where an event stream's text goes. */
export interface SseSink {
  write(chunk: string): void;
  end(): void;
  /** Bytes written and not yet taken by the consumer (a socket's buffer, a stream's queue). */
  queuedBytes?(): number;
  /** Cuts the consumer off at once (the stream overflowed). */
  abort?(): void;
}

/** An event stream being written (an `SseConnection`), seen from whoever sends it. */
export interface AnswerStream {
  /** Attaches the consumer: what was written so far goes to `sink` at once, then each write. */
  attach(sink: SseSink): void;
  /** The stream as a web `ReadableStream` (attached as its sink); cancelling it closes the stream. */
  readable(): ReadableStream<Uint8Array>;
  /** The consumer went away: the stream closes without writing more. */
  cancel(): void;
}

/** An HTTP answer: a string body, an event stream, or neither. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** A complete body (JSON, or text). */
  readonly body?: string;
  /** An event stream, written as events happen. */
  readonly stream?: AnswerStream;
}

/**
 * Whether `value` is an answer rather than what a step produced instead (a parsed message, a
 * session).
 */
export function isAnswer(value: unknown): value is HttpAnswer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as HttpAnswer).status === 'number' &&
    !('jsonrpc' in value)
  );
}

/** `answer` with `headers` added (CORS headers, on every answer of the endpoint). */
export function withHeaders(answer: HttpAnswer, headers: Readonly<Record<string, string>>): HttpAnswer {
  for (const _ in headers) return { ...answer, headers: { ...answer.headers, ...headers } };
  return answer;
}

/**
 * The web `Response` of an answer.
 *
 * @example
 * return toResponse(jsonRpcError(404, -32001, 'Session not found'));
 */
export function toResponse(answer: HttpAnswer): Response {
  const init = { status: answer.status, headers: answer.headers };
  if (answer.stream) return new Response(answer.stream.readable(), init);
  return new Response(answer.body ?? null, init);
}
