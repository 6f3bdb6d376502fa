// Raw fetch helpers for HTTP-level assertions on the Streamable HTTP endpoint.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export const LATEST = '2025-11-25';
export const ACCEPT_BOTH = 'application/json, text/event-stream';

export const initializeRequest = (id: number | string = 1, protocolVersion = LATEST) => ({
  jsonrpc: '2.0' as const,
  id,
  method: 'initialize',
  params: { protocolVersion, capabilities: { roots: {} }, clientInfo: { name: 'raw', version: '0.0.0' } },
});

export const callTool = (id: number, name: string, args: Record<string, unknown> = {}, progressToken?: number) => ({
  jsonrpc: '2.0' as const,
  id,
  method: 'tools/call',
  params: { name, arguments: args, ...(progressToken === undefined ? {} : { _meta: { progressToken } }) },
});

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: ACCEPT_BOTH, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Initializes a session (initialize + notifications/initialized) and returns its id. */
export async function openSession(url: string, protocolVersion = LATEST): Promise<string> {
  const response = await post(url, initializeRequest(1, protocolVersion));
  expect(response.status).toBe(200);
  const sessionId = response.headers.get('mcp-session-id');
  expect(sessionId).toBeTruthy();
  await response.json();
  const initialized = await post(
    url,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    sessionHeaders(sessionId!, protocolVersion),
  );
  expect(initialized.status).toBe(202);
  return sessionId!;
}

export const sessionHeaders = (sessionId: string, protocolVersion = LATEST): Record<string, string> => ({
  'mcp-session-id': sessionId,
  'mcp-protocol-version': protocolVersion,
});

/** Opens the session's GET stream (`extra` adds headers, e.g. `last-event-id`). */
export const getStream = (url: string, sessionId: string, extra: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { headers: { accept: 'text/event-stream', ...sessionHeaders(sessionId), ...extra } });

/** An incremental reader of an SSE response. */
export interface SseReader {
  readonly events: EventSourceMessage[];
  readonly comments: string[];
  retry: number | undefined;
  /** Resolves once `predicate` holds for the events read so far (rejects when the stream ends first). */
  until(predicate: (events: EventSourceMessage[]) => boolean, timeoutMs?: number): Promise<EventSourceMessage[]>;
  /** Resolves when the stream ends, with every event. */
  readonly done: Promise<EventSourceMessage[]>;
  /** Aborts the stream from the client side. */
  cancel(): Promise<void>;
}

export function readSse(response: Response): SseReader {
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const wake = () => waiters.forEach((waiter) => waiter());
  const reader: SseReader = {
    events,
    comments,
    retry: undefined,
    until(predicate, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timeout = setTimeout(
          () => finish(new Error(`timed out; events so far: ${JSON.stringify(events)}`)),
          timeoutMs,
        );
        const finish = (error?: Error) => {
          clearTimeout(timeout);
          waiters.delete(check);
          if (error) reject(error);
          else resolve(events);
        };
        const check = () => {
          if (predicate(events)) finish();
          else if (ended) finish(new Error(`stream ended; events: ${JSON.stringify(events)}`));
        };
        waiters.add(check);
        check();
      });
    },
    done: undefined as unknown as Promise<EventSourceMessage[]>,
    cancel: () => body.cancel().catch(() => undefined),
  };
  const parser = createParser({
    onEvent: (event) => {
      events.push(event);
      wake();
    },
    onRetry: (retry) => {
      reader.retry = retry;
    },
    onComment: (comment) => {
      comments.push(comment);
      wake();
    },
  });
  const body = response.body!.getReader();
  const decoder = new TextDecoder();
  (reader as { done: Promise<EventSourceMessage[]> }).done = (async () => {
    try {
      for (;;) {
        const { value, done } = await body.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // Cancelled or reset.
    }
    ended = true;
    wake();
    return events;
  })();
  return reader;
}

/** The JSON-RPC messages among SSE events (skipping the priming event's empty data). */
export const messagesOf = (events: EventSourceMessage[]): Record<string, unknown>[] =>
  events.filter((event) => event.data !== '').map((event) => JSON.parse(event.data) as Record<string, unknown>);

/** A legacy HTTP+SSE session opened with a raw GET: its stream and the URL to POST messages to. */
export interface LegacySession {
  readonly stream: SseReader;
  readonly endpoint: string;
}

/** Opens a legacy session at `<base>/sse` (`headers` adds request headers, e.g. `origin`). */
export async function openLegacySession(base: string, headers: Record<string, string> = {}): Promise<LegacySession> {
  const response = await fetch(`${base}/sse`, { headers: { accept: 'text/event-stream', ...headers } });
  expect(response.status).toBe(200);
  const stream = readSse(response);
  const events = await stream.until((seen) => seen.some((event) => event.event === 'endpoint'));
  return { stream, endpoint: new URL(events.find((event) => event.event === 'endpoint')!.data, base).href };
}
