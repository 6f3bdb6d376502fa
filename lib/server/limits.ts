/**
 * @module
 * The resource limits of a server, in one place: what one session, one connection and one
 * server may hold at most, and how long a peer may take to send a request. Every host (the
 * session engine, Streamable HTTP, legacy SSE, WebSocket, stdio) reads its limits from here.
 */
import { ErrorCode } from '../protocol/errors.js';

/**
 * Resource limits. Set them on the server (`new McpServer(info, { limits })`) and every host
 * serving it honours them; a host's own `limits` option overrides the server's, field by field.
 *
 * @example
 * const server = new McpServer({ name: 'srv', version: '1.0.0' }, { limits: { maxSessions: 500, maxInflightRequests: 64 } });
 * await serveMcp(server, { limits: { headersTimeout: 5_000 } });
 */
export interface Limits {
  /**
   * Requests of one session whose handlers are still running. One more is answered at once with
   * JSON-RPC error {@link LIMIT_EXCEEDED} (`data: { limit: 'maxInflightRequests' }`), and the
   * session carries on.
   *
   * @defaultValue 1024
   */
  maxInflightRequests?: number;
  /**
   * Open sessions per server, over Streamable HTTP, legacy SSE and WebSocket together (one
   * budget per `serveMcp` or router). A new session over it is refused with HTTP 503 and a
   * JSON-RPC error body (Streamable HTTP `initialize`, legacy SSE `GET`), or a 503 answer to
   * the WebSocket upgrade.
   *
   * @defaultValue 10 000
   */
  maxSessions?: number;
  /**
   * The largest message a peer may send, in bytes: HTTP request bodies (larger → 413) and
   * WebSocket messages and frames (`ws`'s `maxPayload`; larger closes the socket with 1009).
   *
   * @defaultValue 4 MiB
   */
  maxMessageBytes?: number;
  /**
   * Bytes waiting to be written to one slow consumer (an SSE stream, a WebSocket, stdout) above
   * which the server stops reading from that peer (WebSocket, stdin) or answers its new POSTs
   * with 503 (legacy SSE), until the queue drains.
   *
   * @defaultValue 1 MiB
   */
  highWaterBytes?: number;
  /**
   * Bytes waiting to be written to one consumer above which it is cut off: an SSE stream ends
   * (a resumable one can be resumed with `Last-Event-ID`), a WebSocket is terminated. Memory per
   * consumer stays below this plus one message.
   *
   * @defaultValue 8 MiB
   */
  maxQueuedBytes?: number;
  /**
   * Events kept per SSE stream by the default in-memory event store (the oldest go first; a
   * client resuming before the oldest kept event is refused rather than silently missing events).
   *
   * @defaultValue 100
   */
  maxEventsPerStream?: number;
  /**
   * Milliseconds a client may take to send a request's headers (Node's `headersTimeout`;
   * slowloris). Only where rxmcp creates the `http.Server` (`serveMcp`).
   *
   * @defaultValue 10 000
   */
  headersTimeout?: number;
  /**
   * Milliseconds a client may take to send a request body once its headers are in; a slower body
   * is refused with 408 and the connection closed. `serveMcp` also sets Node's `requestTimeout`
   * to `headersTimeout + bodyTimeout`.
   *
   * @defaultValue 30 000
   */
  bodyTimeout?: number;
}

/** Every limit, resolved. */
export type ResolvedLimits = Readonly<Required<Limits>>;

/** The default of each limit. */
export const DEFAULT_LIMITS: ResolvedLimits = Object.freeze({
  maxInflightRequests: 1024,
  maxSessions: 10_000,
  maxMessageBytes: 4 * 1024 * 1024,
  highWaterBytes: 1024 * 1024,
  maxQueuedBytes: 8 * 1024 * 1024,
  maxEventsPerStream: 100,
  headersTimeout: 10_000,
  bodyTimeout: 30_000,
});

/**
 * The JSON-RPC error code of a request refused because a limit is reached (the implementation
 * range of JSON-RPC 2.0; `data.limit` names the limit): `ErrorCode.LimitExceeded`.
 */
export const LIMIT_EXCEEDED = ErrorCode.LimitExceeded;

/**
 * Resolves limits: each field from the first of `layers` that sets it, else its default.
 *
 * @example
 * const { maxSessions } = resolveLimits(options.limits, server.limits);
 */
export function resolveLimits(...layers: (Limits | undefined)[]): ResolvedLimits {
  const resolved: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const value = layers.find((layer) => layer?.[key] !== undefined)?.[key];
    if (value !== undefined) resolved[key] = value;
  }
  return resolved as unknown as ResolvedLimits;
}

/** Counts open sessions against {@link Limits.maxSessions}. Create with {@link createSessionBudget}. */
export interface SessionBudget {
  /** Takes a place; `false` when the budget is spent (the caller refuses the session). */
  tryAcquire(): boolean;
  /** Gives a place back (once per successful {@link SessionBudget.tryAcquire}). */
  release(): void;
  /** The places taken. */
  readonly used: number;
  /** The most places. */
  readonly max: number;
}

/**
 * Creates a budget of `max` sessions, shared by the endpoints of one server.
 *
 * @example
 * const budget = createSessionBudget(resolveLimits(options.limits).maxSessions);
 * if (!budget.tryAcquire()) return refuse(503);
 * session.onClose(() => budget.release());
 */
export function createSessionBudget(max: number): SessionBudget {
  let used = 0;
  return {
    tryAcquire: () => (used < max ? (used++, true) : false),
    release: () => {
      if (used > 0) used--;
    },
    get used() {
      return used;
    },
    max,
  };
}

/** The message of a refusal because limit `name` (of value `value`) is reached. */
export function limitMessage(name: keyof Limits, value: number): string {
  return `Limit reached: ${name} (${value})`;
}
