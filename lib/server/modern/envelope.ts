/**
 * @module
 * Reading the `_meta` envelope of a 2026-07-28 request, and checking it against the HTTP
 * `MCP-Protocol-Version` header: a missing or malformed envelope is -32602, a header that
 * disagrees is -32020, an unsupported version is -32022 with the versions served.
 */
import { ErrorCode, McpError } from '../../protocol/errors.js';
import type { JSONRPCRequest } from '../../protocol/jsonrpc.js';
import { isPlainRequestEnvelope, withFastPath } from '../../protocol/fast-path.js';
import { MetaKey, RequestEnvelopeSchema, type RequestEnvelope } from '../../protocol/modern.js';
import type { AuthInfo } from '../../auth/server/auth-info.js';

/** How a request reads an HTTP header (lower-case name); absent on stdio. */
export type HeaderReader = (name: string) => string | undefined;

/** The HTTP request that carried the message being handled (`ctx.http`). */
export interface HttpRequestDetails {
  /** Its headers (on a WebSocket, those of the upgrade request). */
  readonly headers: Headers;
}

/** What the HTTP layer knows about a request beyond its body. */
export interface RequestFacts {
  /** The request's headers; `undefined` when it did not come over HTTP. */
  readonly header?: HeaderReader;
  /** The identity the host's resource guard verified (`ctx.auth`). */
  readonly auth?: AuthInfo;
  /** The HTTP request that carried the message (`ctx.http`). */
  readonly http?: HttpRequestDetails;
}

/** A request's envelope and its whole `_meta`. */
export interface ReadEnvelope {
  readonly envelope: RequestEnvelope;
  readonly meta: Record<string, unknown>;
}

/** The envelope's schema, with a structural check first for the usual envelope. */
const ENVELOPE = withFastPath(RequestEnvelopeSchema, isPlainRequestEnvelope);

/**
 * The envelope of `request`, or throws the McpError to answer (all of them HTTP 400).
 *
 * @example
 * const { envelope } = readEnvelope(request, { header: (name) => req.headers[name] }, ['2026-07-28']);
 */
export function readEnvelope(request: JSONRPCRequest, facts: RequestFacts, supported: readonly string[]): ReadEnvelope {
  const meta = request.params?._meta;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw McpError.protocol(ErrorCode.InvalidParams, 'Invalid params: the request has no _meta envelope');
  }
  const version = (meta as Record<string, unknown>)[MetaKey.protocolVersion];
  if (typeof version !== 'string')
    throw McpError.protocol(ErrorCode.InvalidParams, `Invalid params: _meta has no ${MetaKey.protocolVersion}`);
  if (facts.header) {
    const header = facts.header('mcp-protocol-version')?.trim();
    if (header !== version) {
      throw McpError.protocol(
        ErrorCode.HeaderMismatch,
        `Header mismatch: MCP-Protocol-Version ${header === undefined ? 'is missing' : `'${header}'`} but _meta says '${version}'`,
      );
    }
  }
  if (!supported.includes(version)) {
    throw McpError.protocol(ErrorCode.UnsupportedProtocolVersion, `Unsupported protocol version: ${version}`, {
      supported: [...supported],
      requested: version,
    });
  }
  const parsed = ENVELOPE.safeParse(meta);
  if (!parsed.success)
    throw McpError.protocol(
      ErrorCode.InvalidParams,
      `Invalid params: malformed _meta envelope: ${parsed.error.message}`,
    );
  return { envelope: parsed.data, meta: meta as Record<string, unknown> };
}
