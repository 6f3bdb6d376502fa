/**
 * @module
 * The protocol revision a Streamable HTTP request speaks: its `MCP-Protocol-Version` header, or
 * what an `initialize` request will negotiate.
 */
import type { JSONRPCMessage, JSONRPCRequest } from '../../protocol/jsonrpc.js';
import { DEFAULT_NEGOTIATED_PROTOCOL_VERSION, negotiateProtocolVersion } from '../../protocol/versions.js';
import type { HttpAnswer } from './http-answer.js';
import { jsonRpcError, TRANSPORT_ERROR } from './http-utils.js';

/**
 * The version a request speaks (the default one without the header), or the 400 answer for one
 * not in `versions`.
 *
 * @example
 * requestVersion(request, SUPPORTED_PROTOCOL_VERSIONS) // '2025-11-25', or a 400 answer
 */
export function requestVersion(request: Request, versions: readonly string[]): string | HttpAnswer {
  const version = request.headers.get('mcp-protocol-version');
  if (version === null) return DEFAULT_NEGOTIATED_PROTOCOL_VERSION;
  if (versions.includes(version)) return version;
  return jsonRpcError(
    400,
    TRANSPORT_ERROR,
    `Bad Request: Unsupported protocol version: ${version} (supported versions: ${versions.join(', ')})`,
  );
}

/**
 * The version an `initialize` request will negotiate.
 *
 * @example
 * initializeVersion({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25' } }, versions)
 */
export function initializeVersion(message: JSONRPCMessage, versions: readonly string[]): string {
  const version = (message as JSONRPCRequest).params?.['protocolVersion'];
  return typeof version === 'string'
    ? negotiateProtocolVersion(version, versions)
    : DEFAULT_NEGOTIATED_PROTOCOL_VERSION;
}
