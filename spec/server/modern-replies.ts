/** One 2026-07-28 request served in process by an `McpServer`, for the server and Redis specs. */
import { map, type Observable } from 'rxjs';
import type { McpServer } from '../../lib/server/mcp-server.js';
import { request } from '../../lib/testing/messages.js';

/**
 * The messages of one 2026-07-28 request served by `server` (notifications, then the answer),
 * with the envelope naming `capabilities`.
 */
export function modernReplies(
  server: McpServer,
  id: number | string,
  method: string,
  params: Record<string, unknown> = {},
  capabilities: Record<string, unknown> = {},
): Observable<Record<string, any>> {
  const meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': capabilities,
  };
  return server
    .serveModern(request(id, method, { ...params, _meta: meta }), {})
    .pipe(map(({ message }) => message as Record<string, any>));
}

/** The result of a reply, or `{ error: code }`. */
export const resultOrCode = (reply: Record<string, any>): Record<string, any> =>
  'error' in reply ? { error: reply['error'].code } : reply['result'];
