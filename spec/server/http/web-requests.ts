/** Web `Request`s to a fetch handler's `/mcp`, for the specs that call it with no sockets. */
export const MCP_URL = 'http://localhost/mcp';

/** A POST of one JSON-RPC message (with the session's id, if any, and `headers` on top). */
export const postRequest = (body: unknown, sessionId?: string, headers: Record<string, string> = {}): Request =>
  new Request(MCP_URL, {
    method: 'POST',
    headers: {
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
      host: 'localhost',
      ...(sessionId ? { 'mcp-session-id': sessionId } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
