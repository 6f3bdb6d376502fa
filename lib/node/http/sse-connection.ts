/**
 * @module
 * One Server-Sent Events response: headers, events, the priming event, keep-alive comments.
 */
import type { ServerResponse } from 'node:http';

/** Options of {@link openSseConnection}. */
export interface SseConnectionOptions {
  /** Extra response headers (such as `Mcp-Session-Id`). */
  headers?: Record<string, string>;
  /**
   * Milliseconds between `: keep-alive` comments, which keep proxies from closing an idle
   * stream and reveal dead peers; `0` disables them.
   *
   * @defaultValue 15 000
   */
  keepAliveInterval?: number;
}

/** A Server-Sent Events stream being written. Create with {@link openSseConnection}. */
export interface SseConnection {
  /** Whether the stream has ended (by {@link SseConnection.end} or because the peer went away). */
  readonly closed: boolean;
  /** Writes one event; `data` must hold no line breaks (JSON from `JSON.stringify` never does). */
  send(data: string, options?: { id?: string; event?: string }): void;
  /** Writes the priming event: an id with empty data, and the reconnection delay if given. */
  prime(id: string, retry?: number): void;
  /** Ends the response. */
  end(): void;
  /** Calls `listener` once when the stream closes, however it closes. */
  onClose(listener: () => void): void;
}

/**
 * Sends the SSE response headers on `res` and returns a writer of events. The keep-alive timer
 * is cleared when the stream closes, whichever side closes it.
 *
 * @example
 * const sse = openSseConnection(res, { headers: { 'mcp-session-id': id } });
 * sse.send(JSON.stringify(message), { id: '1', event: 'message' });
 * sse.end();
 */
export function openSseConnection(res: ServerResponse, options: SseConnectionOptions = {}): SseConnection {
  const listeners: (() => void)[] = [];
  let closed = false;
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...options.headers,
  });
  res.flushHeaders();

  const write = (chunk: string) => {
    if (!closed && !res.writableEnded && !res.destroyed) res.write(chunk);
  };
  const interval = options.keepAliveInterval ?? 15_000;
  const keepAlive = interval > 0 ? setInterval(() => write(': keep-alive\n\n'), interval) : undefined;
  keepAlive?.unref();

  const onClosed = () => {
    if (closed) return;
    closed = true;
    if (keepAlive) clearInterval(keepAlive);
    res.off('close', onClosed);
    res.off('error', onClosed);
    for (const listener of listeners.splice(0)) listener();
  };
  res.on('close', onClosed);
  res.on('error', onClosed);

  return {
    get closed() {
      return closed;
    },
    send(data, event = {}) {
      write(`${event.event ? `event: ${event.event}\n` : ''}${event.id ? `id: ${event.id}\n` : ''}data: ${data}\n\n`);
    },
    prime(id, retry) {
      write(`id: ${id}\n${retry !== undefined ? `retry: ${retry}\n` : ''}data: \n\n`);
    },
    end() {
      if (!closed && !res.writableEnded) res.end();
      onClosed();
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
  };
}
