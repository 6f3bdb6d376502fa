/**
 * @module
 * The headers a Streamable HTTP POST mirrors from its body (SEP-2243, SEP-2575): `Mcp-Method`,
 * `Mcp-Name` for the named requests, `MCP-Protocol-Version` from a 2026-07-28 `_meta` envelope,
 * and `Mcp-Param-{Name}` for each `x-mcp-header` argument of a `tools/call`.
 */
import { encodeHeaderValue, type HeaderParam, valueAtPath } from '../../protocol/header-params.js';
import type { JSONRPCMessage } from '../../protocol/jsonrpc.js';
import { MetaKey } from '../../protocol/modern.js';

/** The `x-mcp-header` parameters of a tool by name, as the client last listed it. */
export type HeaderParamsLookup = (tool: string) => readonly HeaderParam[] | undefined;

/**
 * The headers `message` mirrors. The protocol version of the body's envelope wins over the one
 * the session negotiated, so a probe and a retry at another version carry a matching header.
 *
 * @example
 * messageHeaders({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'add' } })
 * // { 'mcp-method': 'tools/call', 'mcp-name': 'add' }
 */
export function messageHeaders(message: JSONRPCMessage, headerParams?: HeaderParamsLookup): Record<string, string> {
  if (!('method' in message)) return {};
  const headers: Record<string, string> = { 'mcp-method': message.method };
  const params = (message.params ?? {}) as Record<string, unknown>;
  const meta = params['_meta'] as Record<string, unknown> | undefined;
  const version = meta?.[MetaKey.protocolVersion];
  if (typeof version === 'string') headers['mcp-protocol-version'] = version;
  const name =
    message.method === 'resources/read'
      ? params['uri']
      : message.method === 'tools/call' || message.method === 'prompts/get'
        ? params['name']
        : undefined;
  if (typeof name !== 'string') return headers;
  headers['mcp-name'] = encodeHeaderValue(name)!;
  if (message.method !== 'tools/call' || !headerParams) return headers;
  for (const { header, path } of headerParams(name) ?? []) {
    const value = encodeHeaderValue(valueAtPath(params['arguments'], path));
    if (value !== undefined) headers[`mcp-param-${header.toLowerCase()}`] = value;
  }
  return headers;
}
