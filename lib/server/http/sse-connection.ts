/**
 * @module
 * One Server-Sent Events response as a web `Response` whose body is written as events happen:
 * headers, events, the priming event, keep-alive comments on a scheduler.
 */
import type { SchedulerLike } from 'rxjs';
import { startTicking, stopTicking } from './ticker.js';

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
  /** Where the keep-alive comments are timed. */
  scheduler: SchedulerLike;
}

/** A Server-Sent Events stream being written. Create with {@link openSseConnection}. */
export interface SseConnection {
  /** The response to return; its body is the stream. */
  readonly response: Response;
  /** Writes one event; `data` must hold no line breaks (JSON from `JSON.stringify` never does). */
  send(data: string, options?: { id?: string; event?: string }): void;
  /** Writes the priming event: an id with empty data, and the reconnection delay if given. */
  prime(id: string, retry?: number): void;
  /** Ends the stream. */
  end(): void;
  /** Calls `listener` once when the stream closes, however it closes (ended, or cancelled by the client leaving). */
  onClose(listener: () => void): void;
}

/** The headers of every SSE answer. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

const encoder = new TextEncoder();

/**
 * Opens an SSE response and returns a writer of its events. Keep-alive comments stop when the
 * stream closes, whichever side closes it.
 *
 * @example
 * const sse = openSseConnection({ headers: { 'mcp-session-id': id }, scheduler: asyncScheduler });
 * sse.send(JSON.stringify(message), { id: '1', event: 'message' });
 * return sse.response;
 */
export function openSseConnection(options: SseConnectionOptions): SseConnection {
  return new WebSseConnection(options);
}

/**
 * An open SSE response. A class, as a server holds one per open stream: its methods are shared,
 * its keep-alive comments ride a timer shared by every stream of the same interval.
 */
class WebSseConnection implements SseConnection {
  readonly response: Response;
  #closed = false;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  readonly #keepAliveInterval: number;
  readonly #scheduler: SchedulerLike;
  /** One listener, or several, or none: most streams have exactly one. */
  #listeners: (() => void) | (() => void)[] | undefined = undefined;

  constructor(options: SseConnectionOptions) {
    this.#keepAliveInterval = options.keepAliveInterval ?? 15_000;
    this.#scheduler = options.scheduler;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
      cancel: () => this.#onClosed(),
    });
    this.response = new Response(body, { status: 200, headers: options.headers ? { ...SSE_HEADERS, ...options.headers } : SSE_HEADERS });
    if (this.#keepAliveInterval > 0) startTicking(this.#scheduler, this.#keepAliveInterval, this);
  }

  send(data: string, event: { id?: string; event?: string } = {}): void {
    this.#write(`${event.event ? `event: ${event.event}\n` : ''}${event.id ? `id: ${event.id}\n` : ''}data: ${data}\n\n`);
  }

  prime(id: string, retry?: number): void {
    this.#write(`id: ${id}\n${retry !== undefined ? `retry: ${retry}\n` : ''}data: \n\n`);
  }

  end(): void {
    if (this.#closed) return;
    try {
      this.#controller.close();
    } catch {
      // Already closed or errored by the consumer.
    }
    this.#onClosed();
  }

  onClose(listener: () => void): void {
    if (this.#closed) listener();
    else if (this.#listeners === undefined) this.#listeners = listener;
    else if (typeof this.#listeners === 'function') this.#listeners = [this.#listeners, listener];
    else this.#listeners.push(listener);
  }

  /** Writes a keep-alive comment (called by the shared timer). */
  tick(): void {
    this.#write(': keep-alive\n\n');
  }

  #write(chunk: string): void {
    if (this.#closed) return;
    try {
      this.#controller.enqueue(encoder.encode(chunk));
    } catch {
      this.#onClosed();
    }
  }

  #onClosed(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#keepAliveInterval > 0) stopTicking(this.#scheduler, this.#keepAliveInterval, this);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (typeof listeners === 'function') listeners();
    else if (listeners) for (const listener of listeners) listener();
  }
}
