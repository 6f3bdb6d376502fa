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

/** A GET of a session's SSE stream (`headers` on top: a `last-event-id`, say). */
export const getRequest = (sessionId: string, headers: Record<string, string> = {}): Request =>
  new Request(MCP_URL, {
    headers: { accept: 'text/event-stream', host: 'localhost', 'mcp-session-id': sessionId, ...headers },
  });

/** One SSE event as a reader of {@link readEvents} sees it. */
export interface ReadEvent {
  id?: string;
  data: string;
}

/**
 * Reads the SSE events of `response` as far as asked: `until(enough)` reads until `enough` holds
 * or the stream ends (then `ended` is true).
 */
export function readEvents(response: Response) {
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  const events: ReadEvent[] = [];
  let text = '';
  let ended = false;
  return {
    events,
    get ended() {
      return ended;
    },
    async until(enough: (got: ReadEvent[]) => boolean = () => false) {
      while (!enough(events)) {
        const { value, done } = await reader.read();
        if (done) {
          ended = true;
          break;
        }
        text += decoder.decode(value);
        const blocks = text.split('\n\n');
        text = blocks.pop()!;
        for (const block of blocks) {
          const id = /^id: (.*)$/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1];
          if (data !== undefined) events.push({ ...(id && { id }), data });
        }
      }
      return events;
    },
    cancel: () => reader.cancel(),
  };
}
