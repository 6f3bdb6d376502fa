/**
 * @module
 * What a transport host (stdio runner, HTTP app, WebSocket server) needs from a server:
 * a way to serve one transport.
 */
import type { Observable, Subscription } from 'rxjs';
import type { RequestFacts } from './modern/envelope.js';
import type { ModernReply } from './modern/modern-reply.js';
import type { JSONRPCMessage, JSONRPCRequest, RequestId } from '../protocol/jsonrpc.js';
import type { Transport, TransportInfo } from '../transport/transport.js';
import type { Limits } from './limits.js';
import type { SessionSnapshot } from './session-snapshot.js';

/** Per-connection options a transport host passes to {@link ConnectableServer.connect}. */
export interface ConnectOptions {
  /**
   * Refuse requests other than `ping` before `initialize`. Stateless HTTP turns this off.
   * @defaultValue true
   */
  requireInitialize?: boolean;
  /**
   * Serve a session another process started: initialized as the snapshot says (no new
   * `initialize`), with its log level and resource subscriptions.
   */
  restore?: SessionSnapshot;
  /** Called with the session's state at `initialize` and after each change (to keep it in a store). */
  onStateChange?: (snapshot: SessionSnapshot) => void;
}

/** Anything that can serve a transport: `McpServer` implements it. */
export interface ConnectableServer {
  /**
   * Serves one transport with a new session. Unsubscribing the returned Subscription closes the
   * session and the transport; the session also ends by itself when the transport closes.
   */
  connect(transport: Transport, options?: ConnectOptions): Subscription;
  /**
   * Serves one 2026-07-28 request (no session): its outbound messages, the response last with
   * the HTTP status to use. Hosts route a message here when `isModernMessage` says so.
   */
  serveModern?(request: JSONRPCRequest, facts: RequestFacts): Observable<ModernReply>;
  /**
   * The scopes a message needs beyond the host's own (a `tools/call` of a tool registered with
   * `scopes`), so an HTTP host answers 403 `insufficient_scope` before serving it.
   */
  scopesFor?(message: JSONRPCMessage): readonly string[] | undefined;
  /** Resource limits hosts honour (a host's own `limits` option overrides them). */
  readonly limits?: Limits;
}

/**
 * Transport facts an `McpServer` can use beyond {@link TransportInfo}. A transport that can end
 * the stream carrying one request's messages (Streamable HTTP SSE polling, SEP-1699) implements
 * `closeStream`; the client then resumes with `Last-Event-ID` and gets the rest, response included.
 * Handlers reach it through `ctx.closeStream()`.
 */
export interface ServerTransportInfo extends TransportInfo {
  /**
   * Closes the response stream of the incoming request `requestId` (not the session); `false`
   * when there is no stream the client could resume, so nothing was closed.
   */
  closeStream?(requestId: RequestId): boolean;
  /**
   * What the host knows of the HTTP request that carried the incoming request `requestId` (its
   * headers, the verified identity): handlers read it as `ctx.http` and `ctx.auth`.
   */
  requestFacts?(requestId: RequestId): RequestFacts | undefined;
}
