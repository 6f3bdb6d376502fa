/**
 * @module
 * JSON-RPC and MCP error codes, and the one error type rxmcp raises.
 */
import type { JSONRPCErrorObject } from './jsonrpc.js';

/** Error codes of JSON-RPC 2.0 and MCP. */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** MCP: the request was cancelled or timed out (SDK convention). */
  RequestTimeout: -32001,
  /** MCP: connection closed before a response arrived (SDK convention). */
  ConnectionClosed: -32000,
  /** rxmcp: a request refused because a resource limit is reached (`data.limit` names it). */
  LimitExceeded: -32000,
  /** MCP: a resource was not found. */
  ResourceNotFound: -32002,
  /** MCP 2025-11-25: URL-mode elicitation is required before the request can proceed. */
  UrlElicitationRequired: -32042,
  /** 2026-07-28: HTTP headers missing or disagreeing with the body (SEP-2243). */
  HeaderMismatch: -32020,
  /** 2026-07-28: the request needs a client capability the client did not declare. */
  MissingRequiredClientCapability: -32021,
  /** 2026-07-28: the request's protocol version is not served. */
  UnsupportedProtocolVersion: -32022,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What went wrong, for callers to switch on. */
export type McpErrorKind = 'protocol' | 'timeout' | 'closed' | 'validation' | 'transport';

/** Options of {@link McpError}. */
export interface McpErrorOptions {
  /** The JSON-RPC error code (protocol errors). */
  code?: number;
  /** The JSON-RPC error `data`. */
  data?: unknown;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The single error type of rxmcp. Switch on `kind` (and `code` for protocol errors),
 * never on `instanceof` across bundles.
 *
 * @example
 * client.callTool({ name: 'x' }).subscribe({ error: (e: McpError) => e.kind === 'timeout' && retry() })
 */
export class McpError extends Error {
  override readonly name = 'McpError';
  readonly kind: McpErrorKind;
  readonly code: number | undefined;
  readonly data: unknown;

  constructor(kind: McpErrorKind, message: string, options: McpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.code = options.code;
    this.data = options.data;
  }

  /** A protocol error with a JSON-RPC code. */
  static protocol(code: number, message: string, data?: unknown): McpError {
    return new McpError('protocol', message, { code, data });
  }

  /** The error a peer sent in a JSON-RPC error response. */
  static fromErrorObject(error: JSONRPCErrorObject): McpError {
    return McpError.protocol(error.code, error.message, error.data);
  }

  /** The JSON-RPC error object to send for any thrown value. */
  static toErrorObject(error: unknown): JSONRPCErrorObject {
    if (isMcpError(error) && error.kind === 'protocol' && error.code !== undefined) {
      return error.data === undefined
        ? { code: error.code, message: error.message }
        : { code: error.code, message: error.message, data: error.data };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { code: ErrorCode.InternalError, message: message || 'Internal error' };
  }
}

/** Duck-typed check that works across bundles. */
export function isMcpError(value: unknown): value is McpError {
  return value instanceof Error && value.name === 'McpError' && typeof (value as McpError).kind === 'string';
}

/**
 * `error` as an `McpError`: itself if it is one, else one of kind `'transport'` whose message is
 * `context` and the error's message.
 *
 * @example
 * subscriber.error(asMcpError(error, 'SSE transport failed'));
 */
export function asMcpError(error: unknown, context: string): McpError {
  if (isMcpError(error)) return error;
  return new McpError('transport', `${context}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}
