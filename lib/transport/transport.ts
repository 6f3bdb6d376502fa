/**
 * @module
 * The transport contract every rxmcp transport implements.
 */
import type { Observable, Observer } from 'rxjs';
import type { McpError } from '../protocol/errors.js';
import type { JSONRPCMessage, RequestId } from '../protocol/jsonrpc.js';
import type { OutboundMessage } from './related-request.js';
import type { HeaderParam } from '../protocol/header-params.js';

/**
 * A bidirectional channel of JSON-RPC messages.
 *
 * - `inbound$` emits what the peer sends. It completes when the peer closes and errors
 *   (with an `McpError` of kind `'transport'`) when the channel fails. Subscribing starts
 *   the underlying connection where there is one (a child process, a socket).
 * - `outbound` sends: `next` writes a message, `complete` closes gracefully, `error` aborts.
 *   What it receives is a plain message, or a {@link RelatedMessage} `{ kind: 'related', message,
 *   requestId }`: a message that belongs to the incoming request `requestId` (its progress, its
 *   request-scoped log messages, the sampling/elicitation/roots requests it makes, and their
 *   cancellations). A transport writes `message` (see {@link messageOf}); one that routes per
 *   request (Streamable HTTP) sends it with that request's response. A response is related to its
 *   own id and is never wrapped ({@link relatedRequestId} covers both). Relatedness is data, not a
 *   registry: it survives two copies of rxmcp in one process.
 *
 * Malformed input never errors `inbound$`: framing turns it into an {@link InvalidFrame}
 * marker the session answers with the JSON-RPC error the spec names.
 *
 * @example
 * const [client, server] = createMemoryTransportPair();
 * server.inbound$.subscribe((message) => server.outbound.next(reply(message)));
 *
 * @see {@link RelatedMessage}, {@link messageOf}, {@link relatedRequestId}
 */
export interface Transport {
  readonly inbound$: Observable<JSONRPCMessage | InvalidFrame | RequestFailure>;
  readonly outbound: Observer<OutboundMessage>;
  /** Transport-level facts a session may need (HTTP session id, the protocol version header, …). */
  readonly info?: TransportInfo;
  /**
   * For a transport that reconnects on its own (the standalone stream of Streamable HTTP): hot,
   * emits `reconnecting` when it lost its connection and tries again, `connected` once it is
   * back. When it gives up, `inbound$` errors. Absent on transports that end when their
   * connection does.
   */
  readonly health$?: Observable<TransportHealth>;
}

/**
 * What {@link Transport.health$} reports: `attempt` counts the reconnection attempts that
 * failed so far (0 while the first is pending), `error` says what was lost or what failed last.
 */
export type TransportHealth =
  | { readonly status: 'connected' }
  | { readonly status: 'reconnecting'; readonly attempt: number; readonly error: McpError };

/**
 * One request the transport could not get answered (its connection dropped, the server answered
 * an HTTP error): the session fails that request alone with `error`, and the others carry on.
 */
export interface RequestFailure {
  readonly kind: 'request-failed';
  readonly id: RequestId;
  readonly error: McpError;
}

/** Tells a {@link RequestFailure} from a message. */
export function isRequestFailure(value: JSONRPCMessage | InvalidFrame | RequestFailure): value is RequestFailure {
  return (value as RequestFailure).kind === 'request-failed' && !('jsonrpc' in value);
}

/** Optional metadata a transport exposes. */
export interface TransportInfo {
  /** A session id assigned by the transport (Streamable HTTP, legacy SSE). */
  sessionId?: string;
  /** The server's endpoint (the URL of Streamable HTTP): the server's name in a shared result cache. */
  readonly serverEndpoint?: string;
  /**
   * Told by the session once `initialize` has negotiated a protocol version, so HTTP
   * transports can send the `MCP-Protocol-Version` header.
   */
  setProtocolVersion?(version: string): void;
  /**
   * Told by a client which arguments of each tool its `x-mcp-header` annotations mirror, so a
   * Streamable HTTP transport can send them as `Mcp-Param-{Name}` headers (2026-07-28).
   */
  setHeaderParams?(lookup: (tool: string) => readonly HeaderParam[] | undefined): void;
}

/**
 * A frame that could not be turned into a JSON-RPC message. Sessions answer it:
 * `parse` with -32700 and `id: null`, `invalid` with -32600 (echoing the id when one was readable).
 */
export interface InvalidFrame {
  readonly kind: 'invalid-frame';
  readonly reason: 'parse' | 'invalid' | 'too-large';
  readonly message: string;
  /** The id found in an otherwise invalid request, if any. */
  readonly id?: string | number | null;
}

/** Tells an {@link InvalidFrame} from a message. */
export function isInvalidFrame(value: JSONRPCMessage | InvalidFrame | RequestFailure): value is InvalidFrame {
  return (value as InvalidFrame).kind === 'invalid-frame' && !('jsonrpc' in value);
}

/** Tells a JSON-RPC message from the markers a transport may emit ({@link InvalidFrame}, {@link RequestFailure}). */
export function isMessage(value: JSONRPCMessage | InvalidFrame | RequestFailure): value is JSONRPCMessage {
  return 'jsonrpc' in value;
}
