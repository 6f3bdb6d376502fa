/**
 * @module
 * The internal wiring one session shares between its outgoing and incoming halves.
 */
import type { McpError } from '../protocol/errors.js';
import type { Deadlines } from './deadlines.js';
import type { Session } from './session-api.js';
import type { JSONRPCMessage, JSONRPCResponse, ProgressToken, RequestId } from '../protocol/jsonrpc.js';

/** How a pending outgoing request is reached by the dispatcher. */
export interface PendingRoute {
  response(message: JSONRPCResponse): void;
  progress(params: Record<string, unknown>): void;
  close(error: McpError): void;
}

/** What a session's halves see of it: the session and its internals; not part of the public API. */
export interface SessionInternals extends Session {
  readonly defaultTimeout: number;
  /** The timeouts of outgoing requests, on the session's scheduler. */
  readonly deadlines: Deadlines;
  /** Outgoing requests awaiting a response, by id. */
  readonly pending: Map<RequestId, PendingRoute>;
  /** Outgoing requests that asked for progress, by progress token. */
  readonly progress: Map<ProgressToken, PendingRoute>;
  /** The error every new request fails with once the transport has closed. */
  closedError: McpError | undefined;
  /** Refuses an outgoing request before it is sent. */
  refuseOutgoing(method: string, params: Record<string, unknown> | undefined): McpError | undefined;
  nextId(): number;
  send(message: JSONRPCMessage, relatedRequestId?: RequestId): void;
}
