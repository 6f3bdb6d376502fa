/**
 * @module
 * The request headers of SEP-2243 (2026-07-28 Streamable HTTP): `Mcp-Method` must repeat the
 * method, `Mcp-Name` the tool/prompt name, resource URI or task id (SEP-2663), and `Mcp-Param-{Name}` each argument
 * a tool marks with `x-mcp-header`; values may use the `=?base64?…?=` sentinel. Any mismatch
 * is -32020 (HeaderMismatch, HTTP 400).
 */
import { ErrorCode, McpError } from '../../protocol/errors.js';
import type { JSONRPCRequest } from '../../protocol/jsonrpc.js';
import { TASK_EXTENSION_METHODS } from '../../protocol/tasks-extension.js';
import type { HeaderReader } from './envelope.js';

/** A tool's `x-mcp-header` parameters: header name suffix → argument name. */
export type HeaderParams = ReadonlyArray<{ readonly header: string; readonly argument: string }>;

const mismatch = (message: string) => McpError.protocol(ErrorCode.HeaderMismatch, `Header mismatch: ${message}`);

/**
 * Throws -32020 unless the standard and `x-mcp-header` headers agree with the body.
 *
 * @example
 * checkRequestHeaders(request, header, (name) => toolHeaderParams(name));
 */
export function checkRequestHeaders(
  request: JSONRPCRequest,
  header: HeaderReader,
  headerParams: (tool: string) => HeaderParams | undefined,
): void {
  const method = header('mcp-method')?.trim();
  if (method !== request.method)
    throw mismatch(
      method === undefined
        ? 'Mcp-Method is missing'
        : `Mcp-Method '${method}' does not match body method '${request.method}'`,
    );
  const params = request.params ?? {};
  const name =
    request.method === 'resources/read'
      ? params['uri']
      : request.method === 'tools/call' || request.method === 'prompts/get'
        ? params['name']
        : TASK_EXTENSION_METHODS.has(request.method)
          ? params['taskId']
          : undefined;
  if (typeof name === 'string') {
    const value = decodeHeaderValue(header('mcp-name'), 'Mcp-Name');
    if (value !== name)
      throw mismatch(
        value === undefined ? 'Mcp-Name is missing' : `Mcp-Name '${value}' does not match body value '${name}'`,
      );
  }
  if (request.method !== 'tools/call' || typeof name !== 'string') return;
  const args = (params['arguments'] ?? {}) as Record<string, unknown>;
  for (const { header: suffix, argument } of headerParams(name) ?? []) {
    const headerName = `Mcp-Param-${suffix}`;
    const value = decodeHeaderValue(header(headerName.toLowerCase()), headerName);
    const body = args[argument];
    if (body === undefined || body === null) {
      if (value !== undefined) throw mismatch(`${headerName} is set but argument ${argument} is absent`);
      continue;
    }
    if (value === undefined) throw mismatch(`${headerName} is missing for argument ${argument}`);
    if (value !== String(body)) throw mismatch(`${headerName} '${value}' does not match argument ${argument}`);
  }
}

/**
 * The `x-mcp-header` parameters of a tool's input schema (top-level and nested `properties` chains).
 *
 * @example
 * headerParamsOf({ type: 'object', properties: { region: { type: 'string', 'x-mcp-header': 'Region' } } }) // [{ header: 'Region', argument: 'region' }]
 */
export function headerParamsOf(schema: Record<string, unknown> | undefined): HeaderParams {
  const found: Array<{ header: string; argument: string }> = [];
  const properties = schema?.['properties'];
  if (typeof properties !== 'object' || properties === null) return found;
  for (const [argument, property] of Object.entries(properties as Record<string, Record<string, unknown>>)) {
    const header = property?.['x-mcp-header'];
    if (typeof header === 'string') found.push({ header, argument });
  }
  return found;
}

/** A header value with OWS trimmed and the base64 sentinel decoded; throws -32020 on bad base64. */
function decodeHeaderValue(raw: string | undefined, name: string): string | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim();
  const sentinel = /^=\?base64\?(.*)\?=$/.exec(value);
  if (!sentinel) return value;
  const encoded = sentinel[1]!;
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(encoded))
    throw mismatch(`${name} is not valid base64`);
  const binary = globalThis.atob(encoded);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    throw mismatch(`${name} is not UTF-8`);
  }
}
