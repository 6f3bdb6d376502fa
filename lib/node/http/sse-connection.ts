/**
 * @module
 * One Server-Sent Events response: headers, events, the priming event, keep-alive comments.
 */
import type { ServerResponse } from 'node:http';
import { corkPerTick } from '../cork-per-tick.js';
import { startTicking, stopTicking } from '../ticker.js';

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
  /**
   * Bytes waiting to be written above which the stream is cut off (its response destroyed): a
   * client that does not read cannot make the server buffer without bound. 0 disables.
   *
   * @defaultValue 0
   */
  maxQueuedBytes?: number;
}

/** A Server-Sent Events stream being written. Create with {@link openSseConnection}. */
export interface SseConnection {
  /** Writes one event; `data` must hold no line breaks (JSON from `JSON.stringify` never does). */
  send(data: string, options?: { id?: string; event?: string }): void;
  /** Writes the priming event: an id with empty data, and the reconnection delay if given. */
  prime(id: string, retry?: number): void;
  /** Ends the response. */
  end(): void;
  /** Calls `listener` once when the stream closes, however it closes. */
  onClose(listener: () => void): void;
  /** Bytes written to the stream but not yet taken by the operating system. */
  readonly queuedBytes: number;
  /** Whether the stream was cut off for exceeding `maxQueuedBytes`. */
  readonly overflowed: boolean;
}

/**
 * Sends the SSE response headers on `res` (with whatever is written in the same tick) and
 * returns a writer of events. Keep-alive comments stop when the stream closes, whichever side
 * closes it.
 *
 * @example
 * const sse = openSseConnection(res, { headers: { 'mcp-session-id': id } });
 * sse.send(JSON.stringify(message), { id: '1', event: 'message' });
 * sse.end();
 */
export function openSseConnection(res: ServerResponse, options: SseConnectionOptions = {}): SseConnection {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...options.headers,
  });
  // The headers leave at once, together with what this tick writes (the priming event, and often
  // the response itself and the end of the stream): one write instead of up to four.
  corkPerTick(res)();
  res.flushHeaders();
  return new NodeSseConnection(res, options.keepAliveInterval ?? 15_000, options.maxQueuedBytes ?? 0);
}

/**
 * An open SSE response. A class, as a server holds one per open stream: its methods are shared,
 * its keep-alive comments ride a timer shared by every stream of the same interval, and its one
 * own closure is the `close` / `error` listener.
 */
class NodeSseConnection implements SseConnection {
  #closed = false;
  #overflowed = false;
  readonly #res: ServerResponse;
  readonly #keepAliveInterval: number;
  readonly #maxQueuedBytes: number;
  /** One listener, or several, or none: most streams have exactly one. */
  #listeners: (() => void) | (() => void)[] | undefined = undefined;
  readonly #onClosed = () => {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#keepAliveInterval > 0) stopTicking(this.#keepAliveInterval, this);
    this.#res.off('close', this.#onClosed);
    this.#res.off('error', this.#onClosed);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (typeof listeners === 'function') listeners();
    else if (listeners) for (const listener of listeners) listener();
  };

  constructor(res: ServerResponse, keepAliveInterval: number, maxQueuedBytes: number) {
    this.#res = res;
    this.#keepAliveInterval = keepAliveInterval;
    this.#maxQueuedBytes = maxQueuedBytes;
    if (keepAliveInterval > 0) startTicking(keepAliveInterval, this);
    res.on('close', this.#onClosed);
    res.on('error', this.#onClosed);
  }

  send(data: string, event: { id?: string; event?: string } = {}): void {
    this.#write(`${event.event ? `event: ${event.event}\n` : ''}${event.id ? `id: ${event.id}\n` : ''}data: ${data}\n\n`);
  }

  prime(id: string, retry?: number): void {
    this.#write(`id: ${id}\n${retry !== undefined ? `retry: ${retry}\n` : ''}data: \n\n`);
  }

  end(): void {
    if (!this.#closed && !this.#res.writableEnded) this.#res.end();
    this.#onClosed();
  }

  onClose(listener: () => void): void {
    if (this.#closed) listener();
    else if (this.#listeners === undefined) this.#listeners = listener;
    else if (typeof this.#listeners === 'function') this.#listeners = [this.#listeners, listener];
    else this.#listeners.push(listener);
  }

  get queuedBytes(): number {
    return this.#closed ? 0 : this.#res.writableLength;
  }

  get overflowed(): boolean {
    return this.#overflowed;
  }

  /** Writes a keep-alive comment (called by the shared timer). */
  tick(): void {
    this.#write(': keep-alive\n\n');
  }

  #write(chunk: string): void {
    const res = this.#res;
    if (this.#closed || res.writableEnded || res.destroyed) return;
    res.write(chunk);
    // A consumer that does not read: cut it off rather than buffer without bound.
    if (this.#maxQueuedBytes > 0 && res.writableLength > this.#maxQueuedBytes) {
      this.#overflowed = true;
      res.destroy();
      this.#onClosed();
    }
  }
}
