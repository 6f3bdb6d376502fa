/** 2026-07-28 requests over raw HTTP (the `_meta` envelope and the SEP-2243 headers). */
import { messagesOf, readSse, type SseReader } from '../../node/http/helpers/raw-http.js';

export const MODERN = '2026-07-28';

export const envelope = (capabilities: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  'io.modelcontextprotocol/protocolVersion': MODERN,
  'io.modelcontextprotocol/clientCapabilities': capabilities,
  'io.modelcontextprotocol/clientInfo': { name: 'cluster-spec', version: '1' },
  ...extra,
});

/** POSTs one modern request; `params._meta` gets the envelope (merged with what `params._meta` has). */
export function modernPost(
  url: string,
  id: number | string,
  method: string,
  params: Record<string, unknown> = {},
  capabilities: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<Response> {
  const name = (params['name'] ?? params['uri'] ?? params['taskId']) as string | undefined;
  const meta = { ...envelope(capabilities), ...(params['_meta'] as Record<string, unknown> | undefined) };
  return fetch(url, {
    method: 'POST',
    signal,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': MODERN,
      'mcp-method': method,
      ...(name === undefined ? {} : { 'mcp-name': name }),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } }),
  });
}

/** Every message of a modern response, JSON or SSE; the last one is the response. */
export async function modernMessages(response: Response): Promise<Record<string, unknown>[]> {
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  if (response.headers.get('content-type')?.startsWith('text/event-stream'))
    return messagesOf(await readSse(response).done);
  return [(await response.json()) as Record<string, unknown>];
}

/** A call's messages (progress first, the response last). */
export const modernCall = async (
  url: string,
  id: number | string,
  method: string,
  params: Record<string, unknown> = {},
  capabilities: Record<string, unknown> = {},
) => modernMessages(await modernPost(url, id, method, params, capabilities));

/** Opens `subscriptions/listen` and reads it as it comes. */
export async function openListen(url: string, id: string, notifications: Record<string, unknown>): Promise<SseReader> {
  const response = await modernPost(url, id, 'subscriptions/listen', { notifications });
  if (!response.ok) throw new Error(`listen: HTTP ${response.status}`);
  return readSse(response);
}

export { messagesOf };
